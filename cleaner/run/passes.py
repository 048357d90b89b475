"""A build's first pass: every document cleaned and spooled per input shard (or the shards an
earlier run completed read back), the articles' duplicate keys remembered; once every article is
known the duplicates are decided (dedupe.DuplicateGroups), and the second pass (run.write)
writes every spooled document's rows (`_rows`), in input order."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

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
    summary: object  # summary.Summary
    progress: Callable[[int], None] | None = None
    repeated_ids: set[int] = field(default_factory=set)

    def read(self, n: int) -> None:
        self.summary.read += n
        if self.progress:
            self.progress(n)

    def add(self, keys: spool.ShardKeys) -> None:
        """A completed shard's duplicate keys."""
        for index, signature in keys.articles:
            self.groups.add(spool.order_key(keys.number, index), signature)
        self.repeated_ids.update(spool.order_key(keys.number, i) for i in keys.repeated)


def first_pass(items: Iterator[InputFile], work: spool.WorkDir, state: FirstPass, run: tuple) -> int:
    """Every input shard's documents spooled (those of shards an earlier run completed are only
    read back) and counted into `state`; returns the number of shards. `run`: (settings,
    workers, engine): the local engine cleans in a pool and spools here, Ray's workers spool."""
    settings, workers, engine = run
    pending: list[spool.Shard] = []
    n_shards = 0
    for shard in spool.shards(items):
        n_shards += 1
        if not work.done(shard):
            pending.append(shard)
            continue
        keys = work.keys(shard.number)
        state.read(keys.documents)
        state.add(keys)
    try:
        if engine == "ray":
            from cleaner.run.ray_engine import clean_shards

            for keys in clean_shards(pending, settings, work.root):
                state.read(keys.documents)
                state.add(keys)
        else:
            _spool_here(pending, work, state, settings, workers)
    except BaseException:
        work.remove_if_nothing_to_resume()
        raise
    return n_shards


def _spool_here(pending: list[spool.Shard], work: spool.WorkDir, state: FirstPass, settings: Settings,
                workers: int) -> None:
    """The pending shards cleaned by the local engine and spooled by this process."""
    writer = None
    todo = iter(pending)
    try:
        for j, done in _results(pending, settings, workers):
            while writer is None or writer.shard is not pending[j]:  # shards with no document end here too
                if writer is not None:
                    state.add(writer.finish())
                writer = work.writer(next(todo))
            writer.add(done)
            state.read(1)
        for shard in todo:  # the shards after the last document's: none of their files held one
            if writer is not None:
                state.add(writer.finish())
            writer = work.writer(shard)
        if writer is not None:
            state.add(writer.finish())
    except BaseException:
        if writer is not None:
            writer.abandon()
        raise


def _results(pending: list[spool.Shard], settings: Settings, workers: int) -> Iterator[tuple[int, Prepared]]:
    """(number in `pending` of the document's shard, its rows.Prepared) of every document of
    the pending shards, in input order, from the local engine."""
    order: deque[int] = deque()  # shard of each document handed to the engine, not yet back

    def docs() -> Iterator[RawDocument]:
        for j, shard in enumerate(pending):
            for raw in iter_documents(shard.items, settings.html_fields):
                order.append(j)
                yield raw

    for done in run_engine(docs(), settings, workers, "local", prepared=True):
        yield order.popleft(), done


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
