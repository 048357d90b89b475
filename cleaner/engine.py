"""Engines: run the pure per-document function in one process or a pool, results in input order."""

from __future__ import annotations

import sys
from multiprocessing import get_context
from typing import Iterable, Iterator

from .document import Article, Rejection
from .pipeline import clean
from .read import RawDocument, to_source
from .settings import Settings


def process(raw: RawDocument, settings: Settings) -> Article | Rejection:
    """Decode and clean one document; never raises for bad input."""
    source = to_source(raw)
    if isinstance(source, Rejection):
        return source
    try:
        return clean(source, settings)
    except Exception as e:  # one bad document never stops a run
        return Rejection(source, source.path, source.sha256, "error", f"{type(e).__name__}: {e}")


def _process_star(args: tuple[RawDocument, Settings]) -> Article | Rejection:
    return process(*args)


def run_engine(docs: Iterable[RawDocument], settings: Settings, workers: int) -> Iterator[Article | Rejection]:
    """Results in input order, from one process or a pool of `workers` processes."""
    if workers <= 1:
        for raw in docs:
            yield process(raw, settings)
        return
    with get_context("spawn" if sys.platform == "darwin" else "fork").Pool(workers) as pool:
        yield from pool.imap(_process_star, ((raw, settings) for raw in docs), chunksize=8)
