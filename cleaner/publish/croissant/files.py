"""The distribution (one FileObject per Parquet file and manifest.json, one FileSet per config)
and the record sets (one per config, one field per column)."""

from __future__ import annotations

from pathlib import Path

from cleaner.publish import schema
from cleaner.publish import version as publish
from cleaner.publish.croissant.vocabulary import CONFIG_DESCRIPTIONS, DATA_TYPES, KEYS, PARQUET

# -- files and record sets ----------------------------------------------------------------------

def file_object_id(path: str) -> str:
    return path


def file_set_id(config: str) -> str:
    return f"{config}-parquet-files"


def _shards(manifest: dict, config: str) -> list[dict]:
    return [o for o in manifest["outputs"] if o["config"] == config]


def distribution(manifest: dict, root: Path | None) -> list[dict]:
    out = []
    for o in manifest["outputs"]:
        out.append({
            "@type": "cr:FileObject",
            "@id": file_object_id(o["path"]),
            "name": o["path"],
            "description": f"Config {o['config']}: {o['rows']} rows.",
            "contentUrl": o["path"],
            "contentSize": f"{o['bytes']} B",
            "encodingFormat": PARQUET,
            "sha256": o["sha256"],
        })
    for config in schema.CONFIGS:
        out.append({
            "@type": "cr:FileSet",
            "@id": file_set_id(config),
            "name": file_set_id(config),
            "description": f"The Parquet shards of config {config}.",
            "encodingFormat": PARQUET,
            "includes": f"data/{config}/*.parquet",
        })
    if root is not None and (root / "manifest.json").is_file():
        out.append({
            "@type": "cr:FileObject",
            "@id": "manifest.json",
            "name": "manifest.json",
            "description": ("Build manifest: tool version and git commit, complete settings and their "
                            "fingerprint, every input's sha256, every output file's sha256 and row count, "
                            "and the content fingerprint."),
            "contentUrl": "manifest.json",
            "contentSize": f"{(root / 'manifest.json').stat().st_size} B",
            "encodingFormat": "application/json",
            "sha256": publish.file_sha256(root / "manifest.json"),
        })
    return out


def record_set(config: str, manifest: dict) -> dict:
    shards = _shards(manifest, config)
    if len(shards) == 1:
        source = {"fileObject": {"@id": file_object_id(shards[0]["path"])}}
    else:
        source = {"fileSet": {"@id": file_set_id(config)}}
    fields = []
    for column, (kind, _), meaning in schema.COLUMNS[config]:
        field = {
            "@type": "cr:Field",
            "@id": f"{config}/{column}",
            "name": column,
            "description": meaning,
            "dataType": DATA_TYPES[kind],
            "source": {**source, "extract": {"column": column}},
        }
        if kind == "strings":
            field["isArray"] = True
            field["arrayShape"] = "-1"
        fields.append(field)
    rs = {
        "@type": "cr:RecordSet",
        "@id": config,
        "name": config,
        "description": f"{CONFIG_DESCRIPTIONS.get(config, config)} {manifest['rows'].get(config, 0)} rows.",
        "field": fields,
    }
    if config in KEYS:
        keys = [{"@id": f"{config}/{k}"} for k in KEYS[config]]
        rs["key"] = keys[0] if len(keys) == 1 else keys
    return rs
