"""The dataset card (README.md) of a real build of the seeds: it loads with huggingface_hub, its
YAML parses with datasets' own parsers and matches the Parquet files, every listed config loads
offline, and the prose says what the issue asks for. `DatasetCard.validate()` needs the Hub, so
the Hub's checks are done here offline: configs, one default, accepted licence and language codes."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest
from conftest import SEEDS
from datasets.info import DatasetInfosDict
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCard

from cleaner.publish import schema
from cleaner.run import provenance
from cleaner.run.build import build
from cleaner.settings import Settings

HERE = Path(__file__).resolve().parent
RESOURCES = Path(datasets.__file__).parent / "utils" / "resources"


def hub_licenses() -> set[str]:
    lines = (HERE.parent / "cleaner" / "data" / "hub_licenses.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def manifest_of(version_dir: Path) -> dict:
    return json.loads((version_dir / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def card(seeds_version) -> DatasetCard:
    return DatasetCard.load(seeds_version / "README.md")


def listed(manifest: dict) -> list[str]:
    """Every config is listed, with rows or without."""
    return list(schema.CONFIGS)


def test_card_loads_with_huggingface_hub_and_has_the_required_metadata(card, seeds_version):
    data = card.data.to_dict()
    for key in ("pretty_name", "license", "language", "task_categories", "size_categories", "tags",
                "configs", "dataset_info", "version"):
        assert data.get(key), key
    assert data["version"] == "0.0.1" and isinstance(data["version"], str)
    assert data["pretty_name"] == "seeds"
    assert card.text.lstrip().startswith("# seeds")


def test_configs_parse_with_datasets_parser_and_exactly_one_is_default(card, seeds_version):
    manifest = manifest_of(seeds_version)
    configs = MetadataConfigs.from_dataset_card_data(card.data)
    assert list(configs) == listed(manifest)
    assert configs.get_default_config_name() == "articles"
    assert sum(1 for c in card.data.to_dict()["configs"] if c.get("default")) == 1
    for name, config in configs.items():
        [data_files] = config["data_files"]
        assert data_files["split"] == "train"
        matched = sorted(p.relative_to(seeds_version).as_posix() for p in seeds_version.glob(data_files["path"]))
        assert matched == sorted(o["path"] for o in manifest["outputs"] if o["config"] == name)


def test_configs_without_rows_are_listed_and_the_card_says_they_are_empty(card, seeds_version):
    manifest = manifest_of(seeds_version)
    empty = [c for c in schema.CONFIGS if manifest["rows"][c] == 0]
    assert empty == ["rejected"]  # the seeds are all kept
    listed_names = [c["config_name"] for c in card.data.to_dict()["configs"]]
    for config in empty:
        assert config in listed_names
        assert f"### `{config}` (no rows in this version: it loads as an empty table)" in card.text
        assert f"`{config}` has no rows in this version (loads empty)" in card.text


def test_license_and_language_codes_are_the_hubs_accepted_values(card):
    data = card.data.to_dict()
    assert data["license"] in hub_licenses()
    assert data["license"] == "unknown"  # Settings().license: the seeds' licences are not known
    assert "unknown" in card.text and "licences were not recorded" in card.text
    known_languages = json.loads((RESOURCES / "languages.json").read_text(encoding="utf-8"))
    assert data["language"] == ["zh"]
    for code in data["language"]:
        assert re.fullmatch(r"[a-z]{2}", code), f"{code} is not an ISO 639-1 code"
        assert code in known_languages
    size_categories = json.loads((RESOURCES / "size_categories.json").read_text(encoding="utf-8"))
    assert data["size_categories"] == ["n<1K"] and data["size_categories"][0] in size_categories


def test_yaml_features_equal_the_parquet_files_features(card, seeds_version):
    manifest = manifest_of(seeds_version)
    infos = DatasetInfosDict.from_dataset_card_data(card.data)
    yaml_infos = {i["config_name"]: i for i in card.data.to_dict()["dataset_info"]}
    assert list(infos) == listed(manifest)
    for config, info in infos.items():
        from_yaml = datasets.Features._from_yaml_list(yaml_infos[config]["features"])
        assert from_yaml == info.features
        for f in sorted((seeds_version / "data" / config).glob("*.parquet")):
            assert datasets.Features.from_arrow_schema(pq.read_schema(f)) == from_yaml, f
        assert list(from_yaml) == [n for n, _, _ in schema.COLUMNS[config]]
        assert info.splits["train"].num_examples == manifest["rows"][config]
        assert info.download_size == sum(o["bytes"] for o in manifest["outputs"] if o["config"] == config)


def test_every_listed_config_loads_offline_with_the_expected_features_and_rows(card, seeds_version, tmp_path):
    assert datasets.config.HF_DATASETS_OFFLINE
    manifest = manifest_of(seeds_version)
    infos = DatasetInfosDict.from_dataset_card_data(card.data)
    for config in MetadataConfigs.from_dataset_card_data(card.data):
        if manifest["rows"][config] == 0:  # datasets refuses a split of 0 rows unless streamed
            ds = datasets.load_dataset(str(seeds_version), config, split="train", streaming=True)
            assert list(ds) == [] and ds.features == infos[config].features
            continue
        ds = datasets.load_dataset(str(seeds_version), config, split="train", cache_dir=str(tmp_path))
        assert ds.num_rows == manifest["rows"][config]
        assert ds.features == infos[config].features
        assert ds.info.splits["train"].num_bytes == infos[config].splits["train"].num_bytes
        first = pq.read_table(min((seeds_version / "data" / config).glob("*.parquet"))).slice(0, 1)
        assert ds[0] == first.to_pylist()[0]


def test_prose_has_sources_cleaning_rules_fields_statistics_loading_limitations_provenance(card, seeds_version):
    text = card.text
    manifest = manifest_of(seeds_version)
    for heading in ("Dataset summary", "How to load", "Configs and fields", "Sources", "Cleaning steps",
                    "Statistics", "Provenance", "Limitations and biases", "Changelog"):
        assert f"\n## {heading}\n" in text, heading
    for source in provenance.inputs(seeds_version):
        assert f"| `{source['source_file']}` | `{source['sha256']}` |" in text
    for output in manifest["outputs"]:
        assert f"`{output['path']}`" in text and output["sha256"] in text
    for config in schema.CONFIGS:
        for column, _, _ in schema.COLUMNS[config]:
            assert f"| `{column}` |" in text
    removed: Counter = Counter()
    for f in (seeds_version / "data" / "removals").glob("*.parquet"):
        t = pq.read_table(f).to_pydict()
        for rule, category, start, end in zip(t["rule"], t["category"], t["start"], t["end"]):
            removed[(rule, category)] += end - start
    assert removed
    for (rule, category), n in removed.items():
        assert f"| `{rule}` | {category} | {n} |" in text
    assert f"| articles kept | {manifest['rows']['articles']} |" in text
    assert f"| segments | {manifest['rows']['segments']} |" in text
    assert "Languages (articles per ISO 639-1 code): zh 5" in text
    assert re.search(r"Article length \(characters\): min \d+, quartiles \d+ / \d+ / \d+, max \d+", text)
    assert 'load_dataset("seeds/0.0.1", "articles", split="train")' in text
    assert 'pd.read_parquet("seeds/0.0.1/data/articles")' in text
    assert "read_parquet('seeds/0.0.1/data/articles/*.parquet')" in text
    assert manifest["settings_fingerprint"] in text
    assert "- 0.0.1: first published version." in text


def test_the_pandas_and_duckdb_snippets_in_the_card_run(card, seeds_version, monkeypatch):
    import pandas as pd

    manifest = manifest_of(seeds_version)
    monkeypatch.chdir(seeds_version.parent.parent)  # the card's paths are relative to --out
    [pandas_path] = re.findall(r'pd\.read_parquet\("([^"]+)"\)', card.text)
    assert len(pd.read_parquet(pandas_path)) == manifest["rows"]["articles"]
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed: the SQL in the card is not run")
    sql = card.text.split("```sql\n", 1)[1].split("```", 1)[0]
    first, second = [s.strip() for s in sql.split(";") if s.strip()]
    assert len(duckdb.sql(first).fetchall()) == manifest["rows"]["articles"]
    assert len(duckdb.sql(second).fetchall()) == manifest["rows"]["segments"]


def test_card_and_croissant_are_byte_identical_on_a_rebuild(seeds_version, tmp_path):
    build([str(SEEDS)], str(tmp_path), "seeds", "0.0.1", Settings(), workers=1)
    again = tmp_path / "seeds" / "0.0.1"
    for name in ("README.md", "croissant.json", "manifest.json"):
        assert (again / name).read_bytes() == (seeds_version / name).read_bytes(), name


def test_a_version_with_rejected_inputs_lists_and_loads_the_rejected_config(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(SEEDS, inputs)
    first = min(inputs.glob("*.txt"))
    (inputs / "zz_copy.txt").write_bytes(first.read_bytes())  # an exact duplicate
    (inputs / "zz_empty.txt").write_bytes(b"")
    build([str(inputs)], str(tmp_path / "out"), "mixed", "1.0.0", Settings(duplicates="reject"), workers=1)
    version = tmp_path / "out" / "mixed" / "1.0.0"
    manifest = manifest_of(version)
    assert manifest["rows"]["rejected"] == 2
    card = DatasetCard.load(version / "README.md")
    configs = MetadataConfigs.from_dataset_card_data(card.data)
    assert list(configs) == list(schema.CONFIGS) and configs.get_default_config_name() == "articles"
    infos = DatasetInfosDict.from_dataset_card_data(card.data)
    rejected = datasets.load_dataset(str(version), "rejected", split="train", cache_dir=str(tmp_path / "cache"))
    assert rejected.features == infos["rejected"].features
    assert sorted(zip(rejected["source_file"], rejected["reason"])) == [("zz_copy.txt", "duplicate"),
                                                                         ("zz_empty.txt", "empty")]
    assert "| `duplicate` |" in card.text and "| `empty` |" in card.text
    assert re.search(r"\| `duplicate` \| [^|]+ \| 1 \|", card.text)
    mlc = pytest.importorskip("mlcroissant")
    dataset = mlc.Dataset(jsonld=str(version / "croissant.json"))
    assert not dataset.metadata.ctx.issues.errors and not dataset.metadata.ctx.issues.warnings
    got = [r["rejected/source_file"].decode() for r in dataset.records(record_set="rejected")]
    assert sorted(got) == ["zz_copy.txt", "zz_empty.txt"]
