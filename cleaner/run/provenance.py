"""Per-input detail of a version, read from its Parquet (not kept in memory nor in manifest.json).

Every document read is one row of `articles` or of `rejected`, each with its source file and
the sha256 of its bytes: those two configs are the build's provenance. The manifest keeps counts
only (`documents`), so that neither it nor the process that writes it grows with the build.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq

SOURCES = {"articles": ("source_file", "source_sha256", "source_bytes", "encoding"),
           "rejected": ("source_file", "source_sha256", "reason")}


def inputs(root: Path | str) -> Iterator[dict]:
    """Every document's entry, config by config, row group by row group (bounded memory):
    source_file, sha256, outcome ('article' or 'rejected') and bytes + encoding or reason."""
    for config, columns in SOURCES.items():
        for path in sorted(Path(root, "data", config).glob("*.parquet")):
            f = pq.ParquetFile(path)
            for group in range(f.num_row_groups):
                for row in f.read_row_group(group, columns=list(columns)).to_pylist():
                    entry = {"source_file": row["source_file"], "sha256": row["source_sha256"],
                             "outcome": "article" if config == "articles" else "rejected"}
                    entry.update({k: row[k] for k in columns[2:]})
                    yield entry


def first_inputs(root: Path | str, limit: int) -> list[dict]:
    """The `limit` entries first by source file name (then sha256): what a card or Croissant lists."""
    return heapq.nsmallest(limit, inputs(root), key=lambda e: (e["source_file"], e["sha256"]))


def counts(manifest: dict) -> tuple[int, dict[str, int], dict[str, int]]:
    """(documents read, outcome -> documents, rejection reason -> documents) from a manifest."""
    docs = manifest["documents"]
    rejected = dict(docs["rejected"])
    return docs["read"], {"article": docs["articles"], "rejected": sum(rejected.values())}, rejected
