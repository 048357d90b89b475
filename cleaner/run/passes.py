"""A build's first pass: every document cleaned and spooled per input shard (or the shards an
earlier run completed read back), the articles' duplicate keys remembered; once every article is
known the duplicates are decided (dedupe.DuplicateGroups), and the second pass (run.write)
writes every spooled document's rows (`write.document_rows`), in input order."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from cleaner.read.files import RawDocument, iter_documents
from cleaner.read.walk import InputFile
from cleaner.run import spool
from cleaner.run.dedupe import DuplicateGroups
from cleaner.run.engine import run_engine
from cleaner.settings import Settings


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


def _results(pending: list[spool.Shard], settings: Settings, workers: int) -> Iterator[tuple[int, spool.Spooled]]:
    """(number in `pending` of the document's shard, its spool.Spooled) of every document of
    the pending shards, in input order, from the local engine."""
    order: deque[int] = deque()  # shard of each document handed to the engine, not yet back

    def docs() -> Iterator[RawDocument]:
        for j, shard in enumerate(pending):
            for raw in iter_documents(shard.items, settings.html_fields):
                order.append(j)
                yield raw

    for done in run_engine(docs(), settings, workers, "local", spooled=True):
        yield order.popleft(), done
