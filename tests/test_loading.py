"""Every config of a version loads with datasets, pandas, DuckDB and polars, whatever its row
count: the seeds' version (rejected has no rows) and a version that kept no article at all."""

from __future__ import annotations

import json
from pathlib import Path

import datasets
import pytest
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCard

from cleaner.publish import schema
from cleaner.publish.version import PublishError
from cleaner.run.build import build
from cleaner.settings import Settings


@pytest.fixture(scope="module")
def empty_version(tmp_path_factory) -> Path:
    """A version built with allow_empty from inputs none of which becomes an article."""
    root = tmp_path_factory.mktemp("empty")
    inputs = root / "inputs"
    inputs.mkdir()
    (inputs / "blank.txt").write_bytes(b"   \n")
    (inputs / "short.txt").write_text("首页 | 新闻 | 体育\n", encoding="utf-8")
    build([str(inputs)], str(root / "out"), "nothing", "1.0.0", Settings(), workers=1, allow_empty=True)
    return root / "out" / "nothing" / "1.0.0"


def rows_of(version: Path) -> dict[str, int]:
    return json.loads((version / "manifest.json").read_text(encoding="utf-8"))["rows"]


def load_with_datasets(version: Path, config: str, cache: Path):
    """The card's load_dataset call; a split of 0 rows, which datasets' non-streaming reader
    refuses ("corresponds to no data"), is read streamed."""
    if rows_of(version)[config] == 0:
        return list(datasets.load_dataset(str(version), config, split="train", streaming=True))
    return datasets.load_dataset(str(version), config, split="train", cache_dir=str(cache)).to_list()


@pytest.mark.parametrize("which", ["seeds", "empty"])
def test_every_config_is_listed_and_loads_with_four_readers(which, seeds_version, empty_version, tmp_path):
    import duckdb
    import pandas as pd
    import polars as pl

    version = seeds_version if which == "seeds" else empty_version
    rows = rows_of(version)
    if which == "empty":
        assert rows["articles"] == rows["segments"] == rows["removals"] == 0 and rows["rejected"] == 2
    else:
        assert rows["rejected"] == 0 and rows["articles"] == 5
    configs = MetadataConfigs.from_dataset_card_data(DatasetCard.load(version / "README.md").data)
    assert list(configs) == list(schema.CONFIGS)
    for config in schema.CONFIGS:
        columns = schema.column_names(config)
        got = load_with_datasets(version, config, tmp_path / "cache")
        assert len(got) == rows[config], config
        assert all(list(r) == columns for r in got)
        frame = pd.read_parquet(version / "data" / config)
        assert list(frame.columns) == columns and len(frame) == rows[config]
        glob = (version / "data" / config / "*.parquet").as_posix()
        relation = duckdb.sql(f"SELECT * FROM read_parquet('{glob}')")
        assert relation.columns == columns and len(relation.fetchall()) == rows[config]
        polars_frame = pl.read_parquet(glob)
        assert polars_frame.columns == columns and polars_frame.height == rows[config]


def test_an_empty_config_streams_with_its_features(empty_version):
    infos = datasets.info.DatasetInfosDict.from_dataset_card_data(DatasetCard.load(empty_version / "README.md").data)
    ds = datasets.load_dataset(str(empty_version), "articles", split="train", streaming=True)
    assert ds.features == infos["articles"].features and list(ds) == []


def test_a_build_that_keeps_nothing_is_refused_by_default(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "blank.txt").write_bytes(b"\n")
    with pytest.raises(PublishError, match="--allow-empty"):
        build([str(inputs)], str(tmp_path / "out"), "x", "1.0.0", Settings(), workers=1, allow_empty=False)
    assert not (tmp_path / "out" / "x" / "1.0.0").exists()
    assert not list((tmp_path / "out" / "x").glob(".*tmp*"))


@pytest.mark.parametrize("which", ["seeds", "empty"])
def test_the_cards_load_lines_run(which, seeds_version, empty_version, tmp_path, monkeypatch):
    """Each config's load_dataset line in the card, run as written (relative to --out)."""
    import re

    version = seeds_version if which == "seeds" else empty_version
    card = (version / "README.md").read_text(encoding="utf-8")
    lines = re.findall(r"^(\w+) = (load_dataset\(.*\))(?:  # 0 rows)?$", card, re.MULTILINE)
    assert [name for name, _ in lines] == list(schema.CONFIGS)
    monkeypatch.chdir(version.parent.parent)
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    rows = rows_of(version)
    for name, call in lines:
        ds = eval(call, {"load_dataset": datasets.load_dataset})  # the card's own line
        assert len(list(ds)) == rows[name], name
