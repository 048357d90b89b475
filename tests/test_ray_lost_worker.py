"""A Ray worker lost in the middle of a build (its process killed, as the OOM killer or a node
going away would): the build stops with one line saying what a rerun does, not Ray's
traceback, publishes nothing and keeps the shards it had cleaned; run again, it publishes the
bytes of an uninterrupted build. The worker is not restarted behind the build's back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from helpers import descendants, parquet_files

sys.path.insert(0, str(ROOT / "bench"))
import generate

pytest.importorskip("ray")
pytest.importorskip("ray.data")


LOCAL_RAY = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}  # each build starts a Ray of its own


def cleaner_build(corpus: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cleaner.cli", "build", str(corpus), "--out", str(out),
                             "--name", "lost", "--version", "1.0.0", "--engine", "ray", "--workers", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=LOCAL_RAY, cwd=ROOT)


def test_a_killed_worker_stops_the_build_clearly_and_a_rerun_gives_the_same_bytes(tmp_path):
    corpus = tmp_path / "in"
    generate.generate(corpus, 1200, seed=5, mix="crawl")
    out = tmp_path / "out"
    build = cleaner_build(corpus, out)
    killed = None
    try:
        deadline = time.monotonic() + 240
        while killed is None and build.poll() is None and time.monotonic() < deadline:
            # once a shard is complete, the worker cleaning the next one is killed
            if any((out / "lost").glob(".1.0.0.work-*/shard-*.done")):
                for pid, command in descendants(build.pid).items():
                    if "ShardCleaner" in command:
                        os.kill(pid, signal.SIGKILL)
                        killed = pid
            time.sleep(0.05)
        _, err = build.communicate(timeout=240)
    finally:
        if build.poll() is None:
            build.kill()
    assert killed is not None, f"the build ended before a worker could be killed:\n{err[-2000:]}"
    assert build.returncode == 1
    last = err.strip().splitlines()[-1]
    assert last.startswith("cleaner: a Ray worker was lost while cleaning"), err[-3000:]
    assert "run the same build again" in last
    assert "Traceback" not in err
    assert not (out / "lost" / "1.0.0").exists()  # nothing published
    (work,) = (out / "lost").glob(".1.0.0.work-*")
    done = len(list(work.glob("shard-*.done")))
    assert 1 <= done < 19  # 1,200 pages: 19 input shards of 64 files

    again = subprocess.run(build.args, capture_output=True, text=True, cwd=ROOT, env=LOCAL_RAY)
    assert again.returncode == 0, again.stderr[-3000:]
    local = subprocess.run([sys.executable, "-m", "cleaner.cli", "build", str(corpus), "--out", str(tmp_path / "local"),
                            "--name", "lost", "--version", "1.0.0", "--workers", "1"],
                           capture_output=True, text=True, cwd=ROOT)
    assert local.returncode == 0, local.stderr[-3000:]
    assert parquet_files(out / "lost" / "1.0.0") == parquet_files(tmp_path / "local" / "lost" / "1.0.0")
