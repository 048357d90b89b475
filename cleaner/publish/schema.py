"""The published columns: Arrow types and `datasets` features for every config.

Features are spelled the way datasets 3.x writes them (`Sequence`, YAML `sequence:`),
which datasets 4+ still reads, so one version loads with both."""

from __future__ import annotations

import tomllib
from importlib import resources

import pyarrow as pa

STRING = ("string", pa.string())
INT64 = ("int64", pa.int64())
INT32 = ("int32", pa.int32())
STRINGS = ("strings", pa.list_(pa.string()))
FLOAT = ("float64", pa.float64())
BOOL = ("bool", pa.bool_())
TIMESTAMP = ("timestamp[ms]", pa.timestamp("ms"))  # Parquet has no second unit: ms
TYPES = {kind[0]: kind for kind in (STRING, INT64, INT32, STRINGS, FLOAT, BOOL, TIMESTAMP)}


def load_columns() -> dict[str, list[tuple[str, tuple[str, pa.DataType], str]]]:
    """Every config's columns, in order, as (name, (type name, Arrow type), meaning), from
    cleaner/data/columns.toml."""
    text = resources.files("cleaner.data").joinpath("columns.toml").read_text(encoding="utf-8")
    return {config: [(name, TYPES[kind], meaning) for name, (kind, meaning) in columns.items()]
            for config, columns in tomllib.loads(text).items()}


COLUMNS = load_columns()
CONFIGS = tuple(COLUMNS)


def column_names(config: str) -> list[str]:
    return [name for name, _, _ in COLUMNS[config]]


def arrow_schema(config: str) -> pa.Schema:
    return pa.schema([pa.field(name, kind[1]) for name, kind, _ in COLUMNS[config]])


def hf_feature(kind: str) -> dict:
    if kind == "strings":
        return {"feature": {"dtype": "string", "_type": "Value"}, "_type": "Sequence"}
    return {"dtype": kind, "_type": "Value"}


def hf_features(config: str) -> dict:
    return {name: hf_feature(kind[0]) for name, kind, _ in COLUMNS[config]}


def yaml_features(config: str) -> list[dict]:
    out = []
    for name, kind, _ in COLUMNS[config]:
        out.append({"name": name, "sequence": "string"} if kind[0] == "strings" else {"name": name, "dtype": kind[0]})
    return out
