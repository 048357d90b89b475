"""Builds through a real Ray cluster (.ci/run starts one with `ray start --head` and names it in
CLEANER_TEST_RAY_ADDRESS; the session runs with the cluster's RAY_AUTH_MODE and token): the same
Parquet bytes as one and two local workers, duplicates included; the address from --ray-address
or RAY_ADDRESS, the cluster joined as it is (no resource arguments); no address starts a local
Ray beside it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import ROOT, SEEDS
from helpers import parquet_files

sys.path.insert(0, str(ROOT / "bench"))
import generate

ADDRESS = os.environ.get("CLEANER_TEST_RAY_ADDRESS")
pytestmark = pytest.mark.skipif(not ADDRESS, reason="needs a Ray cluster: .ci/run starts one (ray start --head)")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SEEDS, root / "seeds")
    generate.generate(root / "generated", 80, seed=11)
    first = sorted((root / "generated").rglob("*.txt"))[0]
    page = first.read_text(encoding="utf-8")
    (root / "zz-copies").mkdir()
    (root / "zz-copies" / "exact.txt").write_text(page, encoding="utf-8")  # an exact duplicate
    (root / "zz-copies" / "near.txt").write_text(page.replace("。", "！", 1), encoding="utf-8")  # a near one
    (root / "records.jsonl").write_text("".join(
        f'{{"id": "r{i}", "text": "第{i}条记录\\n\\n本市今天发布了一条新闻，内容涉及交通、教育和医疗等多个方面的安排。"}}\n'
        for i in range(3)), encoding="utf-8")
    return root


def cli_build(corpus: Path, out: Path, *options: str, env: dict | None = None) -> tuple[Path, str]:
    env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"} | (env or {})
    p = subprocess.run([sys.executable, "-m", "cleaner.cli", "build", str(corpus), "--out", str(out), "--name", "ray",
                        "--version", "1.0.0", *options], capture_output=True, text=True, env=env, cwd=ROOT)
    assert p.returncode == 0, p.stderr[-3000:]
    return out / "ray" / "1.0.0", p.stderr


def cluster_cpus() -> int:
    """The cluster's CPUs, asked by a driver of its own (not this process: it stays Ray-free)."""
    p = subprocess.run([sys.executable, "-c", f"import ray; ray.init(address={ADDRESS!r}, log_to_driver=False); "
                        "print(int(ray.cluster_resources()['CPU']))"], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    return int(p.stdout.split()[-1])


@pytest.fixture(scope="module")
def local_builds(corpus, tmp_path_factory) -> dict[int, dict]:
    return {w: parquet_files(cli_build(corpus, tmp_path_factory.mktemp(f"w{w}"), "--workers", str(w))[0])
            for w in (1, 2)}


def test_a_build_through_the_cluster_gives_the_bytes_of_one_and_two_workers(corpus, local_builds, tmp_path):
    version, err = cli_build(corpus, tmp_path, "--engine", "ray", "--ray-address", ADDRESS)
    assert f"joined the cluster at {ADDRESS}" in err
    assert parquet_files(version) == local_builds[1] == local_builds[2]
    marked = pq.read_table(version / "data" / "articles", columns=["duplicate_of"]).column("duplicate_of").to_pylist()
    assert sum(d is not None for d in marked) >= 2  # the generator's duplicates, decided (and marked) the same way


def test_ray_address_from_the_environment_joins_the_cluster_as_it_is(corpus, local_builds, tmp_path):
    cpus = cluster_cpus()
    assert cpus != 1  # else the line below could not tell the cluster's CPUs from --workers
    version, err = cli_build(corpus, tmp_path, "--engine", "ray", "--workers", "1", env={"RAY_ADDRESS": ADDRESS})
    assert f"joined the cluster at {ADDRESS} ({cpus} CPUs)" in err  # --workers asks a cluster for nothing
    assert parquet_files(version) == local_builds[1]


def test_no_address_starts_a_local_ray_beside_the_running_cluster(corpus, local_builds, tmp_path):
    version, err = cli_build(corpus, tmp_path, "--engine", "ray", "--workers", "1")
    assert "started a local Ray (1 CPUs)" in err
    assert parquet_files(version) == local_builds[1]


def test_an_interrupted_ray_build_resumed_gives_the_same_bytes(corpus, local_builds, tmp_path, monkeypatch):
    from cleaner.run import spool
    from cleaner.run.build import build
    from cleaner.settings import Settings

    monkeypatch.setattr(spool, "SHARD_FILES", 16)
    seen = [0]

    def progress(k: int) -> None:
        seen[0] += k
        if seen[0] >= 40:  # counted a shard at a time on Ray
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build([str(corpus)], str(tmp_path), "ray", "1.0.0", Settings(), engine="ray", ray_address=ADDRESS,
              progress=progress)
    (work,) = (tmp_path / "ray").glob(".1.0.0.work-*")
    assert len(list(work.glob("*.done"))) >= 1
    build([str(corpus)], str(tmp_path), "ray", "1.0.0", Settings(), engine="ray", ray_address=ADDRESS)
    assert parquet_files(tmp_path / "ray" / "1.0.0") == local_builds[1]
