"""Progress as log lines when stderr is no terminal: documents, MB read and MB/s, rejections by
reason, from the local engine and from Ray's workers; the last line agrees with the build's
summary and with the bytes of the inputs."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from cleaner.run import progress
from cleaner.run.build import build
from cleaner.settings import Settings

sys.path.insert(0, str(ROOT / "bench"))
import generate

LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d cleaner: (cleaning|cleaned) \((\w+)[^)]*\): ([\d,]+) documents, "
                  r"([\d.,]+) MB in [\d.,]+ s \(([\d.,]+) MB/s, [\d.,]+ documents/s\); ([\d,]+) rejected(?: \((.*)\))?$")
SUMMARY = re.compile(r"^(\d+) documents read, \d+ kept(?: \(\d+ of them duplicates\))?, \d+ rejected(?: \((.*)\))?;")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SEEDS, root / "seeds")
    generate.generate(root / "generated", 40, seed=3)
    (root / "empty.txt").write_bytes(b"")  # a rejection of its own
    return root


def reasons(text: str | None) -> dict[str, int]:
    return {k: int(v.replace(",", "")) for k, v in (r.rsplit(" ", 1) for r in text.split(", "))} if text else {}


def cli_build(corpus: Path, out: Path, *options: str, seconds: str = "0") -> tuple[list[re.Match], re.Match]:
    """A real build through the command line, stderr a pipe: its progress lines (every
    `seconds`) and summary."""
    env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"} | {"CLEANER_PROGRESS_SECONDS": seconds}
    p = subprocess.run([sys.executable, "-m", "cleaner.cli", "build", str(corpus), "--out", str(out), "--name", "p",
                        "--version", "1.0.0", *options], capture_output=True, text=True, env=env, cwd=ROOT,
                       timeout=900)
    assert p.returncode == 0, p.stderr[-3000:]
    lines = [m for m in map(LINE.match, p.stderr.splitlines()) if m]
    summary = next(m for m in map(SUMMARY.match, p.stdout.splitlines()) if m)
    return lines, summary


def check_last_line(lines: list[re.Match], summary: re.Match, corpus: Path, engine: str) -> None:
    last = lines[-1]
    assert last.group(1) == "cleaned" and last.group(2) == engine
    assert int(last.group(3).replace(",", "")) == int(summary.group(1))  # every document read
    total = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
    assert abs(float(last.group(4).replace(",", "")) - total / 1e6) < 0.006  # plain files: their bytes
    cleaned = {k: v for k, v in reasons(summary.group(2)).items() if not k.startswith("duplicate")}
    assert reasons(last.group(7)) == cleaned and sum(cleaned.values()) == int(last.group(6).replace(",", ""))
    assert cleaned.get("empty", 0) >= 1


def test_a_local_build_not_on_a_terminal_logs_its_progress(corpus, tmp_path):
    lines, summary = cli_build(corpus, tmp_path, "--workers", "2")
    check_last_line(lines, summary, corpus, "local")
    assert [m.group(1) for m in lines] == ["cleaning"] * (len(lines) - 1) + ["cleaned"] and len(lines) > 2


def test_a_build_shorter_than_the_interval_logs_nothing(corpus, tmp_path):
    lines, summary = cli_build(corpus, tmp_path, "--workers", "1", seconds="3600")
    assert lines == [] and int(summary.group(1)) > 40


def test_a_ray_build_logs_the_progress_its_workers_report(corpus, tmp_path):
    pytest.importorskip("ray.data")
    lines, summary = cli_build(corpus, tmp_path, "--engine", "ray", "--workers", "1")
    check_last_line(lines, summary, corpus, "ray")


def test_a_line_every_interval_and_rates_from_the_counts(corpus, tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("CLEANER_PROGRESS_SECONDS", "0")  # a line for every document after the first
    caplog.set_level(logging.INFO, logger="cleaner.progress")
    summary = build([str(corpus)], str(tmp_path), "p", "1.0.0", Settings(), workers=1)
    lines = [r.getMessage() for r in caplog.records if r.name == "cleaner.progress"]
    counts = [int(re.search(r": ([\d,]+) documents", line).group(1).replace(",", "")) for line in lines]
    assert counts == [*range(2, summary.read + 1), summary.read]  # and the last line


def test_the_meter_line_says_documents_megabytes_rate_and_reasons(caplog):
    now = [100.0]
    meter = progress.Meter("local", interval=10.0, clock=lambda: now[0])
    caplog.set_level(logging.INFO, logger="cleaner.progress")
    for i in range(5):
        now[0] += 3.0
        meter.count(400_000, "empty" if i == 1 else ("not_chinese" if i == 3 else None))
    now[0] += 1.0
    meter.close()
    lines = [r.getMessage() for r in caplog.records]
    assert lines == [  # 10 s after the first document (at 3 s): the fifth, at 15 s; then the last
        "cleaning (local): 5 documents, 2.00 MB in 15.0 s (0.13 MB/s, 0.3 documents/s); "
        "2 rejected (empty 1, not_chinese 1)",
        "cleaned (local): 5 documents, 2.00 MB in 16.0 s (0.12 MB/s, 0.3 documents/s); "
        "2 rejected (empty 1, not_chinese 1)"]


def test_no_lines_unless_asked_for(caplog):
    meter = progress.Meter("local", interval=0.0)
    with caplog.at_level(logging.WARNING):
        meter.count(10, None)
        meter.close()
    assert not [r for r in caplog.records if r.name == "cleaner.progress"]


def test_shards_counted_at_once_log_from_the_start(caplog):
    """Ray's tasks report a shard at a time: a shard arriving past the interval is a line, the
    first one included (no single first document to start the clock at)."""
    now = [0.0]
    meter = progress.Meter("ray", interval=10.0, clock=lambda: now[0])
    caplog.set_level(logging.INFO, logger="cleaner.progress")
    now[0] = 12.0
    meter.add(64, 1_000_000, Counter({"empty": 2}))
    now[0] = 15.0
    meter.add(64, 1_000_000, Counter())  # 3 s after the last line: none
    now[0] = 23.0
    meter.add(10, 500_000, Counter({"too_short": 1}))
    meter.close()
    lines = [r.getMessage() for r in caplog.records]
    assert [line.split(":")[1].split(";")[0].strip() for line in lines] == [
        "64 documents, 1.00 MB in 12.0 s (0.08 MB/s, 5.3 documents/s)",
        "138 documents, 2.50 MB in 23.0 s (0.11 MB/s, 6.0 documents/s)",
        "138 documents, 2.50 MB in 23.0 s (0.11 MB/s, 6.0 documents/s)"]
    assert lines[-1].startswith("cleaned (ray)") and lines[-1].endswith("3 rejected (empty 2, too_short 1)")
