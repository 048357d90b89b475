"""Container inputs: JSON Lines, Parquet and WARC/WET, with URL and record id as provenance."""

from __future__ import annotations

import gzip
import io
import json

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
from conftest import SEEDS

from cleaner.run.build import build
from cleaner.settings import Settings

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def built_articles(tmp_path, inputs):
    out = tmp_path / "out"
    build([str(inputs)], str(out), "c", "1.0.0", Settings(), workers=1)
    version = out / "c" / "1.0.0"
    arts = datasets.load_dataset(str(version), "articles", split="train", cache_dir=str(tmp_path / "cache")).to_list()
    return version, arts


def test_jsonl_records_become_articles_with_url_and_id(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    lines = [json.dumps({"id": f"r{i}", "url": f"https://example.org/{i}", "text": t}, ensure_ascii=False)
             for i, t in enumerate(SEED_TEXTS[:3])]
    lines.insert(1, "{not json")
    lines.append(json.dumps({"id": "empty", "title": "no text"}))
    with gzip.open(src / "docs.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    version, arts = built_articles(tmp_path, src)
    assert sorted(a["record_id"] for a in arts) == ["r0", "r1", "r2"]
    assert {a["url"] for a in arts} == {f"https://example.org/{i}" for i in range(3)}
    assert len({a["id"] for a in arts}) == 3
    rejected = datasets.load_dataset(str(version), "rejected", split="train", cache_dir=str(tmp_path / "c2")).to_list()
    assert sorted(r["reason"] for r in rejected) == ["empty", "undecodable"]


def test_parquet_with_a_text_column(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    table = pa.table({"doc_id": ["a", "b"], "content": SEED_TEXTS[3:5], "link": ["u1", "u2"]})
    pq.write_table(table, src / "corpus.parquet")
    _, arts = built_articles(tmp_path, src)
    assert sorted((a["record_id"], a["url"]) for a in arts) == [("a", "u1"), ("b", "u2")]
    assert all(a["source_file"] == "corpus.parquet" for a in arts)


def test_wet_conversion_records(tmp_path):
    from warcio.warcwriter import WARCWriter

    src = tmp_path / "in"
    src.mkdir()
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i, text in enumerate(SEED_TEXTS[:2]):
        record = writer.create_warc_record(f"https://news.example/{i}", "conversion",
                                           payload=io.BytesIO(text.encode("utf-8")),
                                           warc_content_type="text/plain")
        writer.write_record(record)
    (src / "crawl.warc.wet.gz").write_bytes(buf.getvalue())
    _, arts = built_articles(tmp_path, src)
    assert sorted(a["url"] for a in arts) == ["https://news.example/0", "https://news.example/1"]
    assert all(a["record_id"].startswith("<urn:uuid:") for a in arts)
