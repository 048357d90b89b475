"""End to end on the bundled seeds: the published version loads with `datasets` and is auditable."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest
from conftest import SEEDS

from cleaner.clean.rules import registry
from cleaner.publish import schema
from cleaner.publish.rows import to_columns, to_rows
from cleaner.publish.version import ConfigWriter, PublishError
from cleaner.read.files import decode_source
from cleaner.run.build import build
from cleaner.settings import Settings


def load(version_dir: Path, config: str):
    return datasets.load_dataset(str(version_dir), config, split="train",
                                 cache_dir=str(version_dir.parent.parent / ".cache"))


def test_every_config_loads_with_datasets_and_has_the_contract_columns(seeds_version):
    manifest = json.loads((seeds_version / "manifest.json").read_text(encoding="utf-8"))
    for config in ("articles", "segments", "removals"):
        ds = load(seeds_version, config)
        assert ds.num_rows == manifest["rows"][config] > 0
        assert [n for n, _, _ in schema.COLUMNS[config]] == ds.column_names
    articles = load(seeds_version, "articles")
    assert sorted(articles["source_file"]) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert set(articles["language"]) == {"zh"}


def test_removal_offsets_slice_the_decoded_input_exactly(seeds_version):
    removals = load(seeds_version, "removals")
    texts = {p.name: decode_source(p.read_bytes(), p.name).text for p in SEEDS.glob("*.txt")}
    for row in removals:
        assert texts[row["source_file"]][row["start"]:row["end"]] == row["text"]
        assert row["category"] in {"boilerplate", "spam", "duplicate", "metadata", "image", "repair"}
        assert registry.get(row["rule"]).id == row["rule"]  # a declared rule (KeyError otherwise)


def test_kept_segments_and_removals_cover_every_visible_character(seeds_version):
    segments = load(seeds_version, "segments").to_list()
    removals = load(seeds_version, "removals").to_list()
    for path in SEEDS.glob("*.txt"):
        text = decode_source(path.read_bytes(), path.name).text
        covered = [False] * len(text)
        for r in removals:
            if r["source_file"] == path.name:
                covered[r["start"]:r["end"]] = [True] * (r["end"] - r["start"])
        # the title is a segment and also a `metadata` removal (moved into its column)
        kept = "".join(s["text"] for s in segments if s["source_file"] == path.name and s["kind"] != "title")
        visible = "".join(ch for ch, c in zip(text, covered) if not c and not ch.isspace())
        assert visible == "".join(ch for ch in kept if not ch.isspace())


def test_segments_join_back_and_article_text_is_the_body(seeds_version):
    articles = {r["source_file"]: r for r in load(seeds_version, "articles")}
    by_file: dict[str, list] = {}
    for s in load(seeds_version, "segments"):
        assert "".join(s["sentences"]) == s["text"]
        by_file.setdefault(s["source_file"], []).append(s)
    for name, segs in by_file.items():
        segs.sort(key=lambda s: s["index"])
        assert "\n".join(s["text"] for s in segs if s["kind"] != "title") == articles[name]["text"]
        assert [s["kind"] for s in segs].count("title") == (articles[name]["title"] is not None)


def test_rebuild_is_byte_identical_and_a_published_version_is_immutable(seeds_version, tmp_path):
    build([str(SEEDS)], str(tmp_path), "seeds", "0.0.1", Settings(), workers=1)
    again = tmp_path / "seeds" / "0.0.1"
    for f in sorted(seeds_version.rglob("*.parquet")):
        assert f.read_bytes() == (again / f.relative_to(seeds_version)).read_bytes()
    before = {p: p.stat().st_mtime_ns for p in again.rglob("*")}
    summary = build([str(SEEDS)], str(tmp_path), "seeds", "0.0.1", Settings(), workers=1)
    assert summary.status == "unchanged"
    assert before == {p: p.stat().st_mtime_ns for p in again.rglob("*")}
    other = tmp_path / "other"
    shutil.copytree(SEEDS, other)
    (other / "000_74c21dc2a10ec48c.txt").unlink()
    with pytest.raises(PublishError, match="already published with other content"):
        build([str(other)], str(tmp_path), "seeds", "0.0.1", Settings(), workers=1)
    assert not list((tmp_path / "seeds").glob(".*tmp*"))
    assert before == {p: p.stat().st_mtime_ns for p in again.rglob("*")}


def test_parquet_files_carry_datasets_features(seeds_version):
    for config in schema.CONFIGS:
        for f in (seeds_version / "data" / config).glob("*.parquet"):
            meta = json.loads(pq.read_schema(f).metadata[b"huggingface"])
            assert meta["info"]["features"] == schema.hf_features(config)


def test_rows_and_their_columns_write_the_same_parquet(tmp_path):
    rows = [{"id": f"d{i}", "source_file": f"f{i}.txt", "start": i, "end": i + 3, "text": "正文" * i,
             "category": "spam", "rule": "x.y"} for i in range(5)]
    rows[2]["text"] = None
    columns = to_columns("removals", rows)
    assert to_rows(columns) == rows
    files = []
    for name, given in (("rows", rows), ("columns", columns)):
        (tmp_path / name).mkdir()
        writer = ConfigWriter("removals", tmp_path / name)
        writer.add(given)
        files += writer.finish()
        assert writer.rows == 5
    assert files[0].read_bytes() == files[1].read_bytes()
