"""`cleaner explain` follows `build`: records of JSON Lines, Parquet and WARC files one by one,
`--record ID`, standard input as `-`, and the build's outcome, duplicates included; the build's
rejected rows carry record_id, and duplicate_of names the record that was kept."""

from __future__ import annotations

import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_cli import cleaner, one_clear_line

from cleaner.run.build import build
from cleaner.settings import Settings

ARTICLE = ("首页 | 新闻中心 | 地方动态\n"
           "本地新建的社区图书馆本周正式向居民开放，馆内藏书两万余册，设有儿童阅读区和自习室。\n"
           "图书馆负责人介绍，开馆后每天上午九点至晚上九点对外服务，周一闭馆进行整理。\n"
           "不少居民带着孩子前来借书，大家表示家门口有了安静的读书地方，周末又多了一个好去处。\n")
RECORDS = [{"id": "a", "text": ARTICLE}, {"id": "b", "text": ARTICLE}, {"id": "c", "text": "  "}]


def jsonl_bytes() -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS).encode("utf-8")


def warc_bytes() -> bytes:
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for r in RECORDS:
        record = writer.create_warc_record(f"https://example.org/{r['id']}", "resource",
                                           payload=io.BytesIO(r["text"].encode("utf-8")),
                                           warc_content_type="text/plain; charset=utf-8",
                                           warc_headers_dict={"WARC-Record-ID": f"<urn:test:{r['id']}>"})
        writer.write_record(record)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def containers(tmp_path_factory):
    root = tmp_path_factory.mktemp("containers")
    (root / "pages.jsonl").write_bytes(jsonl_bytes())
    pq.write_table(pa.Table.from_pylist(RECORDS), root / "pages.parquet")
    (root / "pages.warc").write_bytes(warc_bytes())
    return root


def headers(stdout: str) -> list[str]:
    return [ln for ln in stdout.splitlines() if "#" in ln.split(":")[0] and ": " in ln]


@pytest.mark.parametrize("name, ids", [("pages.jsonl", "abc"), ("pages.parquet", "abc"),
                                       ("pages.warc", ["<urn:test:a>", "<urn:test:b>", "<urn:test:c>"])])
def test_explain_shows_each_record_with_the_builds_outcome(containers, name, ids, tmp_path):
    r = cleaner("explain", str(containers / name), "--no-color")
    assert r.returncode == 0, r.stderr
    a, b, c = (f"{containers / name}#{i}" for i in ids)
    got = headers(r.stdout)
    assert len(got) == 3, r.stdout
    assert got[0].startswith(f"{a}: article, language zh")
    assert got[1].startswith(f"{b}: exact duplicate of {a}; article, language zh"), got[1]
    assert got[2].startswith(f"{c}: rejected (empty)"), got[2]

    build([str(containers / name)], str(tmp_path), "pages", "1.0.0", Settings(), workers=1)
    rejected = pq.read_table(tmp_path / "pages" / "1.0.0" / "data" / "rejected").to_pylist()
    assert [(row["record_id"], row["reason"], row["duplicate_of"]) for row in rejected] == [(ids[2], "empty", None)]
    articles = pq.read_table(tmp_path / "pages" / "1.0.0" / "data" / "articles").to_pylist()
    assert [(row["record_id"], row["duplicate_of"], row["duplicate_kind"]) for row in articles] == [
        (ids[0], None, None), (ids[1], f"{name}#{ids[0]}", "exact")]


def test_explain_and_build_reject_duplicates_when_asked(containers, tmp_path):
    r = cleaner("explain", str(containers / "pages.jsonl"), "--no-color", "--duplicates", "reject")
    assert r.returncode == 0, r.stderr
    got = headers(r.stdout)
    assert got[1].startswith(f"{containers / 'pages.jsonl'}#b: rejected (duplicate): exact duplicate of "
                             f"{containers / 'pages.jsonl'}#a"), got[1]
    build([str(containers / "pages.jsonl")], str(tmp_path), "pages", "1.0.0", Settings(duplicates="reject"), workers=1)
    rejected = pq.read_table(tmp_path / "pages" / "1.0.0" / "data" / "rejected").to_pylist()
    assert [(row["record_id"], row["reason"], row["duplicate_of"]) for row in rejected] == [
        ("b", "duplicate", "pages.jsonl#a"), ("c", "empty", None)]
    articles = pq.read_table(tmp_path / "pages" / "1.0.0" / "data" / "articles").to_pylist()
    assert [row["record_id"] for row in articles] == ["a"]


def test_record_picks_one_and_keeps_the_duplicate_verdict(containers):
    r = cleaner("explain", str(containers / "pages.jsonl"), "--record", "b", "--no-color")
    assert r.returncode == 0, r.stderr
    [header] = headers(r.stdout)
    assert header.startswith(f"{containers / 'pages.jsonl'}#b: exact duplicate of {containers / 'pages.jsonl'}#a")
    one_clear_line(cleaner("explain", str(containers / "pages.jsonl"), "--record", "zz"), "no record 'zz'", "a, b, c")


def test_standard_input_is_read_like_a_file_of_its_kind(containers):
    import subprocess

    from test_cli import CLEANER

    for name in ("pages.jsonl", "pages.parquet"):
        done = subprocess.run([str(CLEANER), "explain", "-", "--no-color"], input=(containers / name).read_bytes(),
                              capture_output=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr
        got = headers(done.stdout.decode("utf-8"))
        assert [h.split(":")[0] for h in got] == ["-#a", "-#b", "-#c"], got
        assert got[1].startswith("-#b: exact duplicate of -#a; article"), got[1]
    plain = subprocess.run([str(CLEANER), "explain", "-", "--no-color"], input=ARTICLE.encode("utf-8"),
                           capture_output=True, timeout=300, check=False)
    assert plain.returncode == 0 and plain.stdout.decode("utf-8").startswith("-: article, language zh")
