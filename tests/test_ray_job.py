"""`ray job submit` to a real cluster (.ci/run starts one with `ray start --head` and names its
job server in CLEANER_TEST_RAY_DASHBOARD): the cleaner command line as the job's entrypoint, the
package shipped in the job's runtime_env (py_modules: the cluster has Ray and cleaner's
dependencies, not cleaner), the build joining the cluster the job runs on, and the Parquet bytes
of a local `--workers 1` build."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from helpers import parquet_files

sys.path.insert(0, str(ROOT / "bench"))
import generate

DASHBOARD = os.environ.get("CLEANER_TEST_RAY_DASHBOARD")
pytestmark = pytest.mark.skipif(not DASHBOARD, reason="needs a Ray cluster's job server: .ci/run starts one")
WHERE = "import cleaner; print('cleaner imported from', cleaner.__file__)"


def ship(to: Path) -> list[str]:
    """A copy of the packages a job needs, as a runtime_env's py_modules: not the checkout the
    tests run from, so that what the job imports can only have come through the runtime_env."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("cleaner", "dataset_card"):
        shutil.copytree(ROOT / package, to / package, ignore=ignore)
    return [str(to / "cleaner"), str(to / "dataset_card")]


def test_a_submitted_job_with_the_package_in_its_runtime_env_builds_the_bytes_of_one_worker(tmp_path):
    from cleaner.run.build import build
    from cleaner.settings import Settings

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus / "seeds")
    generate.generate(corpus / "generated", 30, seed=5)
    out = tmp_path / "job"
    entry = ["python", "-m", "cleaner.cli", "build", str(corpus), "--out", str(out), "--name", "job",
             "--version", "1.0.0", "--engine", "ray"]
    runtime_env = {"py_modules": ship(tmp_path / "ship")}
    env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}
    p = subprocess.run([str(Path(sys.executable).parent / "ray"), "job", "submit", "--address", DASHBOARD,
                        "--runtime-env-json", json.dumps(runtime_env), "--",
                        "sh", "-c", f"python -c {shlex.quote(WHERE)} && {shlex.join(entry)}"],
                       capture_output=True, text=True, env=env, cwd=tmp_path, timeout=900)
    log = p.stdout + p.stderr
    assert p.returncode == 0, log[-4000:]
    where = next(line for line in log.splitlines() if line.startswith("cleaner imported from"))
    assert "runtime_resources" in where and str(ROOT) not in where  # the shipped copy, unpacked by Ray
    assert "cleaner: Ray: joined the cluster at" in log  # the job's driver joins the cluster it runs on
    build([str(corpus)], str(tmp_path / "local"), "job", "1.0.0", Settings(), workers=1)
    assert parquet_files(out / "job" / "1.0.0") == parquet_files(tmp_path / "local" / "job" / "1.0.0")
