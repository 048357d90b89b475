"""Engines: a pool of workers and Ray Data publish byte-identical Parquet to one process; shards."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from helpers import parquet_files

from cleaner.document import Article
from cleaner.read.files import RawDocument, iter_documents
from cleaner.read.walk import find_inputs
from cleaner.run.build import build
from cleaner.run.engine import chunks, process, run_engine
from cleaner.settings import Settings

sys.path.insert(0, str(ROOT / "bench"))
import generate

GENERATED = 60
SHARD_BYTES = 256 * 1024  # small enough for several shards of a config


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seeds plus generated pages (GB18030, mojibake, duplicates, spam... among them), and
    inputs every engine must reject."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SEEDS, root / "seeds")
    generate.generate(root / "generated", GENERATED, seed=7)
    (root / "empty.txt").write_bytes(b"")
    (root / "short.txt").write_text("短。", encoding="utf-8")
    return root


def build_once(corpus: Path, out: Path, workers: int, engine: str = "local") -> Path:
    build([str(corpus)], str(out), "engines", "1.0.0", Settings(), workers=workers, engine=engine,
          shard_bytes=SHARD_BYTES)
    return out / "engines" / "1.0.0"


@pytest.fixture(scope="module")
def one_worker(corpus, tmp_path_factory) -> Path:
    return build_once(corpus, tmp_path_factory.mktemp("w1"), workers=1)


def test_two_workers_publish_byte_identical_parquet(corpus, one_worker, tmp_path):
    two = build_once(corpus, tmp_path, workers=2)
    files = parquet_files(one_worker)
    assert files == parquet_files(two)
    assert len(files) > 4  # several shards: the comparison covers rotation too
    m1 = json.loads((one_worker / "manifest.json").read_text(encoding="utf-8"))
    m2 = json.loads((two / "manifest.json").read_text(encoding="utf-8"))
    assert m1["content_fingerprint"] == m2["content_fingerprint"]
    assert m1["documents"] == m2["documents"]
    assert m1["documents"]["duplicate_articles"], "the corpus has duplicates, marked on every engine alike"
    assert m1["rows"]["articles"] + m1["rows"]["rejected"] == len(list(iter_documents(find_inputs([str(corpus)]))))


def test_small_shard_size_gives_several_named_shards_that_datasets_loads(one_worker):
    import datasets

    manifest = json.loads((one_worker / "manifest.json").read_text(encoding="utf-8"))
    for config in ("articles", "segments", "removals", "rejected"):
        names = sorted(p.name for p in (one_worker / "data" / config).glob("*.parquet"))
        n = len(names)
        assert n >= 2 or config in ("removals", "rejected"), (config, names)
        assert names == [f"train-{i:05d}-of-{n:05d}.parquet" for i in range(n)]
        ds = datasets.load_dataset(str(one_worker), config, split="train",
                                   cache_dir=str(one_worker.parent.parent / ".cache"))
        assert ds.num_rows == manifest["rows"][config] > 0
        assert ds.num_rows == sum(o["rows"] for o in manifest["outputs"] if o["config"] == config)
    outputs = [o for o in manifest["outputs"] if o["config"] == "articles"]
    assert len(outputs) >= 2 and sum(o["rows"] for o in outputs) == manifest["rows"]["articles"]


def test_pool_returns_results_in_input_order_across_many_chunks():
    texts = [f"第{i}篇\n\n" + "本市今天发布了一条新闻，内容涉及交通、教育和医疗等多个方面的安排。" * (1 + i % 5)
             for i in range(90)]
    docs = [RawDocument(f"doc{i:03d}.txt", data=t.encode("utf-8")) for i, t in enumerate(texts)]
    settings = Settings()
    expected = [process(d, settings) for d in docs]
    got = list(run_engine(iter(docs), settings, workers=2))
    assert [r.source.path if isinstance(r, Article) else r.source_file for r in got] == [d.relative for d in docs]
    assert got == expected


def test_chunks_bound_documents_and_bytes():
    docs = [RawDocument(f"{i}", data=b"x" * 100) for i in range(10)]
    assert [len(c) for c in chunks(docs, max_docs=4)] == [4, 4, 2]
    assert [len(c) for c in chunks(docs, max_docs=100, max_bytes=250)] == [3, 3, 3, 1]
    assert [d for c in chunks(docs, max_docs=3) for d in c] == docs


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine"):
        list(run_engine(iter([]), Settings(), 1, engine="spark"))


@pytest.fixture(scope="module")
def local_ray():
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    from cleaner.run.ray_engine import restore_environment

    environ = dict(os.environ)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    ray.shutdown()
    restore_environment(environ)  # RAY_AUTH_MODE=token left behind would stall the cluster tests' builds


def test_ray_engine_publishes_byte_identical_parquet(local_ray, corpus, one_worker, tmp_path, monkeypatch):
    from cleaner.run import spool

    monkeypatch.setattr(spool, "SHARD_FILES", 4)  # many tasks, their results in any order
    ray_dir = build_once(corpus, tmp_path, workers=2, engine="ray")
    assert parquet_files(ray_dir) == parquet_files(one_worker)
    assert local_ray.is_initialized()  # a Ray it did not start is left running


def test_cli_takes_the_engine_option():
    from click.testing import CliRunner

    from cleaner.cli import main

    result = CliRunner().invoke(main, ["build", "--help"])
    assert result.exit_code == 0
    assert re.search(r"--engine \[local\|ray\]", result.output)
    assert "--ray-address" in result.output and "RAY_ADDRESS" in result.output
    assert re.search(r"--duplicates \[mark\|reject\]", result.output)

