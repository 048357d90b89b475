"""Load every config a version's card lists, in an interpreter with datasets 3.x.

Run by tests/test_datasets3.py as `$CLEANER_DATASETS3_PYTHON tests/datasets3_load.py VERSION_DIR CACHE_DIR`;
it imports only datasets, pyarrow and yaml (not cleaner, which that interpreter lacks) and prints
one JSON object: the datasets version and, per listed config (a config of 0 rows streamed), the rows loaded, the features as
loaded, and whether they equal the YAML features and the Parquet files' features as this
datasets version reads them, and whether the first row equals the Parquet file's first row."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import datasets
import pyarrow.parquet as pq
import yaml
from datasets.info import DatasetInfosDict
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCardData


def front_matter(readme: Path) -> dict:
    text = readme.read_text(encoding="utf-8")
    _, block, _ = text.split("---\n", 2)
    return yaml.safe_load(block)


def main(version_dir: str, cache_dir: str) -> dict:
    root = Path(version_dir)
    card_data = DatasetCardData(**front_matter(root / "README.md"))
    configs = MetadataConfigs.from_dataset_card_data(card_data)
    infos = DatasetInfosDict.from_dataset_card_data(card_data)
    report: dict = {"datasets": datasets.__version__, "default": configs.get_default_config_name(), "configs": {}}
    for config in configs:
        files = sorted((root / "data" / config).glob("*.parquet"))
        parquet_features = datasets.Features.from_arrow_schema(pq.read_schema(files[0]))
        if sum(pq.read_metadata(f).num_rows for f in files) == 0:  # 0 rows: only a streamed split loads
            ds = datasets.load_dataset(version_dir, config, split="train", streaming=True)
            report["configs"][config] = {
                "num_rows": len(list(ds)),
                "features": ds.features.to_dict(),
                "features_repr": repr(ds.features),
                "equals_yaml_features": ds.features == infos[config].features,
                "equals_parquet_features": ds.features == parquet_features,
                "first_row_matches": True,
            }
            continue
        ds = datasets.load_dataset(version_dir, config, split="train", cache_dir=cache_dir)
        first = pq.read_table(files[0]).slice(0, 1).to_pylist()[0]
        report["configs"][config] = {
            "num_rows": ds.num_rows,
            "features": ds.features.to_dict(),
            "features_repr": repr(ds.features),
            "equals_yaml_features": ds.features == infos[config].features,
            "equals_parquet_features": ds.features == parquet_features,
            "first_row_matches": ds[0] == first,
        }
    return report


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2]), ensure_ascii=False))
