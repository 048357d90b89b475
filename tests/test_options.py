"""Nothing surprising is published: an empty build is refused unless --allow-empty, option
values are checked before any work, and each mistake is one line saying what to do."""

from __future__ import annotations

import json

from conftest import SEEDS
from test_cli import cleaner, one_clear_line


def test_a_folder_without_documents_publishes_nothing_unless_allowed(tmp_path):
    (tmp_path / "in").mkdir()
    out = tmp_path / "out"
    line = one_clear_line(cleaner("build", str(tmp_path / "in"), "--out", str(out), "--version", "1.0.0",
                                  "--workers", "1"), "no documents", "--allow-empty")
    assert "nothing was published" in line
    assert not (out / "in" / "1.0.0").exists()
    r = cleaner("build", str(tmp_path / "in"), "--out", str(out), "--version", "1.0.0", "--workers", "1",
                "--allow-empty")
    assert r.returncode == 0, r.stderr
    assert json.loads((out / "in" / "1.0.0" / "manifest.json").read_text(encoding="utf-8"))["rows"]["articles"] == 0


def test_a_build_keeping_no_article_says_why(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "blank.txt").write_bytes(b"  \n")
    line = one_clear_line(cleaner("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--workers", "1"),
                          "none of the 1 documents", "empty 1", "--allow-empty")
    assert not any((tmp_path / "out").rglob("*.parquet")), line


def test_unknown_language_codes_are_refused_before_reading(tmp_path):
    line = one_clear_line(cleaner("build", str(SEEDS), "--out", str(tmp_path), "--languages", "zh,xx,klingon"),
                          "--languages", "xx", "klingon", "zh")
    assert "ISO 639-1" in line
    assert not any(tmp_path.rglob("*"))


def test_known_language_codes_pass_and_a_build_keeping_none_of_them_is_refused(tmp_path):
    line = one_clear_line(cleaner("build", str(SEEDS), "--out", str(tmp_path), "--languages", "EN", "--workers", "1"),
                          "language 5", "--allow-empty")
    assert "--languages" in line
    assert not any(tmp_path.rglob("*.parquet"))


def test_out_naming_a_file_says_to_give_a_folder(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    one_clear_line(cleaner("build", str(SEEDS), "--out", str(target), "--workers", "1"), "is a file, not a folder")
    assert target.read_text(encoding="utf-8") == "x"


def test_validation_fraction_outside_zero_to_one_is_refused(tmp_path):
    for value in ("1", "-0.1", "half"):
        one_clear_line(cleaner("build", str(SEEDS), "--out", str(tmp_path), "--validation-fraction", value),
                       "--validation-fraction")
