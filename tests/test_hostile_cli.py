"""Hostile values on the command line and at publishing: versions, names, licences, --workers and
lexicons are validated whole with one clear line; nothing from an input steers the terminal;
a version is placed by one atomic step, and stale staging folders of dead processes go."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS
from test_cli import cleaner, one_clear_line

from cleaner.publish import version as publish
from cleaner.run.build import build
from cleaner.run.engine import max_workers
from cleaner.settings import Settings

SEED = sorted(SEEDS.glob("*.txt"))[0]


@pytest.fixture
def one_page(tmp_path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(SEED, d / "page.txt")
    return d


@pytest.mark.parametrize("version", ["1.0.0", "0.0.1", "1.0.0-alpha.1", "1.0.0-0.3.7", "1.0.0-x-y.7z.92",
                                     "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85", "1.0.0--"])
def test_semantic_versions_pass(version):
    publish.check_version(version)  # "1.0.0--": "-" is a valid pre-release identifier in SemVer 2.0.0


@pytest.mark.parametrize("version", ["1.0.0\n", "1.0.0-.", "1.0.0-", "01.0.0", "1.0.0-01", "1.0", "v1.0.0",
                                     "１.0.0", "1.0.0+", "1.0.0-a..b", " 1.0.0", "1.0.0/../x", "1." + "0" * 200 + ".0"])
def test_other_versions_are_refused(version):
    with pytest.raises(publish.PublishError):
        publish.check_version(version)


@pytest.mark.parametrize("name", ["news\n", "my news", "a--b", "a..b", ".hidden", "-x", "x-", "x.", "新闻", "a/b",
                                  "x" * 97, ""])
def test_bad_names_are_refused(name):
    with pytest.raises(publish.PublishError):
        publish.check_name(name)


@pytest.mark.parametrize("name", ["news", "zh-news_2024", "a", "A.b-c_d", "x" * 96])
def test_good_names_pass(name):
    publish.check_name(name)


def test_a_version_with_a_trailing_newline_is_one_line_and_writes_nothing(tmp_path, one_page):
    result = cleaner("build", str(one_page), "--out", str(tmp_path / "out"), "--name", "n", "--version", "1.0.0\n")
    one_clear_line(result, "'1.0.0\\n'", "not a semantic version")
    assert not (tmp_path / "out" / "n").exists() or not any((tmp_path / "out" / "n").iterdir())


@pytest.mark.parametrize("workers", ["0", "-1"])
def test_workers_below_one_are_refused(tmp_path, one_page, workers):
    one_clear_line(cleaner("build", str(one_page), "--out", str(tmp_path / "out"), "--workers", workers),
                   "--workers must be 1 or more")


def test_workers_above_the_cpus_are_lowered_with_a_note(tmp_path, one_page):
    result = cleaner("build", str(one_page), "--out", str(tmp_path / "out"), "--name", "n", "--workers", "100000")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"cleaner: note: --workers 100000 lowered to {max_workers()}, the CPUs this process may use"
    assert "published" in result.stdout


def test_a_licence_must_be_a_hub_id(tmp_path, one_page):
    out = tmp_path / "out"
    one_clear_line(cleaner("build", str(one_page), "--out", str(out), "--name", "n", "--license",
                           "mit\n\n<script>alert(1)</script>"), "is not a Hugging Face Hub licence id")
    assert not (out / "n" / "0.1.0").exists()
    result = cleaner("build", str(one_page), "--out", str(out), "--name", "n", "--version", "1.0.0", "--license", "MIT")
    assert result.returncode == 0, result.stderr
    card = (out / "n" / "1.0.0" / "README.md").read_text(encoding="utf-8")
    assert "\nlicense: mit\n" in card and "- License: `mit`" in card
    with pytest.raises(publish.PublishError):
        build([str(one_page)], str(out), "n", "2.0.0", Settings(license="cc-by-4.0\n# injected"), workers=1)


def test_a_lexicon_file_name_cannot_write_into_the_card(tmp_path, one_page):
    lexicon = tmp_path / "lex`\n| x.txt"
    lexicon.write_text("[slogan]\n一二三四五六\n", encoding="utf-8")
    out = tmp_path / "out"
    build([str(one_page)], str(out), "n", "1.0.0", Settings(spam_lexicons=(str(lexicon),)), workers=1)
    card = (out / "n" / "1.0.0" / "README.md").read_text(encoding="utf-8")
    line = next(ln for ln in card.splitlines() if "lex" in ln and "sha256" in ln)
    assert "lex'\\n\\| x.txt" in line, line


def test_escape_codes_from_inputs_never_reach_the_terminal(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    payload = SEED.read_bytes()
    record = (b"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://x/\x1b[31mred\x1b]0;title\x07\r\n"
              b"WARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789012>\r\nContent-Type: text/plain\r\n"
              b"Content-Length: 40\r\n\r\n" + payload + b"\x1b[2J\r\n\r\n")
    (d / "crawl.wet").write_bytes(record)
    result = cleaner("build", str(d), "--out", str(tmp_path / "out"), "--name", "n", "--allow-empty")
    assert result.returncode == 0, result.stderr
    assert "WARNING" in result.stderr, "warcio warns about the bad Content-Length, quoting the archive"
    assert "\x1b" not in result.stderr + result.stdout and "\x07" not in result.stderr
    missing = one_clear_line(cleaner("build", str(tmp_path / "no\x1b[31mpe"), "--out", str(tmp_path / "out")))
    assert "\x1b" not in missing and "\\x1b" in missing


def test_a_spam_lexicon_that_does_not_read_or_parse_is_one_line(tmp_path, one_page):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("[brand]\ncafé\n".encode("latin-1"))
    one_clear_line(cleaner("build", str(one_page), "--out", str(tmp_path / "out"), "--name", "n",
                           "--spam-lexicon", str(latin)), "is not UTF-8 text")
    headless = tmp_path / "headless.txt"
    headless.write_text("an entry before any section\n", encoding="utf-8")
    one_clear_line(cleaner("build", str(one_page), "--out", str(tmp_path / "out"), "--name", "n",
                           "--spam-lexicon", str(headless)), "entry before any [section] header")
    assert not list((tmp_path / "out").glob("n/*"))


def test_a_folder_name_that_is_no_dataset_name_says_to_pass_name(tmp_path):
    d = tmp_path / "my news pages"
    d.mkdir()
    shutil.copy(SEED, d / "page.txt")
    one_clear_line(cleaner("build", str(d), "--out", str(tmp_path / "out")), "pass --name")


def staged(out: Path, name: str, tag: str, fingerprint: str) -> Path:
    staging = publish.staging_dir(out, name, "1.0.0").rename(out / name / f".1.0.0.tmp-{tag}")
    (staging / "manifest.json").write_text(json.dumps({"content_fingerprint": fingerprint}), encoding="utf-8")
    return staging


def test_finalise_places_a_version_once_and_the_loser_of_a_race_is_told(tmp_path):
    target = tmp_path / "n" / "1.0.0"
    first, second, third = (staged(tmp_path, "n", t, f) for t, f in (("a", "same"), ("b", "same"), ("c", "other")))
    assert publish.finalise(first, target, "same") == "published"
    assert publish.finalise(second, target, "same") == "unchanged"
    with pytest.raises(publish.PublishError, match="immutable"):
        publish.finalise(third, target, "other")
    assert json.loads((target / "manifest.json").read_text())["content_fingerprint"] == "same"
    assert sorted(p.name for p in (tmp_path / "n").iterdir()) == ["1.0.0"], "no staging left behind"


def test_an_empty_folder_in_the_way_is_no_published_version(tmp_path):
    (tmp_path / "n" / "1.0.0").mkdir(parents=True)
    staging = staged(tmp_path, "n", "a", "fp")
    assert publish.finalise(staging, tmp_path / "n" / "1.0.0", "fp") == "published"


def test_stale_staging_of_dead_processes_is_removed_on_start(tmp_path, one_page):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / "out" / "n" / f".1.0.0.tmp-{dead.pid}"
    (stale / "data").mkdir(parents=True)
    alive = tmp_path / "out" / "n" / f".1.0.0.tmp-{os.getpid()}x"  # not a pid: left alone
    alive.mkdir()
    build([str(one_page)], str(tmp_path / "out"), "n", "1.0.0", Settings(), workers=1)
    assert not stale.exists() and alive.exists()


def test_what_the_warc_library_writes_to_stderr_is_neutralised(capsys):
    from cleaner.read.containers import quietly

    def warns(text):
        sys.stderr.write(f"WARNING: {text}\n")
        raise ValueError("gave up")

    with pytest.raises(ValueError):
        quietly(warns, "https://x/\x1b[31mred\x1b]0;title\x07 \u202eevil")
    err = capsys.readouterr().err
    assert err == "WARNING: https://x/\\x1b[31mred\\x1b]0;title\\x07 \\u202eevil\n"


def test_file_names_in_the_changelog_cannot_write_into_the_card(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(SEED, d / "page.txt")
    out = tmp_path / "out"
    build([str(d)], str(out), "n", "1.0.0", Settings(), workers=1)
    shutil.copy(sorted(SEEDS.glob("*.txt"))[1], d / "x`\n## Injected <script>.txt")
    build([str(d)], str(out), "n", "1.0.1+build.2", Settings(), workers=1)
    card = (out / "n" / "1.0.1+build.2" / "README.md").read_text(encoding="utf-8")
    assert "\n## Injected" not in card
    assert "  - added `x'\\n## Injected <script>.txt`" in card, "against 1.0.0, the previous version"


def test_the_readme_and_the_card_document_every_reason_code():
    from test_properties import REASONS

    from dataset_card.render import REJECTION_REASONS

    new = {"outside_input", "no_records", "unsupported_type", "bad_field", "truncated", "duplicate_id"}
    assert new <= REASONS and set(REJECTION_REASONS) == REASONS
