"""A build's two passes: the first cleans every document (or replays the input shards an earlier
run spooled) and remembers the articles' duplicate keys; once every article is known the
duplicates are decided (dedupe.DuplicateGroups), and the second pass writes every spooled
document's rows, in input order, into the writers of their config and split."""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

from cleaner.publish import schema
from cleaner.publish import version as publish
from cleaner.publish.rows import Columns, Prepared, rejected_rows
from cleaner.read.files import RawDocument, iter_documents
from cleaner.read.walk import InputFile
from cleaner.run import spool
from cleaner.run.dedupe import DuplicateGroups
from cleaner.run.engine import run_engine
from cleaner.settings import Settings

DUPLICATE_ID_DETAIL = "the same source_file and record id as an article kept earlier"


@dataclass
class FirstPass:
    """What the first pass keeps of the documents: their duplicate keys, and the order keys of
    the records repeating a record id of their container (those never join a duplicate group)."""

    groups: DuplicateGroups
    summary: object  # build.Summary
    progress: Callable[[int], None] | None = None
    repeated_ids: set[int] = field(default_factory=set)
    _file: str | None = None  # the container whose record ids `_ids` holds (records of one file are consecutive)
    _ids: set[str] = field(default_factory=set)

    def count(self, key: int, done: Prepared) -> None:
        self.summary.read += 1
        if self.progress:
            self.progress(1)
        if done.signature is None:
            return
        if done.record_id is not None:
            if done.source_file != self._file:
                self._file, self._ids = done.source_file, set()
            if done.id in self._ids:
                self.repeated_ids.add(key)
                return
            self._ids.add(done.id)
        self.groups.add(key, done.signature)


def first_pass(items: Iterator[InputFile], work: spool.WorkDir, state: FirstPass, run: tuple) -> int:
    """Every input shard's documents spooled (those of shards an earlier run completed are only
    read back) and counted into `state`; returns the number of shards."""
    pending: list[spool.Shard] = []
    n_shards = 0
    for shard in spool.shards(items):
        n_shards += 1
        if not work.done(shard):
            pending.append(shard)
            continue
        for index, done in enumerate(work.replay(shard.number)):
            state.count(spool.order_key(shard.number, index), done)
    writer = None
    todo = iter(pending)
    try:
        for j, done in _results(pending, *run):
            while writer is None or writer.shard is not pending[j]:  # shards with no document end here too
                if writer is not None:
                    writer.finish()
                writer = work.writer(next(todo))
            state.count(writer.add(done), done)
        for shard in todo:  # the shards after the last document's: none of their files held one
            if writer is not None:
                writer.finish()
            writer = work.writer(shard)
        if writer is not None:
            writer.finish()
    except BaseException:
        if writer is not None:
            writer.abandon()
        work.remove_if_nothing_to_resume()
        raise
    return n_shards


def _results(pending: list[spool.Shard], settings: Settings, workers: int, engine: str,
             ray_address: str | None) -> Iterator[tuple[int, Prepared]]:
    """(number in `pending` of the document's shard, its rows.Prepared) of every document of
    the pending shards, in input order, from the chosen engine."""
    if engine == "ray":
        from cleaner.run.ray_engine import run_ray

        first = list(accumulate((len(s.items) for s in pending), initial=0))
        for file, done in run_ray((i for s in pending for i in s.items), settings, workers, ray_address):
            yield bisect_right(first, file) - 1, done
        return
    order: deque[int] = deque()  # shard of each document handed to the engine, not yet back

    def docs() -> Iterator[RawDocument]:
        for j, shard in enumerate(pending):
            for raw in iter_documents(shard.items, settings.html_fields):
                order.append(j)
                yield raw

    for done in run_engine(docs(), settings, workers, engine, prepared=True):
        yield order.popleft(), done


def second_pass(work: spool.WorkDir, n_shards: int, state: FirstPass, summary, staging: Path, settings: Settings,
                shard_bytes: int) -> dict[tuple[str, str], publish.ConfigWriter]:
    """Every spooled document's rows, in input order, to the writers of their config and split:
    a duplicate's article marked with the copy it repeats, or (settings.duplicates "reject") its
    rejection in place of its article."""
    duplicates = state.groups.decide()
    writers = _writers(staging, settings, shard_bytes)
    keepers = {kept for _, kept in duplicates.values()}
    kept_names: dict[int, str] = {}  # order key of a kept copy -> its name, for its duplicates
    for number in range(n_shards):
        for index, done in enumerate(work.replay(number)):
            key = spool.order_key(number, index)
            if key in keepers:
                kept_names[key] = done.name
            dup = duplicates.get(key)
            if key in state.repeated_ids:
                dup = ("id", done.name)
            elif dup is not None:
                dup = (dup[0], kept_names[dup[1]])
            rows, hashes = _rows(done, dup, summary, settings.duplicates == "reject")
            for config, config_rows in rows.items():
                if config_rows:
                    split = "train" if config == "rejected" else done.split
                    writers[(config, split)].add(config_rows, hashes.get(config))
    return writers


def _writers(staging: Path, settings: Settings, shard_bytes: int) -> dict[tuple[str, str], publish.ConfigWriter]:
    """A writer per (config, split): `validation` beside `train` for the article configs when
    the settings ask for a validation split; `rejected` is one split."""
    splits = ("train", "validation") if settings.validation_fraction > 0 else ("train",)
    return {(c, s): publish.ConfigWriter(c, staging / "data" / c, shard_bytes=shard_bytes, split=s)
            for c in schema.CONFIGS for s in (("train",) if c == "rejected" else splits)}


def _rows(done: Prepared, dup: tuple[str, str] | None, summary,
          reject: bool) -> tuple[dict[str, list[dict] | Columns], dict[str, tuple[int, int]]]:
    """The rows to publish for one document, column by column, and their hashes when already
    known; counts it in the summary. `dup` = (kind, name of the kept copy) for a duplicate
    (kind "id": a record repeating its container's record id, always rejected); `reject`: a
    duplicate's rejection instead of its article, else its article with duplicate_of set."""
    if done.reason is not None:
        summary.rejected[done.reason] += 1
        return done.rows, done.hashes
    if dup is not None and (reject or dup[0] == "id"):
        kind, kept = dup
        if kind == "id":
            summary.rejected["duplicate_id"] += 1
            return rejected_rows(done.id, done.source_file, done.source_sha256, "duplicate_id",
                                 DUPLICATE_ID_DETAIL, kept, done.record_id), {}
        summary.rejected["duplicate"] += 1
        return rejected_rows(done.id, done.source_file, done.source_sha256, "duplicate",
                             f"{kind} duplicate of {kept}", kept, done.record_id), {}
    summary.kept += 1
    for rule, category, chars in done.removed:
        summary.removed_chars[category] += chars
        summary.removed_by_rule[(rule, category)] += chars
    art = done.rows["articles"]
    summary.chars += art["n_chars"][0]
    summary.sentences += art["n_sentences"][0]
    summary.languages[art["language"][0]] += 1
    summary.article_lengths.append(art["n_chars"][0])
    if dup is None:
        return done.rows, done.hashes
    summary.duplicates[dup[0]] += 1
    marked = dict(art, duplicate_of=[dup[1]], duplicate_kind=[dup[0]])
    return dict(done.rows, articles=marked), {c: h for c, h in done.hashes.items() if c != "articles"}
