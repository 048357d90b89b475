"""A build over a folder of broken inputs: every input becomes exactly one article or one
`rejected` row with a documented reason code, and the run summary counts every outcome.

(Decoding details — each encoding, mixed encodings, truncated UTF-8, NUL bytes — and the
language of single pages are covered in test_read.py and test_languages.py; here the same
kinds of input go through a whole build, side by side, with the file-system oddities.)"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import shutil
import signal
import time
from collections import Counter
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest
import yaml
from conftest import SEEDS
from test_languages import ENGLISH, JAPANESE
from test_properties import REASONS

from cleaner.clean.pipeline import clean
from cleaner.read.files import decode_source, iter_documents
from cleaner.read.walk import find_inputs, printable
from cleaner.run import provenance
from cleaner.run.build import build
from cleaner.settings import Settings

SEED = sorted(SEEDS.glob("*.txt"))
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# A traditional-Chinese page that Big5 can encode (no ©, no full-width dashes Big5 lacks).
BIG5_PAGE = """首頁 | 新聞 | 地方 | 生活 | 財經
港口城市擴建輕軌路線 預計三年完工
來源：港都日報　2021-11-02 09:15　記者 林美華
交通局昨日公布輕軌第二階段路線規劃，新路線將連接火車站、舊港區與大學城，全長約十四公里，沿線設置十八個車站。
局長在記者會上表示，工程經費已獲中央補助，預計明年上半年動工，完工後可望紓解市區交通壅塞，並帶動舊港區的觀光發展。
部分沿線商家擔心施工期間影響生意，交通局承諾將分段施工，並在各路口加派人員指揮交通，減少對居民生活的干擾。
本網站所有內容未經授權不得轉載
"""
BIG5_SENTENCE = "交通局昨日公布輕軌第二階段路線規劃"

# Two short simplified-Chinese pages for the oddly named files (distinct from every seed).
ODD_PAGE_A = """首页 | 新闻 | 社会 | 体育
社区图书馆延长开放时间
来源：城市晚报 2022-06-18
为方便上班族借阅，市图书馆各社区分馆自下月起每天开放至晚上九点，周末全天开放。
图书馆负责人介绍，延长开放时间后，分馆将增加自助借还设备，并安排志愿者在晚间协助读者查找资料。
不少读者表示，下班后终于有时间来图书馆看书，希望今后能增加更多适合儿童阅读的绘本。
"""
ODD_PAGE_B = """首页 | 新闻 | 科技 | 教育
高校开设人工智能通识课程
来源：教育周刊 2023-02-27
本学期起，多所高校面向全体本科生开设人工智能通识课程，内容涵盖基本原理、典型应用与伦理问题。
授课教师说，课程不要求编程基础，重在帮助学生理解新技术对社会生活的影响，并学会审慎使用相关工具。
选课系统开放当天，首批名额在半小时内被抢空，学校正考虑增开班次以满足学生需求。
"""
BOILERPLATE_PAGE = """首页 | 新闻 | 政务 | 图片 | 要闻 | 财经 | 论坛
首页 >> 新闻中心 >> 正文
分享到：微信 微博 QQ空间
【打印】【关闭】
版权所有 © 某某日报社 京ICP备12345678号
"""


@contextlib.contextmanager
def deadline(seconds: int):
    """Fail instead of hanging for ever (reading a FIFO blocks until a writer comes)."""
    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: an input blocked the build")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def first_sentence(text: str) -> str:
    """The first sentence of the longest line: a sentence of the article body."""
    longest = max(text.splitlines(), key=len).strip()
    return longest[:longest.index("。") + 1] if "。" in longest else longest[:30]


def reference_text(raw: bytes) -> str:
    """What the article text of these bytes is when they come as plain UTF-8."""
    return clean(decode_source(raw, "reference.txt"), Settings()).text


def load(version_dir: Path, config: str) -> list[dict]:
    """A config's rows: with `datasets` when the card lists the config, else (an empty config
    is left out of the card's configs) straight from its Parquet files."""
    card = (version_dir / "README.md").read_text(encoding="utf-8")
    listed = {c["config_name"] for c in yaml.safe_load(card.split("---")[1])["configs"]}
    if config in listed:
        return datasets.load_dataset(str(version_dir), config, split="train",
                                     cache_dir=str(version_dir.parent.parent / ".cache")).to_list()
    files = sorted((version_dir / "data" / config).glob("*.parquet"))
    return [r for f in files for r in pq.read_table(f).to_pylist()]


@pytest.fixture(scope="module")
def hard(tmp_path_factory):
    """The corpus of hard inputs, what each must become, and the published version."""
    root = tmp_path_factory.mktemp("hard")
    d = root / "in"
    d.mkdir()
    seed = [p.read_bytes() for p in SEED]
    expect: dict[str, tuple] = {}  # source_file -> ("article", language, sentence, reference) | ("rejected", reason, duplicate_of)

    def article(name, data, lang, sentence, reference=None):
        (d / name).write_bytes(data)
        expect[name] = ("article", lang, sentence, reference)

    def rejected(name, reason, duplicate_of=None):
        expect[name] = ("rejected", reason, duplicate_of)

    (d / "empty.txt").write_bytes(b"")
    rejected("empty.txt", "empty")
    rng = random.Random(6)
    (d / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(8192))
    rejected("image.png", "not_text")
    # Seeds re-encoded: same article text as the UTF-8 original.
    article("gbk.txt", seed[1].decode("utf-8").encode("gbk"), "zh", first_sentence(seed[1].decode()), reference_text(seed[1]))
    article("big5.txt", BIG5_PAGE.encode("big5"), "zh", BIG5_SENTENCE)
    article("utf16.txt", seed[2].decode("utf-8").encode("utf-16"), "zh", first_sentence(seed[2].decode()), reference_text(seed[2]))
    mojibake = seed[0].decode("utf-8").encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")
    assert mojibake != seed[0]
    article("mojibake.txt", mojibake, "zh", first_sentence(seed[0].decode()), reference_text(seed[0]))
    with_nul = seed[3].decode("utf-8").replace("。", "。\x00", 5).replace("\n", "\n\x00\x00", 3).encode("utf-8")
    article("nul.txt", with_nul, "zh", first_sentence(seed[3].decode()), reference_text(seed[3]))
    (d / "boilerplate.txt").write_text(BOILERPLATE_PAGE, encoding="utf-8")
    rejected("boilerplate.txt", "no_content")
    article("english.txt", ENGLISH.encode("utf-8"), "en", "The city council voted on Tuesday")
    article("japanese.txt", JAPANESE.encode("utf-8"), "ja", "市議会は火曜日")
    # Unreadable: a broken link, links that loop, a FIFO (reading it would block for ever), a
    # file and a folder without permissions; a link to a device (/dev/null here: /dev/zero, which
    # never ends, would exhaust memory if a regression read it) is outside_input.
    os.symlink(d / "nowhere.txt", d / "broken_link.txt")
    rejected("broken_link.txt", "unreadable")
    os.symlink("link_loop_b.txt", d / "link_loop_a.txt")
    os.symlink("link_loop_a.txt", d / "link_loop_b.txt")
    rejected("link_loop_a.txt", "unreadable")
    rejected("link_loop_b.txt", "unreadable")
    os.mkfifo(d / "fifo.txt")
    rejected("fifo.txt", "unreadable")
    os.symlink("/dev/null", d / "dev_null.txt")
    rejected("dev_null.txt", "outside_input")  # a link into /dev is never followed
    (d / "locked.txt").write_bytes(seed[4])
    rejected("locked.txt", "unreadable")
    (d / "locked_dir").mkdir()
    (d / "locked_dir" / "inside.txt").write_bytes(seed[4])
    rejected("locked_dir/", "unreadable")  # its files cannot even be listed
    # A folder that links back to the root: each file is read once.
    (d / "sub").mkdir()
    (d / "sub" / "boilerplate_inside.txt").write_text(BOILERPLATE_PAGE.replace("某某日报社", "另一家报社"), encoding="utf-8")
    rejected("sub/boilerplate_inside.txt", "no_content")
    os.symlink(d, d / "sub" / "loop")
    # Odd file names.
    article("spaces and emoji 😀 .txt", seed[4], "zh", first_sentence(seed[4].decode()), reference_text(seed[4]))
    article("new\nline.txt", ODD_PAGE_A.encode("utf-8"), "zh", "为方便上班族借阅")
    (d / "pipe | and `backtick`.txt").write_bytes(b" \n")
    rejected("pipe | and `backtick`.txt", "empty")
    bytes_name = b"latin1-\xe9\xff.txt"  # not UTF-8: kept, escaped, in source_file
    with open(os.fsencode(d) + b"/" + bytes_name, "wb") as f:
        f.write(ODD_PAGE_B.encode("utf-8"))
    expect[printable(os.fsdecode(bytes_name))] = ("article", "zh", "本学期起，多所高校", None)
    # Duplicates: an exact copy and a near copy (one body line changed), of pages kept earlier.
    shutil.copy(d / "gbk.txt", d / "gbk_exact_copy.txt")
    rejected("gbk_exact_copy.txt", "duplicate", "gbk.txt")
    lines = seed[2].decode("utf-8").split("\n")
    i = max(range(len(lines) // 2, len(lines)), key=lambda i: len(lines[i]))
    lines[i] = lines[i][: len(lines[i]) // 2] + "（本段有改动）。"
    (d / "utf16_near_copy.txt").write_text("\n".join(lines), encoding="utf-8")
    rejected("utf16_near_copy.txt", "duplicate", "utf16.txt")

    with pytest.MonkeyPatch.context() as mp:
        if IS_ROOT:  # root reads anything: make the permission errors happen as they would
            real_read, real_scandir = Path.read_bytes, os.scandir

            def read_bytes(self):
                if self.name == "locked.txt":
                    raise PermissionError(13, "Permission denied", str(self))
                return real_read(self)

            def scandir(path="."):
                if not isinstance(path, int) and os.fspath(path).endswith("locked_dir"):  # an fd: rmtree
                    raise PermissionError(13, "Permission denied", os.fspath(path))
                return real_scandir(path)

            mp.setattr(Path, "read_bytes", read_bytes)
            mp.setattr(os, "scandir", scandir)
        else:
            (d / "locked.txt").chmod(0)
            (d / "locked_dir").chmod(0)
        try:
            started = time.perf_counter()
            with deadline(60):
                summary = build([str(d)], str(root / "out"), "hard", "1.0.0", Settings(duplicates="reject"), workers=1)
            seconds = time.perf_counter() - started
        finally:
            (d / "locked.txt").chmod(0o644)
            (d / "locked_dir").chmod(0o755)
    version = root / "out" / "hard" / "1.0.0"
    return {"expect": expect, "summary": summary, "version": version, "seconds": seconds,
            "articles": load(version, "articles"), "rejected": load(version, "rejected"), "inputs": d}


def test_every_input_appears_exactly_once(hard):
    seen = [r["source_file"] for r in hard["articles"]] + [r["source_file"] for r in hard["rejected"]]
    assert Counter(seen) == Counter(list(hard["expect"])), "each input exactly once across articles + rejected"
    assert "locked_dir/inside.txt" not in seen and not any(s.startswith("sub/loop/") for s in seen)


@pytest.mark.parametrize("kind", ["article", "rejected"])
def test_each_input_has_the_right_outcome(hard, kind):
    articles = {r["source_file"]: r for r in hard["articles"]}
    rejected = {r["source_file"]: r for r in hard["rejected"]}
    for name, want in hard["expect"].items():
        if want[0] != kind:
            continue
        if kind == "article":
            _, lang, sentence, reference = want
            assert name in articles, (name, rejected.get(name))
            row = articles[name]
            assert row["language"] == lang, name
            assert sentence in row["text"], name
            assert "\x00" not in row["text"] and "\ufffd" not in row["text"], name
            if reference is not None:
                assert row["text"] == reference, f"{name}: decoded differently from its UTF-8 original"
        else:
            _, reason, duplicate_of = want
            assert name in rejected, (name, articles.get(name, {}).get("text", "")[:80])
            row = rejected[name]
            assert (row["reason"], row["duplicate_of"]) == (reason, duplicate_of), (name, row["detail"])
            assert row["reason"] in REASONS and row["detail"]


def test_provenance_of_decoded_inputs(hard):
    rows = {r["source_file"]: r for r in hard["articles"]}
    assert rows["gbk.txt"]["encoding"] == "gb18030"
    assert "big5" in rows["big5.txt"]["encoding"]
    assert rows["utf16.txt"]["encoding"] == "utf-16"
    assert rows["mojibake.txt"]["repairs"], "the mojibake repair is recorded"
    assert rows["nul.txt"]["source_bytes"] == (hard["inputs"] / "nul.txt").stat().st_size
    rejected = {r["source_file"]: r for r in hard["rejected"]}
    assert rejected["gbk_exact_copy.txt"]["detail"].startswith("exact")
    assert rejected["utf16_near_copy.txt"]["detail"].startswith("near")
    assert "FIFO" in rejected["fifo.txt"]["detail"] and "/dev" in rejected["dev_null.txt"]["detail"]
    assert rejected["broken_link.txt"]["source_sha256"] == ""


def test_the_summary_counts_every_outcome(hard):
    summary, expect = hard["summary"], hard["expect"]
    want = Counter(w[1] for w in expect.values() if w[0] == "rejected")
    assert summary.read == len(expect)
    assert summary.kept == sum(w[0] == "article" for w in expect.values()) == len(hard["articles"])
    assert summary.rejected == want
    assert summary.languages == Counter(w[1] for w in expect.values() if w[0] == "article")
    line = summary.line()
    assert f"{len(expect)} documents read, {summary.kept} kept, {sum(want.values())} rejected" in line
    for reason, n in want.items():
        assert f"{reason} {n}" in line
    manifest = json.loads((hard["version"] / "manifest.json").read_text(encoding="utf-8"))
    assert Counter(i["source_file"] for i in provenance.inputs(hard["version"])) == Counter(list(expect))
    assert "inputs" not in manifest and manifest["documents"]["read"] == len(expect)
    assert manifest["rows"]["rejected"] == sum(want.values())


def test_other_languages_are_rejected_in_a_build_when_only_chinese_is_wanted(hard, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for name in ("english.txt", "japanese.txt", "big5.txt"):
        shutil.copy(hard["inputs"] / name, d / name)
    summary = build([str(d)], str(tmp_path / "out"), "zh-only", "1.0.0", Settings(languages=("zh",)), workers=1)
    assert (summary.kept, dict(summary.rejected)) == (1, {"language": 2})
    rejected = {r["source_file"]: r["reason"] for r in load(tmp_path / "out" / "zh-only" / "1.0.0", "rejected")}
    assert rejected == {"english.txt": "language", "japanese.txt": "language"}


def test_an_unlistable_folder_is_one_unreadable_input(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "b.txt").write_text("x", encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("closed"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    docs = list(iter_documents(find_inputs([tmp_path])))
    assert [(r.relative, r.error and r.error[0]) for r in docs] == [("a.txt", None), ("closed/", "unreadable")]


def test_a_fifo_given_as_the_input_is_rejected_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    with deadline(30):
        docs = list(iter_documents(find_inputs([tmp_path / "pipe"])))
    assert [(r.relative, r.error[0]) for r in docs] == [("pipe", "unreadable")]


def test_a_50_mb_single_line_is_rejected_as_too_long_quickly(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    unit = "记者从有关部门获悉，“基层治理”工作取得新进展。"  # curly quotes: the mojibake check runs too
    data = (unit * (50_000_000 // len(unit.encode("utf-8")) + 1)).encode("utf-8")[:50_000_000]
    (d / "long_line.txt").write_bytes(data.decode("utf-8", errors="ignore").encode("utf-8"))
    shutil.copy(SEED[4], d / "normal.txt")
    started = time.perf_counter()
    summary = build([str(d)], str(tmp_path / "out"), "long", "1.0.0", Settings(), workers=1)
    seconds = time.perf_counter() - started
    print(f"50 MB single-line build: {seconds:.1f} s")
    assert (summary.kept, dict(summary.rejected)) == (1, {"too_long": 1})
    rows = load(tmp_path / "out" / "long" / "1.0.0", "rejected")
    assert [(r["source_file"], r["reason"]) for r in rows] == [("long_line.txt", "too_long")]
    assert seconds < 30, f"a 50 MB line took {seconds:.1f} s"


def test_the_card_lists_every_input_on_one_table_row(hard):
    card = (hard["version"] / "README.md").read_text(encoding="utf-8")
    table = card.split("| input | sha256 | outcome |", 1)[1].split("\n\n", 1)[0].strip().splitlines()[1:]
    assert len(table) == len(hard["expect"]), table
    for row in table:
        cells = re.split(r"(?<!\\)\|", row.strip())[1:-1]
        assert len(cells) == 3, row
