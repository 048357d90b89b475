"""Property-based: random Unicode and random bytes through decoding, cleaning and a whole build.

Fixed seed (`derandomize=True`) and a bounded number of examples, so CI runs the same cases
every time in well under a minute."""

from __future__ import annotations

import json
import re

import pyarrow.parquet as pq
from conftest import ROOT, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.clean.pipeline import clean
from cleaner.document import Article, Rejection, Source
from cleaner.read.files import decode_source
from cleaner.run import provenance
from cleaner.run.build import build
from cleaner.settings import Settings

SETTINGS = Settings()
PROPERTY = settings(derandomize=True, max_examples=300, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def documented_reasons() -> set[str]:
    """The reason codes of README.md's table: what a rejection may say."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Rejection reason codes", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z_]+)` \|", table, re.MULTILINE))


REASONS = documented_reasons()

# Real lines (navigation, bylines, paragraphs, footers) so that random pages mix real page
# structure with noise and often come out as articles with removals of every kind.
SEED_LINES = sorted({ln.strip() for p in SEEDS.glob("*.txt") for ln in p.read_text("utf-8").splitlines() if ln.strip()})
FURNITURE = ["首页 | 新闻 | 政务 | 财经 | 体育", "首页 >> 新闻 >> 正文", "来源：某某日报 2023-05-06 10:20",
             "记者 张三 通讯员 李四", "责任编辑：王五", "分享到：微信 微博 QQ空间", "相关新闻", "版权所有 © 某某网",
             "京ICP备12345678号", "AG超玩会入口", "加微信 abc12345 领取彩金", "上一篇：某某", "【打印】【关闭】"]
CJK = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府"
CHARS = st.one_of(
    st.characters(exclude_categories=("Cs",)),  # anything but lone surrogates
    st.sampled_from(CJK),
    st.sampled_from("，。！？；：“”‘’（）《》、…—·|>-_ \t\u3000\u00a0\u200b\n\r\x00\x0b\x0c\u2028"),
)
NOISE = st.text(CHARS, max_size=120)
LINE = st.one_of(NOISE, st.sampled_from(SEED_LINES), st.sampled_from(FURNITURE),
                 st.tuples(st.sampled_from(SEED_LINES), NOISE).map("".join))
PAGE = st.tuples(st.lists(LINE, max_size=25), st.lists(st.sampled_from(["\n", "\r\n", "\r", "\n\n", " \n"]), min_size=1, max_size=3)).map(
    lambda t: "".join(line + t[1][i % len(t[1])] for i, line in enumerate(t[0])))
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030", "gbk", "big5", "latin-1", "cp1252"]


def assert_accounted(result, source: Source) -> None:
    """An Article whose removals and kept blocks account for the decoded input, or a
    Rejection with a documented reason."""
    if isinstance(result, Rejection):
        assert result.reason in REASONS, result
        return
    assert isinstance(result, Article), result
    text = source.text
    covered = [False] * len(text)
    last_end = 0
    for r in sorted(result.removals, key=lambda r: (r.start, r.end)):
        assert 0 <= r.start < r.end <= len(text), r
        assert text[r.start:r.end] == r.text, r
        assert r.start >= last_end, f"removals overlap at {r.start}: {result.removals}"
        last_end = r.end
        covered[r.start:r.end] = [True] * (r.end - r.start)
    kept = "".join(s.text for s in result.segments if s.kind != "title")
    visible = "".join(ch for ch, c in zip(text, covered) if not c and not ch.isspace())
    assert visible == "".join(ch for ch in kept if not ch.isspace())
    for s in result.segments:
        assert "".join(s.sentences) == s.text
    assert result.text.strip()


def run(data: bytes, name: str = "doc.txt"):
    source = decode_source(data, name)
    if isinstance(source, Rejection):
        assert source.reason in REASONS, source
        return source, None
    assert isinstance(source, Source)
    assert "\r" not in source.text and "\x00" not in source.text
    result = clean(source, SETTINGS)
    assert_accounted(result, source)
    return source, result


@PROPERTY
@given(PAGE)
def test_random_unicode_pages_are_articles_or_documented_rejections(page):
    run(page.encode("utf-8"))


@PROPERTY
@given(PAGE, st.sampled_from(ENCODINGS))
def test_random_pages_in_other_encodings(page, encoding):
    run(page.encode(encoding, errors="ignore"))


@PROPERTY
@given(st.binary(max_size=4096))
def test_random_bytes(data):
    run(data)


@PROPERTY
@given(st.lists(st.one_of(st.binary(max_size=200), PAGE.map(lambda p: p.encode("utf-8"))), max_size=6))
def test_spliced_bytes_and_text(parts):
    """Text with binary garbage spliced in (a damaged download): still accounted for."""
    run(b"".join(parts))


CORPUS_FILE = st.one_of(
    PAGE.map(lambda p: p.encode("utf-8")),
    st.tuples(PAGE, st.sampled_from(ENCODINGS)).map(lambda t: t[0].encode(t[1], errors="ignore")),
    st.binary(max_size=2048),
    st.sampled_from([p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]),
)


@settings(derandomize=True, max_examples=12, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(st.lists(CORPUS_FILE, min_size=1, max_size=8))
def test_random_corpus_build_accounts_for_every_input(tmp_path_factory, files):
    """Every file of a random corpus is one article or one rejected row; the summary and the
    manifest count the same."""
    root = tmp_path_factory.mktemp("corpus")
    inputs, out = root / "in", root / "out"
    inputs.mkdir()
    names = [f"{i:02d}.txt" for i in range(len(files))]
    for name, data in zip(names, files):
        (inputs / name).write_bytes(data)
    summary = build([str(inputs)], str(out), "random", "1.0.0", SETTINGS, workers=1)
    version = out / "random" / "1.0.0"

    def rows(config):
        return [r for f in sorted((version / "data" / config).glob("*.parquet")) for r in pq.read_table(f).to_pylist()]

    articles, rejected = rows("articles"), rows("rejected")
    seen = [r["source_file"] for r in articles] + [r["source_file"] for r in rejected]
    assert sorted(seen) == names
    assert {r["reason"] for r in rejected} <= REASONS
    assert summary.read == len(files) == summary.kept + sum(summary.rejected.values())
    assert summary.kept == len(articles)
    assert dict(summary.rejected) == {k: sum(r["reason"] == k for r in rejected) for k in {r["reason"] for r in rejected}}
    manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rows"]["articles"] == len(articles) and manifest["rows"]["rejected"] == len(rejected)
    assert sorted(i["source_file"] for i in provenance.inputs(version)) == names
    assert manifest["documents"] == {"read": len(files), "articles": summary.kept, "rejected": dict(sorted(summary.rejected.items())),
                                     "duplicate_articles": dict(sorted(summary.duplicates.items()))}
    ids = {r["id"] for r in articles}
    assert {r["id"] for r in rows("segments")} <= ids and {r["id"] for r in rows("removals")} <= ids
    firsts = {a["source_file"] for a in articles if a["duplicate_of"] is None}
    assert all(a["duplicate_of"] in firsts for a in articles if a["duplicate_of"] is not None)
    assert sum(a["duplicate_of"] is not None for a in articles) == sum(summary.duplicates.values())
