"""Cards that scale: past summaries.MAX_LISTED inputs the card and croissant.json count inputs
per source folder and reason instead of listing each; their size no longer grows with inputs."""

from __future__ import annotations

import json
import shutil

from conftest import SEEDS

from cleaner.publish import summaries
from cleaner.run import provenance
from cleaner.run.build import build
from cleaner.settings import Settings


def make_inputs(root, n_empty: int):
    for folder in ("a", "b"):
        (root / folder).mkdir(parents=True)
        for p in SEEDS.glob("*.txt"):
            shutil.copy(p, root / folder / p.name)  # b/ repeats a/: duplicates
    (root / "c").mkdir()
    for i in range(n_empty):
        (root / "c" / f"{i:04d}.txt").write_bytes(b"")
    return root


def test_the_card_counts_inputs_per_folder_and_reason_past_a_few_dozen(tmp_path):
    sizes = {}
    for n_empty in (30, 300):
        inputs = make_inputs(tmp_path / f"in{n_empty}", n_empty)
        build([str(inputs)], str(tmp_path / "out"), f"many{n_empty}", "1.0.0", Settings(), workers=1)
        version = tmp_path / "out" / f"many{n_empty}" / "1.0.0"
        card = (version / "README.md").read_text(encoding="utf-8")
        croissant = (version / "croissant.json").read_text(encoding="utf-8")
        sizes[n_empty] = (len(card.encode()), len(croissant.encode()))
        assert f"{10 + n_empty} inputs, counted per source folder" in card
        assert "| `a/` | 5 | 0 | - |" in card
        assert "| `b/` | 5 | 0 | - |" in card  # duplicates stay articles (duplicate_of)
        assert "(this version: 5 exact)" in card
        assert f"| `c/` | 0 | {n_empty} | empty {n_empty} |" in card
        assert "0001.txt" not in card  # no per-file row
        prov = json.loads(croissant)["prov:wasDerivedFrom"]
        assert len(prov) == summaries.MAX_LISTED
    assert abs(sizes[300][0] - sizes[30][0]) < 200, sizes  # the card does not grow with the inputs
    assert abs(sizes[300][1] - sizes[30][1]) < 200, sizes


def test_a_few_inputs_are_still_listed_one_by_one(seeds_version):
    card = (seeds_version / "README.md").read_text(encoding="utf-8")
    for i in provenance.inputs(seeds_version):
        assert f"| `{i['source_file']}` | `{i['sha256']}` |" in card


def test_groups_past_the_limit_are_summed(tmp_path):
    inputs = [{"source_file": f"f{i:03d}/x.txt", "outcome": "rejected", "reason": "empty"} for i in range(60)]
    rows = summaries.by_group(inputs)
    assert len(rows) == summaries.MAX_GROUPS + 1
    assert rows[-1][0] == "(10 other groups)" and rows[-1][2] == 10 and rows[-1][3]["empty"] == 10
    assert summaries.group_of("x.txt", "https://news.example.org/a/1.html") == "news.example.org"
