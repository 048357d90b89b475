"""The first pass's results, kept per input shard so that an interrupted build resumes.

Input files are taken SHARD_FILES at a time, in the order they are found: an input shard. Each
shard's documents (rows.Prepared, pickled, in input order, by the process that cleaned them:
Spooled) go to `shard-NNNNNN.pickle` in a work folder beside the version (`.VERSION.work-KEY`,
KEY from the tool version, settings and inputs given), what the duplicate decisions need of
them (ShardKeys) to `shard-NNNNNN.keys`; once the shard is complete its completion marker
`shard-NNNNNN.done` records the shard's files (name, size, modification time) and its document
count. Whichever process cleans a shard writes these (the build's for the local engine, a Ray
worker for Ray). Rerunning the same build finds the shards whose marker still matches their
files and cleans only the others. The folder is removed once the version is published.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cleaner import __version__
from cleaner.publish.rows import Prepared
from cleaner.read.remote import is_url
from cleaner.read.walk import InputFile
from cleaner.settings import Settings

SHARD_FILES = 64  # input files per shard: the unit of work that an interrupted build keeps
SHIFT = 32  # a document's order key: shard number << SHIFT | its number within the shard


@dataclass
class Shard:
    number: int
    items: list[InputFile]


@dataclass
class Spooled:
    """A document as the spool takes it: its rows.Prepared pickled where it was made (a pool's
    worker: the driver writes the bytes as they come, not unpickling a document to pickle it
    again), and what the shard's keys (ShardKeys.count) and the progress need of it."""

    blob: bytes
    name: str
    id: str
    source_file: str
    record_id: str | None
    signature: tuple | None
    reason: str | None


def spooled(done: Prepared) -> Spooled:
    return Spooled(pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL), done.name, done.id, done.source_file,
                   done.record_id, done.signature, done.reason)


@dataclass
class ShardKeys:
    """What the duplicate decisions need of a shard's documents (their index in the shard)."""

    number: int
    documents: int = 0
    articles: list[tuple[int, tuple]] = field(default_factory=list)  # (index, dedupe.text_signature)
    repeated: list[int] = field(default_factory=list)  # records repeating an article's record id in their container
    names: list[str] = field(default_factory=list)  # every document's rows.Prepared.name, in order
    _file: str | None = None  # while counting: the container whose record ids `_ids` holds
    _ids: set = field(default_factory=set)

    def count(self, done: Spooled) -> None:
        """The shard's next document: an article joins the duplicate groups unless it repeats
        the record id of an article of its container (a container's records are consecutive and
        lie in one shard)."""
        index = self.documents
        self.documents += 1
        self.names.append(done.name)
        if done.signature is None:
            return
        if done.record_id is not None:
            if done.source_file != self._file:
                self._file, self._ids = done.source_file, set()
            if done.id in self._ids:
                self.repeated.append(index)
                return
            self._ids.add(done.id)
        self.articles.append((index, done.signature))

    def without_names(self) -> ShardKeys:
        return ShardKeys(self.number, self.documents, self.articles, self.repeated)


def shards(items: Iterable[InputFile], size: int | None = None) -> Iterator[Shard]:
    """Consecutive input files, `size` (SHARD_FILES) at a time."""
    size = size or SHARD_FILES
    batch: list[InputFile] = []
    number = 0
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield Shard(number, batch)
            number, batch = number + 1, []
    if batch:
        yield Shard(number, batch)


def order_key(shard: int, index: int) -> int:
    """The position in input order of a shard's index-th document (increasing across shards)."""
    return shard << SHIFT | index


def files_of(shard: Shard) -> list:
    """What a marker records of a shard's files: name, size and modification time (or None)."""
    out = []
    for item in shard.items:
        try:
            st = item.path.stat()  # a local file's, or a URL's (read.remote)
            out.append([item.relative, st.st_size, st.st_mtime_ns])
        except OSError:
            out.append([item.relative, None, None])
    return out


def work_dir(out: Path, name: str, version: str, inputs: list[str], settings: Settings,
             follow_symlinks: bool = False) -> Path:
    """The work folder of this build: the same for a rerun of it, another for other settings."""
    key = json.dumps([__version__, settings.fingerprint(), [i if is_url(i) else os.path.abspath(i) for i in inputs], SHARD_FILES,
                      follow_symlinks])
    return out / name / f".{version}.work-{hashlib.sha256(key.encode()).hexdigest()[:16]}"


@dataclass
class WorkDir:
    root: Path

    def _spool(self, number: int) -> Path:
        return self.root / f"shard-{number:06d}.pickle"

    def _marker(self, number: int) -> Path:
        return self.root / f"shard-{number:06d}.done"

    def _keys(self, number: int) -> Path:
        return self.root / f"shard-{number:06d}.keys"

    def done(self, shard: Shard) -> bool:
        """The shard was completed by an earlier run over the same files."""
        try:
            marker = json.loads(self._marker(shard.number).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return marker.get("files") == files_of(shard) and self._spool(shard.number).is_file() \
            and self._keys(shard.number).is_file()

    def keys(self, number: int) -> ShardKeys:
        """A completed shard's ShardKeys."""
        with open(self._keys(number), "rb") as f:
            return pickle.load(f)

    def replay(self, number: int) -> Iterator[Prepared]:
        """A completed shard's documents, in their order."""
        with open(self._spool(number), "rb") as f:
            while True:
                try:
                    yield pickle.load(f)
                except EOFError:
                    return

    def writer(self, shard: Shard) -> ShardWriter:
        self.root.mkdir(parents=True, exist_ok=True)
        self._marker(shard.number).unlink(missing_ok=True)
        return ShardWriter(self, shard)

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def remove_if_nothing_to_resume(self) -> None:
        """After an interrupted first pass: the folder goes unless a completed shard is in it
        (nothing is left behind that a rerun could not use)."""
        if self.root.is_dir() and not any(self.root.glob("shard-*.done")):
            self.remove()


class ShardWriter:
    """Spools one shard's documents; `finish` makes it complete (files renamed, then marker)."""

    def __init__(self, work: WorkDir, shard: Shard) -> None:
        self.work, self.shard = work, shard
        self.keys = ShardKeys(shard.number)
        self._tmp = work._spool(shard.number).with_suffix(".part")
        self._file = open(self._tmp, "wb")

    def add(self, done: Spooled) -> None:
        """Spool a document."""
        self._file.write(done.blob)
        self.keys.count(done)

    def finish(self) -> ShardKeys:
        """The shard complete: its spool and keys in place, then its marker; returns its keys."""
        self._file.close()
        os.replace(self._tmp, self.work._spool(self.shard.number))
        self.keys._file, self.keys._ids = None, set()
        keys = self.work._keys(self.shard.number)
        with open(keys.with_suffix(".keys-part"), "wb") as f:
            pickle.dump(self.keys, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(keys.with_suffix(".keys-part"), keys)
        marker = self.work._marker(self.shard.number)
        tmp = marker.with_suffix(".tmp")
        tmp.write_text(json.dumps({"files": files_of(self.shard), "documents": self.keys.documents}),
                       encoding="utf-8")
        os.replace(tmp, marker)
        return self.keys

    def abandon(self) -> None:
        self._file.close()
        self._tmp.unlink(missing_ok=True)
