"""The mypyc-compiled hot modules: used only while their source is unchanged, same output as source."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from helpers import parquet_files

from cleaner import compiled

sys.path.insert(0, str(ROOT / "bench"))
import generate

SITES = ROOT / "tests" / "fixtures" / "sites"


def record_of_sources() -> dict[str, str]:
    return {m: hashlib.sha256(compiled.source_of(m).read_bytes()).hexdigest() for m in compiled.listed_modules()}


def test_every_listed_module_exists_and_is_a_module_of_the_package():
    modules = compiled.listed_modules()
    assert "cleaner.rules.spam_inline" in modules
    for m in modules:
        assert m.startswith("cleaner.") and compiled.source_of(m).is_file(), m


def test_a_record_matching_every_source_means_compiled(tmp_path, monkeypatch):
    monkeypatch.delenv("CLEANER_PURE", raising=False)
    record = tmp_path / "_compiled.json"
    record.write_text(json.dumps(record_of_sources()), encoding="utf-8")
    assert compiled.why_source(record) is None


def test_an_edited_source_no_record_or_cleaner_pure_run_the_source(tmp_path, monkeypatch):
    monkeypatch.delenv("CLEANER_PURE", raising=False)
    record = tmp_path / "_compiled.json"
    assert compiled.why_source(record) == "not_built"
    stale = record_of_sources()
    stale["cleaner.rules.spam_inline"] = "0" * 64  # as if the file changed after the build
    record.write_text(json.dumps(stale), encoding="utf-8")
    assert compiled.why_source(record) == "edited"
    record.write_text(json.dumps(record_of_sources()), encoding="utf-8")
    monkeypatch.setenv("CLEANER_PURE", "1")
    assert compiled.why_source(record) == "pure"


def test_cleaner_pure_imports_every_listed_module_from_its_py_file():
    code = ("import sys, cleaner, cleaner.compiled as c, importlib\n"
            "files = [importlib.import_module(m).__file__ for m in c.listed_modules()]\n"
            "print(c.mode()); print(all(f.endswith('.py') for f in files))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "CLEANER_PURE": "1"}).stdout.split()
    assert out == ["source", "(pure)", "True"]


def _build(inputs: Path, out: Path, pure: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CLEANER_PURE"}
    if pure:
        env["CLEANER_PURE"] = "1"
    code = ("import sys, cleaner.compiled as c; from cleaner.build import build; from cleaner.settings import Settings\n"
            "print(c.mode())\n"
            "build([sys.argv[1]], sys.argv[2], 'same', '1.0.0', Settings(), workers=1)")
    mode = subprocess.run([sys.executable, "-c", code, str(inputs), str(out)], capture_output=True, text=True,
                          check=True, env=env).stdout.strip()
    return {"mode": mode, **parquet_files(out / "same" / "1.0.0")}


def test_compiled_and_source_publish_byte_identical_parquet(tmp_path):
    if compiled.mode() != "compiled":
        pytest.skip(f"this install runs the source ({compiled.mode()}): nothing compiled to compare")
    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs / "seeds")
    for page in sorted(SITES.glob("*.txt")):
        shutil.copy(page, inputs / page.name)
    generate.generate(inputs / "generated", 80, seed=11)  # spam of every kind, GB18030, mojibake ...
    fast = _build(inputs, tmp_path / "compiled", pure=False)
    slow = _build(inputs, tmp_path / "source", pure=True)
    assert fast.pop("mode") == "compiled" and slow.pop("mode") == "source (pure)"
    assert len(fast) >= 3 and fast == slow
