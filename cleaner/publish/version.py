"""Write a dataset version: sharded Parquet with features, card, manifest; atomic and immutable."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from cleaner import __version__, terminal
from cleaner.publish import schema
from cleaner.publish.rows import HASH_MOD, Columns, column_count, row_hashes, to_columns, to_rows

# SemVer 2.0.0's own pattern (semver.org), ASCII digits, matched whole: no trailing newline.
VERSION = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
                     r"(?:-((?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                     r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?")
MAX_VERSION_CHARS = 128
# The Hub's repository-name rule: letters, digits, '.', '_', '-'; no '--' or '..'; '.' and '-'
# neither first nor last; at most 96 characters.
NAME = re.compile(r"(?!.*(?:--|\.\.))[A-Za-z0-9_](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9_])?")
ROWS_PER_GROUP = 10_000
SHARD_BYTES = 256 * 1024 * 1024  # rotate a config's shard past this many uncompressed bytes
BUFFER_BYTES = 8 * 1024 * 1024  # write a row group past ROWS_PER_GROUP rows or this many bytes of rows
TOOL = "cleaner"


class PublishError(Exception):
    """A version cannot be published (bad name, existing version with other content...)."""


def check_version(version: str) -> None:
    if len(version) > MAX_VERSION_CHARS or not VERSION.fullmatch(version):
        raise PublishError(f"version {terminal.safe_line(repr(version))} is not a semantic version "
                           f"(X.Y.Z, optionally -PRERELEASE and +BUILD, as semver.org 2.0.0 defines)")


def check_name(name: str) -> None:
    if not NAME.fullmatch(name):
        raise PublishError(f"name {terminal.safe_line(repr(name))} must be 1-96 letters, digits, '.', '_' or '-' "
                           f"(no '--' or '..', not starting or ending with '.' or '-')")


@functools.lru_cache(maxsize=1)
def hub_licenses() -> frozenset[str]:
    """The licence ids the Hugging Face Hub accepts in a card (cleaner/data/hub_licenses.txt)."""
    text = resources.files("cleaner.data").joinpath("hub_licenses.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def check_license(license_id: str) -> None:
    if license_id not in hub_licenses():
        raise PublishError(f"license {terminal.safe_line(repr(license_id))} is not a Hugging Face Hub licence id "
                           f"(such as mit, apache-2.0, cc-by-4.0, other, unknown; the list: "
                           f"https://huggingface.co/docs/hub/repositories-licenses)")


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
    split: str = "train"  # the split its files name (train-*, validation-*)
    group: int | None = None  # the group of input files it writes (run.write): in its files' names
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
            path = self.directory / f"{self._part_prefix()}{len(self._shards):05d}.parquet"
            self._shards.append(path)
            self._writer = pq.ParquetWriter(path, table.schema, compression="zstd", write_statistics=True)
            self._shard_bytes_written = 0
        self._writer.write_table(table, row_group_size=ROWS_PER_GROUP)
        self._shard_bytes_written += table.nbytes
        if self._shard_bytes_written >= self.shard_bytes:
            self._writer.close()
            self._writer = None

    def _part_prefix(self) -> str:
        """Name of a shard being written (renamed later): part-[GROUP-][SPLIT-]N."""
        group = "" if self.group is None else f"{self.group:06d}-"
        return f"part-{group}" if self.split == "train" else f"part-{group}{self.split}-"

    def _schema(self) -> pa.Schema:
        return config_schema(self.config)

    @property
    def row_sum(self) -> int:
        """The sum of its documents' row hashes (modulo HASH_MOD): see content_hash."""
        return self._row_sum

    def finish(self) -> list[Path]:
        """Finish writing; the shards written, in order, under their part names (none when no
        row came)."""
        self._flush()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        return list(self._shards)


def content_hash(config: str, split: str, rows: int, row_sum: int) -> str:
    """Hash of a config's rows (a sum of the hashes of each document's rows, so the same in any order,
    id order included, and summed over groups written apart) that does not depend on the Parquet
    library's bytes; constant memory."""
    name = config if split == "train" else f"{config}/{split}"
    return hashlib.sha256(f"{name}:{rows}:{row_sum:064x}".encode()).hexdigest()


def config_schema(config: str) -> pa.Schema:
    """A config's Arrow schema with the features `datasets` reads from its files."""
    meta = {"huggingface": json.dumps({"info": {"features": schema.hf_features(config)}})}
    return schema.arrow_schema(config).with_metadata(meta)


def empty_file(config: str, directory: Path, split: str = "train") -> Path:
    """A Parquet file of the config's columns and no row group (a row group of 0 rows makes
    `datasets` read batches of size 0), named to be renamed."""
    path = directory / f"part-empty-{split}.parquet"
    pq.ParquetWriter(path, config_schema(config), compression="zstd").close()
    return path


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread: a build stops as on Ctrl-C and removes its staging."""


@contextlib.contextmanager
def sigterm_stops_the_build() -> Iterator[None]:
    """SIGTERM raises Terminated while inside (main thread only: Python runs handlers there)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise Terminated(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


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
    version exists with the same content. Different content is refused.

    One step places the version: rename(2) of the staging folder onto the version's path, which
    fails when a version is there (a published version is never an empty folder); a build that
    loses a race to another one learns it from that failure, never from a check made before."""
    try:
        os.rename(staging, target)
    except OSError as e:
        if not (target.exists() or target.is_symlink()):
            raise
        shutil.rmtree(staging, ignore_errors=True)
        existing = read_manifest(target) or {}
        if existing.get("content_fingerprint") == content_fingerprint:
            return "unchanged"
        raise PublishError(
            f"{terminal.safe_line(str(target))} is already published with other content; versions are immutable: "
            f"build a new version number instead") from e
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


__all__ = [
    "TOOL",
    "ConfigWriter",
    "PublishError",
    "Terminated",
    "__version__",
    "check_license",
    "check_name",
    "check_version",
    "content_hash",
    "empty_file",
    "file_sha256",
    "finalise",
    "git_commit",
    "hub_licenses",
    "read_manifest",
    "remove_stale_staging",
    "sigterm_stops_the_build",
    "staging_dir",
    "write_json",
]
