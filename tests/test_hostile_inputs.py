"""Hostile and broken inputs through a build: links never leak files from elsewhere, one bad record
never stops a run, no input vanishes, wrong kinds of values are not published as text, and two
input folders never give two documents one name."""

from __future__ import annotations

import gzip
import io
import json
import os
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import FIXTURES, SEEDS

from cleaner.clean.pipeline import clean
from cleaner.read.files import decode_source
from cleaner.run import engine, provenance
from cleaner.run.build import build
from cleaner.settings import DEFAULT, Settings

PAGES = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
SECRET = "AWS_SECRET_ACCESS_KEY=not-a-real-key"


def published(tmp_path: Path, inputs: list[Path], settings: Settings = DEFAULT,
              **kwargs) -> tuple[dict, list[dict], list[dict]]:
    """Build the inputs; (manifest, articles, rejected)."""
    out = tmp_path / "out"
    build([str(i) for i in inputs], str(out), "h", "1.0.0", settings, workers=1, **kwargs)
    version = out / "h" / "1.0.0"

    def rows(config: str) -> list[dict]:
        return [r for f in sorted((version / "data" / config).glob("*.parquet")) for r in pq.read_table(f).to_pylist()]

    manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    return manifest, rows("articles"), rows("rejected")


@pytest.fixture
def linked(tmp_path) -> Path:
    """in/ holding a page, links to a file and a folder outside it, to /proc, /dev and /etc, and a
    link that stays inside."""
    d, outside = tmp_path / "in", tmp_path / "outside"
    d.mkdir()
    outside.mkdir()
    (d / "page.txt").write_text(PAGES[0], encoding="utf-8")
    (outside / "secret.txt").write_text(SECRET + "\n" + PAGES[1], encoding="utf-8")
    (outside / "inner.txt").write_text(PAGES[2], encoding="utf-8")
    os.symlink(outside / "secret.txt", d / "leak.txt")
    os.symlink(outside, d / "linked_folder")
    os.symlink("/proc/self/environ", d / "environ.txt")
    os.symlink("/dev/zero", d / "zero.txt")
    os.symlink("/etc/passwd", d / "passwd.txt")
    os.symlink("page.txt", d / "same_page.txt")
    return d


def test_links_leaving_the_inputs_are_rejected_and_not_read(tmp_path, linked):
    manifest, articles, rejected = published(tmp_path, [linked])
    outcome = {r["source_file"]: r["reason"] for r in rejected}
    assert outcome == {"leak.txt": "outside_input", "linked_folder/": "outside_input", "environ.txt": "outside_input",
                       "zero.txt": "outside_input", "passwd.txt": "outside_input"}
    assert [(a["source_file"], a["duplicate_of"]) for a in articles] == [("page.txt", None), ("same_page.txt", "page.txt")]
    dump = json.dumps([manifest, articles, rejected], ensure_ascii=False, default=str)  # timestamps as text
    assert SECRET not in dump and "root:" not in dump
    assert all(r["source_sha256"] == "" for r in rejected if r["reason"] == "outside_input")
    assert all("/etc/passwd" not in r["detail"] for r in rejected), "the link's target is not recorded"


def test_follow_symlinks_reads_links_out_of_the_inputs_but_never_proc_sys_dev(tmp_path, linked):
    _, articles, rejected = published(tmp_path, [linked], follow_symlinks=True)
    outcome = {r["source_file"]: r["reason"] for r in rejected}
    assert {k: v for k, v in outcome.items() if v == "outside_input"} == {"environ.txt": "outside_input",
                                                                          "zero.txt": "outside_input"}
    names = {a["source_file"] for a in articles} | set(outcome)
    assert {"leak.txt", "linked_folder/inner.txt", "passwd.txt"} <= names


def test_an_input_folder_given_through_a_link_is_read(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "page.txt").write_text(PAGES[0], encoding="utf-8")
    os.symlink(real, tmp_path / "alias")
    _, articles, rejected = published(tmp_path, [tmp_path / "alias"])
    assert [a["source_file"] for a in articles] == ["page.txt"] and not rejected


def jsonl(path: Path, records: list[str]) -> None:
    path.write_text("\n".join(records) + "\n", encoding="utf-8")


def test_lone_surrogates_in_a_record_reject_that_record_only(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    good = json.dumps({"id": "good", "text": PAGES[0]}, ensure_ascii=False)
    page = PAGES[1].replace("\n", "\\n")
    jsonl(d / "docs.jsonl", ['{"text": "\\ud800"}', f'{{"id": "u", "url": "http://x/\\udc80", "text": "{page}"}}',
                             '{"id": "\\udfff", "text": "x"}', good])
    _, articles, rejected = published(tmp_path, [d])
    assert [a["record_id"] for a in articles] == ["good"]
    assert [r["reason"] for r in rejected] == ["undecodable"] * 3
    assert "lone surrogate (U+D800)" in rejected[0]["detail"] and "url" in rejected[1]["detail"]


def test_a_step_failing_after_cleaning_rejects_that_document_only(tmp_path, monkeypatch):
    """Row preparation (hashes, MinHash) sits inside the per-document guard too."""
    real = engine.prepare

    def prepare(result):
        if getattr(getattr(result, "source", None), "path", "") == "b.txt":
            raise MemoryError("simulated")
        return real(result)

    monkeypatch.setattr(engine, "prepare", prepare)
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(PAGES[0], encoding="utf-8")
    (d / "b.txt").write_text(PAGES[1], encoding="utf-8")
    _, articles, rejected = published(tmp_path, [d])
    assert [a["source_file"] for a in articles] == ["a.txt"]
    assert [(r["source_file"], r["reason"], r["detail"]) for r in rejected] == [("b.txt", "error", "MemoryError: simulated")]
    assert rejected[0]["id"], "an error row has the document's id"


def warc(records: list[tuple[str, bytes, str | None]], gz: bool = False) -> bytes:
    """(type, payload, HTTP content type or None) records as a WARC file."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i, (kind, payload, content_type) in enumerate(records):
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1") if content_type else None
        writer.write_record(writer.create_warc_record(f"https://news.example/{i}", kind, payload=io.BytesIO(payload),
                                                      http_headers=headers, warc_content_type="text/plain"))
    return buf.getvalue()


def test_containers_with_no_usable_record_each_get_one_row(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "zero.jsonl").write_bytes(b"")
    (d / "blank.jsonl").write_bytes(b"\n \n\t\n")
    (d / "blank.jsonl.gz").write_bytes(gzip.compress(b"\n\n", mtime=0))
    (d / "zero.warc").write_bytes(b"")
    (d / "garbage.wet").write_bytes(b"\x00\x01 not an archive\n" * 3)
    (d / "images.warc.gz").write_bytes(warc([("response", b"\xff\xd8\xff" * 50, "image/jpeg")] * 2, gz=True))
    pq.write_table(pa.table({"text": pa.array([], pa.string())}), d / "zero_rows.parquet")
    (d / "zero.parquet").write_bytes(b"")
    manifest, articles, rejected = published(tmp_path, [d])
    outcome = {r["source_file"]: r["reason"] for r in rejected}
    assert outcome == {"zero.jsonl": "empty", "blank.jsonl": "empty", "blank.jsonl.gz": "empty", "zero.warc": "empty",
                       "garbage.wet": "unreadable", "images.warc.gz": "unsupported_type",
                       "zero_rows.parquet": "no_records", "zero.parquet": "empty"}
    images = [r for r in rejected if r["source_file"] == "images.warc.gz"]
    assert len(rejected) == 9 and len(images) == 2 and not articles  # one row per non-text WARC record
    entries = provenance.inputs(tmp_path / "out" / "h" / "1.0.0")
    assert Counter(i["source_file"] for i in entries) == Counter([*outcome, "images.warc.gz"])
    assert manifest["documents"]["read"] == 9
    assert all("image/jpeg" in r["detail"] for r in images) and len({r["id"] for r in images}) == 2


def test_wrong_kinds_of_values_are_decoded_or_rejected_never_published_as_their_repr(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    pq.write_table(pa.table({"text": pa.array([PAGES[3].encode("gb18030")], pa.binary()),
                             "id": pa.array([b"bin-id"], pa.binary())}), d / "binary.parquet")
    jsonl(d / "kinds.jsonl", [json.dumps({"id": "obj", "text": {"nested": 1}}),
                              json.dumps({"id": {"nested": 1}, "text": PAGES[4]}, ensure_ascii=False),
                              json.dumps({"id": 7, "text": [1, 2]}),
                              json.dumps({"id": 8, "url": 3, "text": PAGES[4]}, ensure_ascii=False)])
    good = PAGES[0].encode("utf-8")
    cut = warc([("conversion", good, None)])
    (d / "cut.warc").write_bytes(cut[: len(cut) - 400])
    _, articles, rejected = published(tmp_path, [d])
    assert [(a["source_file"], a["record_id"], a["encoding"]) for a in articles] == [("binary.parquet", "bin-id", "gb18030")]
    assert articles[0]["text"] == clean(decode_source(PAGES[3].encode("utf-8"), "x.txt"), Settings()).text
    assert not any("{'nested'" in r["detail"] or "b'" in r["detail"] for r in rejected)
    assert Counter(r["reason"] for r in rejected) == {"bad_field": 4, "truncated": 1}
    assert "bytes before its Content-Length" in next(r["detail"] for r in rejected if r["reason"] == "truncated")


def test_a_repeated_record_id_is_one_article_and_one_duplicate_id_row(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    jsonl(d / "ids.jsonl", [json.dumps({"id": "same", "text": PAGES[0]}, ensure_ascii=False),
                            json.dumps({"id": "same", "text": PAGES[1]}, ensure_ascii=False)])
    _, articles, rejected = published(tmp_path, [d])
    assert len(articles) == 1 and [r["reason"] for r in rejected] == ["duplicate_id"]


def test_a_record_repeating_an_id_keeps_no_duplicate_group_of_its_own(tmp_path):
    """Duplicates are decided after the first pass: the record rejected for its repeated id is
    no kept copy, so a later record with its text is an article, and one with the first
    record's text is that record's duplicate."""
    d = tmp_path / "in"
    d.mkdir()
    jsonl(d / "ids.jsonl", [json.dumps({"id": i, "text": PAGES[t]}, ensure_ascii=False)
                            for i, t in (("same", 0), ("same", 1), ("other", 1), ("third", 0))])
    _, articles, rejected = published(tmp_path, [d], Settings(duplicates="reject"))
    assert [a["record_id"] for a in articles] == ["same", "other"]
    assert [(r["record_id"], r["reason"], r["duplicate_of"]) for r in rejected] == [
        ("same", "duplicate_id", "ids.jsonl#same"), ("third", "duplicate", "ids.jsonl#same")]


def test_two_input_folders_with_the_same_relative_path_both_publish(tmp_path):
    """Several inputs: each file's name starts with its input's name; equal names get ~2, ~3."""
    a, b = tmp_path / "a" / "news", tmp_path / "b" / "news"
    for i, d in enumerate((a, b)):
        (d / "sub").mkdir(parents=True)
        (d / "sub" / "README.md").write_text(PAGES[i], encoding="utf-8")
    single = tmp_path / "single.txt"
    single.write_text(PAGES[2], encoding="utf-8")
    _, articles, rejected = published(tmp_path, [a, b, single])
    assert sorted(r["source_file"] for r in articles + rejected) == ["news/sub/README.md", "news~2/sub/README.md",
                                                                     "single.txt"]
    assert len({r["id"] for r in articles}) == 3


def test_two_fixture_folders_with_a_readme_each_build(tmp_path):
    _, articles, rejected = published(tmp_path, [FIXTURES / "heldout_texts", FIXTURES / "sites"])
    names = [r["source_file"] for r in articles + rejected]
    assert len(names) == len(set(names))
    assert {"heldout_texts/README.md", "sites/README.md"} <= set(names)
    assert all(n.startswith(("heldout_texts/", "sites/")) for n in names)


@pytest.mark.parametrize("where", ["payload", "header"])
def test_a_gzipped_warc_cut_off_inside_its_last_record_says_so(tmp_path, where):
    """Cut inside the last record's payload, or a few bytes into its gzip member (its WARC
    header cut off): a `truncated` row either way, never a record that silently vanishes."""
    d = tmp_path / "in"
    d.mkdir()
    data = warc([("conversion", PAGES[i].encode("utf-8"), None) for i in range(3)], gz=True)
    last_member = data.rindex(b"\x1f\x8b\x08")
    (d / "crawl.warc.gz").write_bytes(data[: len(data) - 40] if where == "payload" else data[: last_member + 30])
    _, articles, rejected = published(tmp_path, [d])
    assert len(articles) == 2
    assert [r["reason"] for r in rejected] == ["truncated"]
