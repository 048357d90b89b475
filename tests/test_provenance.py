"""Per-input detail lives in Parquet: manifest.json keeps counts; past summaries.MAX_LISTED
inputs the card counts them per folder and Croissant lists the first ones by name, both saying
where the others are."""

from __future__ import annotations

import json
import sys
from collections import Counter

import pyarrow.parquet as pq
from conftest import ROOT

from cleaner.publish import croissant, summaries
from cleaner.run import provenance
from cleaner.run.build import build
from cleaner.settings import Settings

sys.path.insert(0, str(ROOT / "bench"))
import generate

PAGES = summaries.MAX_LISTED + 12


def test_manifest_counts_and_the_configs_hold_every_input(tmp_path, monkeypatch):
    generate.generate(tmp_path / "pages", PAGES, seed=3)
    summary = build([str(tmp_path / "pages")], str(tmp_path / "out"), "prov", "1.0.0", Settings())
    version = tmp_path / "out" / "prov" / "1.0.0"
    manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    assert "inputs" not in manifest
    assert manifest["documents"] == {"read": PAGES, "articles": summary.kept,
                                     "rejected": dict(sorted(summary.rejected.items())),
                                     "duplicate_articles": dict(sorted(summary.duplicates.items()))}
    assert summary.duplicates["exact"] > 0  # the generator's duplicates are among them, marked
    entries = list(provenance.inputs(version))
    names = sorted(p.relative_to(tmp_path / "pages").as_posix() for p in (tmp_path / "pages").rglob("*.txt"))
    assert sorted(e["source_file"] for e in entries) == names
    rejected = pq.read_table(version / "data" / "rejected").to_pylist()
    assert Counter(e["reason"] for e in entries if e["outcome"] == "rejected") == Counter(r["reason"] for r in rejected)
    assert all(len(e["sha256"]) == 64 for e in entries)

    card = (version / "README.md").read_text(encoding="utf-8")
    first = provenance.first_inputs(version, 5)
    assert [e["source_file"] for e in first] == names[:5]
    assert f"{PAGES} inputs, counted per source folder" in card
    assert not any(f"`{e['sha256']}`" in card for e in first)  # counted, not listed one by one

    # where provenance() reads it (the package's name `rai` is the function, hence sys.modules)
    monkeypatch.setattr(sys.modules["cleaner.publish.croissant.rai"], "MAX_LISTED_INPUTS", 10)
    doc = croissant.describe("prov", "1.0.0", manifest, Settings(), root=version)
    assert [e["prov:label"] for e in doc["prov:wasDerivedFrom"]] == names[:10]
    description = doc["prov:wasGeneratedBy"]["description"]
    assert f" {PAGES} inputs (" in description and "; the first 10 by name are listed" in description
