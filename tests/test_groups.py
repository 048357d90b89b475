"""The second pass writes groups of input shards apart (run.write), by this process, by the
local engine's pool or by Ray's workers: the same files, names and row groups on every engine;
the same rows, in the same order, as a build written in one group; duplicates decided across
groups."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import ROOT
from helpers import parquet_files

from cleaner.run import engine, spool, write
from cleaner.run.build import build
from cleaner.settings import Settings

sys.path.insert(0, str(ROOT / "bench"))
import generate

PAGES = 60
SHARD = 8
GROUP = 24  # three shards a group: 61 inputs make three groups


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    generate.generate(root / "pages", PAGES, seed=3)
    first = sorted((root / "pages").rglob("*.txt"))[0]
    (root / "pages" / "zz").mkdir()
    shutil.copy(first, root / "pages" / "zz" / "copy.txt")  # last in input order: its kept copy is in group 0
    return root / "pages"


@pytest.fixture(scope="module")
def one_group(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("one")
    build([str(corpus)], str(out), "g", "1.0.0", Settings(), workers=1)
    return out / "g" / "1.0.0"


def grouped(corpus: Path, out: Path, monkeypatch, workers: int = 1, engine: str = "local") -> Path:
    monkeypatch.setattr(spool, "SHARD_FILES", SHARD)
    monkeypatch.setattr(write, "FILES_PER_GROUP", GROUP)
    build([str(corpus)], str(out), "g", "1.0.0", Settings(), workers=workers, engine=engine)
    return out / "g" / "1.0.0"


@pytest.fixture()
def three_groups(corpus, tmp_path, monkeypatch) -> Path:
    return grouped(corpus, tmp_path / "w1", monkeypatch)


def rows(version: Path, config: str) -> list[dict]:
    files = sorted((version / "data" / config).glob("*.parquet"))
    return [r for f in files for r in pq.read_table(f).to_pylist()]


def test_groups_are_named_in_order_and_hold_the_rows_of_one_group(three_groups, one_group):
    for config in ("articles", "segments", "removals", "rejected"):
        names = sorted(p.name for p in (three_groups / "data" / config).glob("*.parquet"))
        n = len(names)
        assert names == [f"train-{i:05d}-of-{n:05d}.parquet" for i in range(n)]
        assert rows(three_groups, config) == rows(one_group, config)
    assert len(list((three_groups / "data" / "articles").glob("*.parquet"))) == 3
    m3, m1 = (json.loads((v / "manifest.json").read_text(encoding="utf-8")) for v in (three_groups, one_group))
    assert m3["content_fingerprint"] == m1["content_fingerprint"] and m3["documents"] == m1["documents"]
    assert [o["rows"] for o in m3["outputs"] if o["config"] == "articles"] == \
        [pq.read_metadata(three_groups / o["path"]).num_rows for o in m3["outputs"] if o["config"] == "articles"]


def test_a_duplicate_names_its_kept_copy_in_an_earlier_group(three_groups):
    articles = {r["source_file"]: r for r in rows(three_groups, "articles")}
    assert articles["zz/copy.txt"]["duplicate_of"] == "0000/0000000.txt"
    assert articles["zz/copy.txt"]["duplicate_kind"] == "exact"
    assert articles["0000/0000000.txt"]["duplicate_of"] is None


def test_rejecting_duplicates_names_the_kept_copy_across_groups(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(spool, "SHARD_FILES", SHARD)
    monkeypatch.setattr(write, "FILES_PER_GROUP", GROUP)
    build([str(corpus)], str(tmp_path), "g", "1.0.0", Settings(duplicates="reject"), workers=1)
    rejected = {r["source_file"]: r for r in rows(tmp_path / "g" / "1.0.0", "rejected")}
    assert rejected["zz/copy.txt"]["reason"] == "duplicate"
    assert rejected["zz/copy.txt"]["duplicate_of"] == "0000/0000000.txt"


def write_group_noting_its_process(task, *args, **kwargs):
    """write.write_group, noting in the file $GROUP_PIDS which process wrote which group (a
    module-level function: the pool's workers receive it pickled, by name)."""
    with open(os.environ["GROUP_PIDS"], "a", encoding="utf-8") as f:
        f.write(f"{task.number} {os.getpid()}\n")
    return WRITE_GROUP(task, *args, **kwargs)


WRITE_GROUP = write.write_group


@pytest.mark.skipif(engine.max_workers() < 2, reason="a pool needs two CPUs")
def test_two_workers_write_the_groups_in_their_pool_byte_identical(three_groups, corpus, tmp_path, monkeypatch):
    pids = tmp_path / "pids"
    monkeypatch.setenv("GROUP_PIDS", str(pids))
    monkeypatch.setattr(write, "write_group", write_group_noting_its_process)
    version = grouped(corpus, tmp_path / "w2", monkeypatch, workers=2)
    written = dict(line.split() for line in pids.read_text(encoding="utf-8").splitlines())
    assert sorted(written) == ["0", "1", "2"]
    assert str(os.getpid()) not in written.values(), "the build's own process wrote no group"
    assert parquet_files(version) == parquet_files(three_groups)
    assert not list((tmp_path / "w2" / "g").glob(".*"))  # no staging or work folder left


def test_ray_writes_the_groups_byte_identical(three_groups, corpus, tmp_path, monkeypatch):
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        version = grouped(corpus, tmp_path / "ray", monkeypatch, workers=2, engine="ray")
    finally:
        ray.shutdown()
    assert parquet_files(version) == parquet_files(three_groups)
    assert not list((tmp_path / "ray" / "g").glob(".*"))  # no staging or work folder left


def test_the_grouped_version_loads_with_datasets(three_groups):
    import datasets

    manifest = json.loads((three_groups / "manifest.json").read_text(encoding="utf-8"))
    ds = datasets.load_dataset(str(three_groups), "articles", split="train",
                               cache_dir=str(three_groups.parent.parent / ".cache"))
    assert ds.num_rows == manifest["rows"]["articles"]
    assert ds["source_file"] == [r["source_file"] for r in rows(three_groups, "articles")]
