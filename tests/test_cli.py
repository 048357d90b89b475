"""The command line, run as a user runs it (the console script in a subprocess): mistakes exit
non-zero with one clear line and no traceback; build, explain, diff and push do their jobs."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from cleaner import __version__
from cleaner.run.build import build
from cleaner.settings import Settings

CLEANER = Path(sys.executable).parent / "cleaner"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def cleaner(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    command = [str(CLEANER)] if CLEANER.exists() else [sys.executable, "-m", "cleaner.cli"]
    full_env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", **(env or {})}
    return subprocess.run([*command, *args], cwd=cwd or ROOT, env=full_env, capture_output=True, text=True,
                          timeout=timeout, check=False)


def one_clear_line(result: subprocess.CompletedProcess, *expected: str) -> str:
    """Exit status non-zero, stderr one `cleaner: ...` line holding `expected`, no traceback."""
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("cleaner: "), lines[0]
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def three_and_four(tmp_path_factory) -> tuple[Path, Path]:
    """news/1.0.0 from three seeds; news/1.1.0 from four, one of the three edited."""
    root = tmp_path_factory.mktemp("versions")
    seeds = sorted(SEEDS.glob("*.txt"))
    a, b = root / "a", root / "b"
    a.mkdir()
    b.mkdir()
    for p in seeds[:3]:
        shutil.copy(p, a / p.name)
    for p in seeds[:4]:
        shutil.copy(p, b / p.name)
    edited = b / seeds[1].name
    lines = edited.read_text(encoding="utf-8").splitlines()
    i = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[i] = lines[i] + "记者在采访中还了解到，相关部门将在年底前完成全部整改工作。"
    edited.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = root / "out"
    build([str(a)], str(out), "news", "1.0.0", Settings(), workers=1)
    build([str(b)], str(out), "news", "1.1.0", Settings(), workers=1)
    return out / "news" / "1.0.0", out / "news" / "1.1.0"


# --- mistakes ---------------------------------------------------------------------------


def test_missing_input(tmp_path):
    r = cleaner("build", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    one_clear_line(r, "nope", "does not exist")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*"))


@pytest.mark.parametrize("version", ["1.0", "v1.0.0", "1.0.0.0", "01.0.0", "latest", "1.0.0/../x"])
def test_bad_version_string(tmp_path, version):
    r = cleaner("build", str(SEEDS), "--out", str(tmp_path), "--version", version)
    one_clear_line(r, "not a semantic version")
    assert not any(tmp_path.rglob("*.parquet"))


def test_bad_dataset_name(tmp_path):
    one_clear_line(cleaner("build", str(SEEDS), "--out", str(tmp_path), "--name", "../escape"), "name")


def test_existing_version_with_other_content_is_refused(three_and_four):
    old, _ = three_and_four
    before = {p: p.read_bytes() for p in old.rglob("*") if p.is_file()}
    r = cleaner("build", str(SEEDS), "--out", str(old.parent.parent), "--name", "news", "--version", "1.0.0",
                "--workers", "1")
    one_clear_line(r, "already published with other content")
    assert before == {p: p.read_bytes() for p in old.rglob("*") if p.is_file()}
    assert not list(old.parent.glob(".*tmp*"))


def test_output_folder_under_a_regular_file(tmp_path):
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    r = cleaner("build", str(SEEDS), "--out", str(tmp_path / "file" / "out"), "--workers", "1")
    one_clear_line(r, "file")


@pytest.mark.skipif(IS_ROOT, reason="root writes anywhere; the regular-file parent above covers it")
def test_output_folder_without_write_permission(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        one_clear_line(cleaner("build", str(SEEDS), "--out", str(locked), "--workers", "1"), "not writable")
    finally:
        locked.chmod(0o755)


@pytest.mark.parametrize("args, expected", [
    (["build", "--frobnicate"], "--frobnicate"),
    (["build", str(SEEDS), "--workers", "many"], "--workers"),
    (["build", str(SEEDS), "--spam-lexicon", "/no/such/lexicon.txt"], "lexicon"),
    (["frobnicate"], "frobnicate"),
    (["explain"], "FILE"),
    (["explain", "/no/such/page.txt"], "does not exist"),
    (["diff", "/no/such/version"], "does not exist"),
    (["push", "/no/such/version", "user/repo"], "does not exist"),
])
def test_unknown_options_and_bad_arguments(tmp_path, args, expected):
    r = cleaner(*args, cwd=tmp_path)
    one_clear_line(r, expected)
    assert r.returncode == 2  # click's status for usage errors


def test_diff_of_folders_that_are_not_versions(tmp_path):
    (tmp_path / "empty").mkdir()
    damaged = tmp_path / "damaged" / "data" / "articles"
    damaged.mkdir(parents=True)
    (damaged / "train-00000-of-00001.parquet").write_bytes(b"not parquet")
    one_clear_line(cleaner("diff", str(tmp_path / "empty"), str(tmp_path / "empty")), "cannot compare")
    one_clear_line(cleaner("diff", str(tmp_path / "damaged"), str(tmp_path / "damaged")), "cannot compare")


def test_explain_of_a_fifo_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    one_clear_line(cleaner("explain", str(tmp_path / "pipe.txt"), timeout=60), "not a regular file")


def test_help_and_version_still_work():
    assert cleaner("--version").stdout.strip() == f"cleaner, version {__version__}"
    r = cleaner("build", "--help")
    assert r.returncode == 0 and "--languages" in r.stdout
    r = cleaner()
    assert "Commands:" in (r.stdout + r.stderr) and "Traceback" not in r.stderr


# --- the commands -------------------------------------------------------------------------


def test_build_without_arguments_cleans_the_seeds_folder_of_the_working_directory(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    r = cleaner("build", "--workers", "1", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    version = tmp_path / "dist" / "seeds" / __version__
    assert f"{Path('dist') / 'seeds' / __version__}: published" in r.stdout
    assert re.search(r"^5 documents read, 5 kept, 0 rejected", r.stdout, re.MULTILINE), r.stdout
    assert (version / "manifest.json").is_file() and (version / "README.md").is_file()
    assert len(list((version / "data" / "articles").glob("*.parquet"))) >= 1
    again = cleaner("build", "--workers", "1", cwd=tmp_path)
    assert again.returncode == 0 and "unchanged" in again.stdout


def test_explain_prints_each_line_with_its_label_and_rule():
    page = next(SEEDS.glob("003_*.txt"))
    r = cleaner("explain", str(page.relative_to(ROOT)), "--no-color")
    assert r.returncode == 0, r.stderr
    header, *rest = r.stdout.splitlines()
    assert header.startswith(f"seeds/{page.name}: article, language zh")
    rows = [ln for ln in rest if re.match(r"^[a-z_]+ +[a-z_]+\.[a-z_]+ ", ln)]
    assert len(rows) >= 10
    from cleaner.clean.rules.registry import get

    for ln in rows:
        rule = ln.split()[1]
        assert get(rule).id == rule  # a declared rule (KeyError otherwise)
    assert {"keep"} < {ln.split()[0] for ln in rows}, "kept lines and removed ones"
    assert re.search(r"\[\[[^\]]+\]\]\{[a-z_]+\.[a-z_]+\}", r.stdout), "spans removed inside kept lines are marked"


def test_diff_reports_added_and_changed_articles(three_and_four):
    old, new = three_and_four
    seeds = sorted(SEEDS.glob("*.txt"))
    r = cleaner("diff", str(old), str(new))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].endswith("1 added, 0 removed, 1 changed, 2 unchanged"), lines[0]
    assert f"+ {seeds[3].name}" in lines
    changed = [ln for ln in lines if ln.startswith(f"~ {seeds[1].name}: ")]
    assert len(changed) == 1 and "text" in changed[0] and "+" in changed[0], lines


def _unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("env", [
    {"HF_HUB_OFFLINE": "1"},
    {"HF_HUB_OFFLINE": "0", "HF_ENDPOINT": "http://127.0.0.1:{port}", "HF_TOKEN": "hf_not_a_real_token"},
], ids=["offline", "unreachable"])
def test_push_without_network_fails_with_one_line(three_and_four, env):
    old, _ = three_and_four
    env = {k: v.format(port=_unused_port()) for k, v in env.items()}
    r = cleaner("push", str(old), "someone/news", env=env, timeout=120)
    one_clear_line(r, "Hugging Face Hub")


def test_push_of_a_folder_that_is_not_a_version(tmp_path):
    one_clear_line(cleaner("push", str(tmp_path), "someone/news"), "not a published version")


def test_learn_writes_a_lexicon_and_refuses_a_folder_that_is_no_version(seeds_version, tmp_path):
    """One seed carries a slogan: one article is too few to learn it from (two different
    articles at least), so the lexicon holds its header and no slogan; the file parses."""
    from cleaner.clean.spam.lexicon import load_lexicon

    out = tmp_path / "learned.txt"
    result = cleaner("learn", str(seeds_version), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "0 slogans and 0 brands learned" in result.stderr
    assert "[slogan:learned]" in out.read_text(encoding="utf-8")
    assert load_lexicon((str(out),)).slogans == ()
    one_clear_line(cleaner("learn", str(tmp_path)), "cannot learn from", "data/removals")
