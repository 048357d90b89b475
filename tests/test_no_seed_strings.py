"""Rules describe kinds of noise: no seed's site name, person, headline or spam string in code or data."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, SHARED

GOLD = SHARED / "eval" / "gold"


def seed_strings() -> set[str]:
    if not GOLD.is_dir():
        pytest.skip("shared/eval/gold is not beside the project")
    found: set[str] = set()
    for path in GOLD.glob("*.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        found.update(s for s in gold.get("spam") or [] if len(s) >= 2)
        found.update(gold.get("authors") or [])
        found.update(gold.get("source_name") or [])
        if gold.get("title"):
            found.add(gold["title"])
    return found


def test_no_seed_specific_string_in_code_or_data():
    strings = seed_strings()
    files = [p for p in (ROOT / "cleaner").rglob("*") if p.suffix in {".py", ".txt", ".json", ".md"}]
    files += list((ROOT / "dataset_card").glob("*"))
    hits = [(p.name, s) for p in files if p.is_file() for s in strings if s in p.read_text(encoding="utf-8")]
    assert hits == []
