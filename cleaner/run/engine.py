"""Engines: run the pure per-document function in one process, a pool, or on Ray Data.

Every engine calls the same `process` on every document and hands the results back in input
order, so that what is published does not depend on the engine or the number of workers.
Memory stays bounded: documents go out and results come back a bounded number at a time.

- local, workers <= 1: in this process.
- local, workers > 1: a pool of processes; the settings go to each worker once (pool
  initializer), documents go in chunks, at most a few chunks per worker are in flight. The
  same pool (`in_pool`) writes the second pass's groups of a build (run.write).
- ray: cleaner.ray_engine, where the workers read the input files too.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from multiprocessing import get_context

from cleaner.clean.pipeline import clean, warm_up
from cleaner.document import Article, Rejection, document_id
from cleaner.publish.nlp import split_of
from cleaner.publish.rows import prepare
from cleaner.read.files import RawDocument, safe_text, to_source
from cleaner.run import spool
from cleaner.run.progress import Meter, raw_size, reason_of
from cleaner.settings import Settings

ENGINES = ("local", "ray")
CHUNK_DOCS = 16  # documents per pool task: large enough to amortise IPC, small enough to balance
CHUNK_BYTES = 1 << 20  # ... or fewer, when they are large
IN_FLIGHT_PER_WORKER = 3  # pool tasks queued or running per worker
STOP_GRACE = 10.0  # seconds the chunks in flight may take to finish when a build stops early

Result = Article | Rejection


def process(raw: RawDocument, settings: Settings) -> Result:
    """Decode and clean one document; never raises for bad input."""
    try:
        source = to_source(raw)
    except Exception as e:  # one bad document never stops a run
        return failure(raw, e)
    if isinstance(source, Rejection):
        return source
    try:
        return clean(source, settings)
    except Exception as e:
        return Rejection(source, source.path, source.sha256, "error", safe_text(f"{type(e).__name__}: {e}"),
                         document_id(source.path, source.record_id))


def failure(raw: RawDocument, e: Exception) -> Rejection:
    """The `error` rejection of a document some step failed on, made of values that can always
    be written (lone surrogates escaped)."""
    record_id = None if raw.record_id is None else safe_text(raw.record_id)
    rid = document_id(safe_text(raw.relative), record_id)
    return Rejection(None, safe_text(raw.relative), "", "error", safe_text(f"{type(e).__name__}: {e}"), rid,
                     record_id)


def work(raw: RawDocument, settings: Settings, spooled: bool = False):
    """`process`; with `spooled`, its rows.Prepared ready for the spool instead (spool.Spooled):
    rows, row hashes and the MinHash are made, and pickled, here, in the workers, not in the one
    process that publishes. Every step of one
    document is guarded: a failure is that document's `error` rejection."""
    try:
        result = process(raw, settings)
        return spool.spooled(_split(prepare(result), settings)) if spooled else result
    except Exception as e:
        result = failure(raw, e)
        return spool.spooled(_split(prepare(result), settings)) if spooled else result


def _split(done, settings: Settings):
    """An article's split: `validation` for about settings.validation_fraction of the ids."""
    if done.reason is None and settings.validation_fraction > 0:
        done.split = split_of(done.id, settings.validation_fraction)
    return done


def max_workers() -> int:
    """The CPUs this process may run on: more worker processes than that only cost memory."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # no affinity on macOS
        return max(1, os.cpu_count() or 1)


def run_engine(docs: Iterable[RawDocument], settings: Settings, workers: int, engine: str = "local",
               spooled: bool = False) -> Iterator:
    """Results in input order, from one process or a pool of `workers` processes; with
    `spooled`, spool.Spooled records ready to spool."""
    workers = min(workers, max_workers())  # never more processes than CPUs (the CLI says so)
    if engine == "ray":  # Ray reads the inputs itself: ray_engine.clean_shards takes the input shards
        raise ValueError("the ray engine runs from the input files: cleaner.run.ray_engine.clean_shards")
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (one of {', '.join(ENGINES)})")
    sizes: deque[int] = deque()  # size as read of each document handed out and not back yet

    def measured() -> Iterator[RawDocument]:
        for raw in docs:
            sizes.append(raw_size(raw))
            yield raw

    meter = Meter("local" if workers <= 1 else f"local, {workers} workers")
    for result in _results(measured(), settings, workers, spooled):
        meter.count(sizes.popleft(), reason_of(result))
        yield result
    meter.close()


def _results(docs: Iterable[RawDocument], settings: Settings, workers: int, spooled: bool) -> Iterator:
    if workers <= 1:
        with _settled(settings):
            for raw in docs:
                yield work(raw, settings, spooled)
        return
    with _settled(settings):  # loaded once, here, and inherited by every forked worker
        for results in in_pool(_process_chunk, chunks(docs), workers, (settings, spooled)):
            yield from results


def in_pool(fn: Callable, tasks: Iterable, workers: int, initargs: tuple = (None, False)) -> Iterator:
    """fn(task) of every task, in task order, from a pool of `workers` processes (forked, so
    that they inherit what this process loaded; `initargs`: _init_worker's settings and
    spooled); at most IN_FLIGHT_PER_WORKER tasks a worker are queued or running."""
    context = get_context("spawn" if sys.platform == "darwin" else "fork")
    # a worker is born with Ctrl-C and SIGTERM held, so that one stopped before its initializer
    # has run dies of the signal instead of running this process's handler; the initializer
    # sets its own handlers and lets them through
    held = signal.pthread_sigmask(signal.SIG_BLOCK, WORKER_SIGNALS)
    try:
        pool = context.Pool(workers, initializer=_init_worker, initargs=initargs)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    with pool:
        pending: deque = deque()
        try:
            for task in tasks:
                pending.append(pool.apply_async(fn, (task,)))
                if len(pending) >= IN_FLIGHT_PER_WORKER * workers:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()
        except BaseException:  # Ctrl-C, an error while publishing, the consumer stopping early
            _let_finish(pool, pending)
            raise


def _let_finish(pool, pending: deque, grace: float = STOP_GRACE) -> None:
    """Before the pool is terminated on the way out: no new tasks, and the few in flight (at
    most IN_FLIGHT_PER_WORKER chunks a worker) finish, for `grace` seconds at most. Terminating
    while a worker is still sending a result can leave its queue's lock held and the pool's
    teardown waiting on it for ever (CPython's Pool); the workers ignore SIGINT and finish soon."""
    pool.close()
    deadline = time.monotonic() + grace
    for result in pending:
        result.wait(max(0.0, deadline - time.monotonic()))


@contextmanager
def _settled(settings: Settings) -> Iterator[None]:
    """Load the rules' dictionaries and profiles now, and keep the garbage collector off them
    for the build: they live as long as the process, and each full collection would walk their
    million objects again (about 4% of a worker's time, more as a build goes on). What was
    frozen goes back to the collector afterwards (unless the caller had frozen objects too)."""
    warm_up(settings)
    ours = gc.get_freeze_count() == 0
    if ours:
        gc.collect()
        gc.freeze()
    try:
        yield
    finally:
        if ours:
            gc.unfreeze()


def chunks(docs: Iterable[RawDocument], max_docs: int = CHUNK_DOCS,
           max_bytes: int = CHUNK_BYTES) -> Iterator[list[RawDocument]]:
    """Consecutive documents in lists of at most max_docs documents / about max_bytes bytes."""
    chunk: list[RawDocument] = []
    size = 0
    for raw in docs:
        chunk.append(raw)
        size += len(raw.data or b"") + 3 * len(raw.text or "")
        if len(chunk) >= max_docs or size >= max_bytes:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


# --- pool workers -------------------------------------------------------------------------

WORKER_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_settings: Settings | None = None
_spooled = False


def _init_worker(settings: Settings | None, spooled: bool) -> None:
    """Settings once per worker (for _process_chunk); Ctrl-C is the main process's to handle (it
    stops the pool). What a forked worker inherited stays for its life: kept out of the garbage
    collector's way, whose first full collection would otherwise walk, and so copy, every page
    of it (half a second for a worker forked by a build's driver after the first pass)."""
    global _settings, _spooled
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the pool stops its workers with SIGTERM: not the parent's handler
    signal.pthread_sigmask(signal.SIG_UNBLOCK, WORKER_SIGNALS)  # held since the fork (in_pool)
    _settings, _spooled = settings, spooled
    gc.freeze()


def _process_chunk(raws: list[RawDocument]) -> list:
    assert _settings is not None, "pool worker not initialised"
    return [work(raw, _settings, _spooled) for raw in raws]
