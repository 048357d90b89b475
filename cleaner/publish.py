"""Write a dataset version: sharded Parquet with features, card, manifest; atomic and immutable."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from . import __version__, schema
from .rows import HASH_MOD, Columns, column_count, row_hashes, to_columns, to_rows

VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")
ROWS_PER_GROUP = 10_000
SHARD_BYTES = 256 * 1024 * 1024  # rotate a config's shard past this many uncompressed bytes
BUFFER_BYTES = 8 * 1024 * 1024  # write a row group past ROWS_PER_GROUP rows or this many bytes of rows
TOOL = "cleaner"


class PublishError(Exception):
    """A version cannot be published (bad name, existing version with other content...)."""


def check_version(version: str) -> None:
    if not VERSION.match(version):
        raise PublishError(f"version {version!r} is not a semantic version (X.Y.Z)")


def check_name(name: str) -> None:
    if not NAME.match(name):
        raise PublishError(f"name {name!r} must be letters, digits, '.', '_' or '-'")


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@dataclass
class ConfigWriter:
    """Streams one config's rows into size-bounded Parquet shards in a directory."""

    config: str
    directory: Path
    shard_bytes: int = SHARD_BYTES
    rows: int = 0
    _row_sum: int = 0
    _buffer: list[list] = field(default_factory=list)  # per column of the config, its buffered values
    _buffered_rows: int = 0
    _buffered_bytes: int = 0
    _writer: pq.ParquetWriter | None = None
    _shard_bytes_written: int = 0
    _shards: list[Path] = field(default_factory=list)

    def add(self, rows: list[dict] | Columns, hashes: tuple[int, int] | None = None) -> None:
        """Append rows, or their columns (rows.to_columns); `hashes`: rows.row_hashes(rows), when
        computed already (in a worker)."""
        columns = to_columns(self.config, rows) if isinstance(rows, list) else rows
        if hashes is None:
            hashes = row_hashes(rows if isinstance(rows, list) else to_rows(rows))
        total, size = hashes
        self._row_sum = (self._row_sum + total) % HASH_MOD
        self._buffered_bytes += size
        if not self._buffer:
            self._buffer = [[] for _ in schema.column_names(self.config)]
        for buffered, name in zip(self._buffer, schema.column_names(self.config)):
            buffered.extend(columns[name])
        n = column_count(columns)
        self._buffered_rows += n
        self.rows += n
        # Bounded by bytes too (memory stays flat however long the articles; shards of a small
        # shard_bytes rotate); flush points depend on the rows alone, so output is deterministic.
        if self._buffered_rows >= ROWS_PER_GROUP or self._buffered_bytes >= min(self.shard_bytes, BUFFER_BYTES):
            self._flush()

    def _flush(self) -> None:
        if not self._buffered_rows:
            return
        # The arrays Table.from_pylist would make of the same rows: one list per column.
        table = pa.Table.from_arrays(self._buffer, schema=self._schema())
        self._buffer = []
        self._buffered_rows = 0
        self._buffered_bytes = 0
        if self._writer is None:
            path = self.directory / f"part-{len(self._shards):05d}.parquet"
            self._shards.append(path)
            self._writer = pq.ParquetWriter(path, table.schema, compression="zstd", write_statistics=True)
            self._shard_bytes_written = 0
        self._writer.write_table(table, row_group_size=ROWS_PER_GROUP)
        self._shard_bytes_written += table.nbytes
        if self._shard_bytes_written >= self.shard_bytes:
            self._writer.close()
            self._writer = None

    def _schema(self) -> pa.Schema:
        meta = {"huggingface": json.dumps({"info": {"features": schema.hf_features(self.config)}})}
        return schema.arrow_schema(self.config).with_metadata(meta)

    def close(self) -> list[Path]:
        """Finish writing; shards renamed train-0000i-of-0000n.parquet. A config with no rows
        still gets one (empty) file so that readers see its columns."""
        self._flush()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        if not self._shards:
            path = self.directory / "part-00000.parquet"
            pq.write_table(pa.Table.from_pylist([], schema=self._schema()), path, compression="zstd")
            self._shards.append(path)
        n = len(self._shards)
        final = []
        for i, path in enumerate(self._shards):
            target = self.directory / f"train-{i:05d}-of-{n:05d}.parquet"
            path.rename(target)
            final.append(target)
        return final

    def content_hash(self) -> str:
        """Hash of the rows (a sum of the hashes of each document's rows, so the same in any order, id order
        included) that does not depend on the Parquet library's bytes; constant memory."""
        return hashlib.sha256(f"{self.config}:{self.rows}:{self._row_sum:064x}".encode()).hexdigest()


def git_commit() -> str | None:
    """The tool's git commit when it runs from a checkout."""
    here = Path(__file__).resolve().parent
    try:
        out = subprocess.run(["git", "-C", str(here), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def staging_dir(out: Path, name: str, version: str) -> Path:
    """A fresh temporary directory beside the final one (same file system, so rename is atomic)."""
    parent = out / name
    parent.mkdir(parents=True, exist_ok=True)
    staging = parent / f".{version}.tmp-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    for config in schema.CONFIGS:
        (staging / "data" / config).mkdir(parents=True)
    return staging


def remove_stale_staging(out: Path, name: str) -> None:
    """Staging directories left by interrupted builds whose process is gone."""
    parent = out / name
    if not parent.is_dir():
        return
    for p in parent.glob(".*.tmp-*"):
        pid = p.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(p, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_manifest(version_dir: Path) -> dict | None:
    try:
        return json.loads((version_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def finalise(staging: Path, target: Path, content_fingerprint: str) -> str:
    """Move a complete staging directory into place: 'published', or 'unchanged' when the
    version exists with the same content. Different content is refused."""
    if target.exists():
        existing = read_manifest(target) or {}
        shutil.rmtree(staging, ignore_errors=True)
        if existing.get("content_fingerprint") == content_fingerprint:
            return "unchanged"
        raise PublishError(
            f"{target} is already published with other content; versions are immutable: "
            f"build a new version number instead")
    os.replace(staging, target) if not target.exists() else None
    fsync_dir(target.parent)
    return "published"


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8")


__all__ = ["ConfigWriter", "PublishError", "TOOL", "__version__", "check_name", "check_version", "file_sha256",
           "finalise", "git_commit", "read_manifest", "remove_stale_staging", "staging_dir", "write_json"]
