"""A build's progress as log lines, for when stderr is no terminal (a Ray job's log, a batch
system, CI): documents cleaned, megabytes read and the rate, rejections by reason, every
CLEANER_PROGRESS_SECONDS seconds (30 by default) and once more when the cleaning pass ends. A
pass shorter than that logs nothing: its summary says it all, and an error stays one line.

The figures come from where the documents are cleaned: each document's input size is measured
where it is read (in a Ray task, or by the local engine) and its rejection reason is the
worker's answer; a Meter adds them up in the driver as the results come back. Lines go to the
`cleaner.progress` logger, which the command line sends to stderr when it shows no progress bar
(`log_lines`). Duplicates are decided after this pass: the build's summary counts them."""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO

LOGGER = logging.getLogger("cleaner.progress")
INTERVAL = 30.0  # seconds between two progress lines, unless CLEANER_PROGRESS_SECONDS says otherwise


def interval() -> float:
    """Seconds between two progress lines: CLEANER_PROGRESS_SECONDS, else INTERVAL."""
    try:
        return max(0.0, float(os.environ.get("CLEANER_PROGRESS_SECONDS") or INTERVAL))
    except ValueError:
        return INTERVAL


def raw_size(raw) -> int:
    """Bytes of a document (read.files.RawDocument) as read: its bytes, or the UTF-8 length of
    a container record's text; 0 for one that could not be read."""
    if raw.data is not None:
        return len(raw.data)
    if raw.text is not None:
        return len(raw.text.encode("utf-8", "surrogatepass"))
    return 0


def reason_of(result) -> str | None:
    """The rejection reason of a cleaned document (rows.Prepared, document.Rejection); None
    for an article."""
    return getattr(result, "reason", None)


@dataclass
class Meter:
    """Documents, bytes and rejections counted as they come back; a line every `interval`
    seconds from the first document on, and a last one if any was written."""

    engine: str
    interval: float = field(default_factory=interval)
    clock: Callable[[], float] = time.monotonic
    documents: int = 0
    bytes: int = 0
    rejected: Counter = field(default_factory=Counter)
    lines: int = 0
    started: float = field(init=False)
    _last: float = field(init=False)

    def __post_init__(self) -> None:
        self.started = self._last = self.clock()

    def count(self, nbytes: int, reason: str | None) -> None:
        """One document cleaned: `nbytes` read, rejected for `reason` (None: an article)."""
        if reason is not None:
            self.rejected[reason] += 1
        self._advance(1, nbytes, single=True)

    def add(self, documents: int, nbytes: int, rejected: Counter) -> None:
        """Documents cleaned together (a Ray task's shard): their count, bytes read and
        rejections by reason."""
        self.rejected.update(rejected)
        self._advance(documents, nbytes, single=False)

    def _advance(self, documents: int, nbytes: int, single: bool) -> None:
        """Count them; a line once the interval has passed since the last one (the interval runs
        from the first document when documents come one by one: warming up is not progress)."""
        first = self.documents == 0
        self.documents += documents
        self.bytes += nbytes
        now = self.clock()
        if first and single:
            self._last = now
        elif now - self._last >= self.interval:
            self._last = now
            if LOGGER.isEnabledFor(logging.INFO):
                self.lines += 1
                LOGGER.info(self.line(now))

    def close(self) -> None:
        """The last line, the whole cleaning pass, after a pass that logged its progress."""
        if self.lines and LOGGER.isEnabledFor(logging.INFO):
            LOGGER.info(self.line(self.clock(), done=True))

    def line(self, now: float, done: bool = False) -> str:
        seconds = max(now - self.started, 1e-6)
        mb = self.bytes / 1e6
        reasons = ", ".join(f"{k} {v:,}" for k, v in sorted(self.rejected.items()))
        return (f"{'cleaned' if done else 'cleaning'} ({self.engine}): {self.documents:,} documents, "
                f"{mb:,.2f} MB in {seconds:,.1f} s ({mb / seconds:,.2f} MB/s, {self.documents / seconds:,.1f} "
                f"documents/s); {sum(self.rejected.values()):,} rejected" + (f" ({reasons})" if reasons else ""))


@contextmanager
def log_lines(stream: TextIO) -> Iterator[None]:
    """Progress lines written to `stream`, timestamped, while the block runs."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s cleaner: %(message)s", "%Y-%m-%d %H:%M:%S"))
    level, propagate = LOGGER.level, LOGGER.propagate
    LOGGER.addHandler(handler)
    LOGGER.setLevel(logging.INFO)
    LOGGER.propagate = False  # not twice, when the caller's logging writes to stderr too
    try:
        yield
    finally:
        LOGGER.removeHandler(handler)
        LOGGER.setLevel(level)
        LOGGER.propagate = propagate
