"""datasets 3.x loads every config the card lists with the same features as the newest datasets.

datasets 4+ spells list features `List`, which 3.x cannot read; the Parquet `huggingface` metadata
and the card's YAML use the 3.x spelling (`Sequence`, `sequence:`), which 4+ still reads. This test
loads the seeds' version in a second interpreter with datasets<4, given by the environment
variable CLEANER_DATASETS3_PYTHON, for example:

    python3 -m venv /tmp/ds3 && /tmp/ds3/bin/pip install "datasets>=3,<4" pyarrow==26.0.1
    CLEANER_DATASETS3_PYTHON=/tmp/ds3/bin/python pytest tests/test_datasets3.py
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest

from cleaner.publish import schema

HELPER = Path(__file__).resolve().parent / "datasets3_load.py"
PYTHON = os.environ.get("CLEANER_DATASETS3_PYTHON")

pytestmark = pytest.mark.skipif(
    not PYTHON,
    reason="CLEANER_DATASETS3_PYTHON is not set: no interpreter with datasets<4 to load the version with "
           "(python3 -m venv /tmp/ds3 && /tmp/ds3/bin/pip install 'datasets>=3,<4' pyarrow==26.0.1)")


def test_every_listed_config_loads_with_datasets_3_and_the_same_features(seeds_version, tmp_path):
    env = {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    done = subprocess.run([PYTHON, str(HELPER), str(seeds_version), str(tmp_path / "cache")],
                          check=False, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["datasets"].split(".")[0] == "3", f"{PYTHON} has datasets {report['datasets']}, not 3.x"

    manifest = json.loads((seeds_version / "manifest.json").read_text(encoding="utf-8"))
    expected = list(schema.CONFIGS)  # every config, rejected with 0 rows included
    assert list(report["configs"]) == expected
    assert report["default"] == "articles"
    for config, got in report["configs"].items():
        assert got["num_rows"] == manifest["rows"][config], config
        assert got["equals_yaml_features"], (config, got["features_repr"])
        assert got["equals_parquet_features"], (config, got["features_repr"])
        assert got["first_row_matches"], config
        # 3.x's features, read by the newest datasets, are the newest datasets' features
        newest = datasets.Features.from_arrow_schema(pq.read_schema(
            min((seeds_version / "data" / config).glob("*.parquet"))))
        assert datasets.Features.from_dict(got["features"]) == newest, config
        for column, (kind, _), _ in schema.COLUMNS[config]:
            assert got["features"][column]["_type"] == ("Sequence" if kind == "strings" else "Value")
