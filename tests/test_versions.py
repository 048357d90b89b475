"""Versions: diff between two builds, and the new card's changelog."""

from __future__ import annotations

import shutil

from conftest import SEEDS

from cleaner.publish.diff import diff_versions, format_diff
from cleaner.run.build import build
from cleaner.settings import Settings


def test_diff_and_changelog_between_versions(tmp_path):
    a_in, b_in = tmp_path / "a", tmp_path / "b"
    a_in.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for p in seeds[:3]:
        shutil.copy(p, a_in / p.name)
    shutil.copytree(a_in, b_in)
    shutil.copy(seeds[3], b_in / seeds[3].name)  # added
    (b_in / seeds[1].name).unlink()  # removed
    edited = b_in / seeds[0].name
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("新时代经济社会高质量发展", "新时代经济社会稳步高质量发展", 1), encoding="utf-8")
    out = tmp_path / "out"
    build([str(a_in)], str(out), "news", "1.0.0", Settings(), workers=1)
    build([str(b_in)], str(out), "news", "1.1.0", Settings(), workers=1)
    d = diff_versions(str(out / "news" / "1.0.0"), str(out / "news" / "1.1.0"))
    assert d.added == [seeds[3].name] and d.removed == [seeds[1].name]
    assert [(s, f) for s, f, _ in d.changed] == [(seeds[0].name, ["text"])]
    assert d.changed[0][2] == 2 and d.unchanged == 1
    assert "1 added, 1 removed, 1 changed, 1 unchanged" in format_diff(d)
    card = (out / "news" / "1.1.0" / "README.md").read_text(encoding="utf-8")
    log = card.split("## Changelog", 1)[1]
    assert "1.1.0 (against 1.0.0)" in log and f"added `{seeds[3].name}`" in log
    assert "1.0.0: first published version." in log
