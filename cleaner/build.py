"""Run a build: inputs -> clean (one process or a pool) -> duplicates -> publish."""

from __future__ import annotations

import hashlib
import os
from array import array
from bisect import bisect_right
from collections import Counter, deque
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Callable, Iterator

from . import __version__, croissant, publish, schema, spool
from .dedupe import DuplicateGroups
from .diff import changelog
from .engine import run_engine
from .read import RawDocument, find_inputs, iter_documents
from .rows import Columns, Prepared, rejected_rows
from .settings import Settings



@dataclass
class Summary:
    read: int = 0
    kept: int = 0
    rejected: Counter = field(default_factory=Counter)
    removed_chars: Counter = field(default_factory=Counter)
    removed_by_rule: Counter = field(default_factory=Counter)
    sentences: int = 0
    chars: int = 0
    languages: Counter = field(default_factory=Counter)
    article_lengths: array = field(default_factory=lambda: array("q"))  # packed: 8 bytes an article
    status: str = ""
    version_dir: str = ""

    def line(self) -> str:
        removed = ", ".join(f"{k} {v}" for k, v in sorted(self.removed_chars.items())) or "none"
        rejected = sum(self.rejected.values())
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(self.rejected.items()))
        return (f"{self.read} documents read, {self.kept} kept, {rejected} rejected"
                + (f" ({reasons})" if reasons else "") + f"; characters removed: {removed}")


def build(inputs: list[str], out: str, name: str, version: str, settings: Settings, workers: int = 1,
          progress: Callable[[int], None] | None = None, engine: str = "local",
          shard_bytes: int = publish.SHARD_BYTES, ray_address: str | None = None) -> Summary:
    """Publish OUT/NAME/VERSION from the inputs; returns what happened.

    engine: "local" (this process, or a pool of `workers` processes) or "ray" (Ray Data);
    shard_bytes: a config's Parquet shard is closed past this many bytes of rows;
    ray_address: the Ray cluster to join (else RAY_ADDRESS; with neither, a local Ray)."""
    from dataset_card import render

    publish.check_name(name)
    publish.check_version(version)
    for given in inputs:
        if not os.path.exists(given):
            raise publish.PublishError(f"input {given} does not exist")
    out_dir = Path(out)
    target = out_dir / name / version
    load_language_profiles()
    publish.remove_stale_staging(out_dir, name)
    staging = publish.staging_dir(out_dir, name, version)
    try:
        summary = Summary(version_dir=str(target))
        work = spool.WorkDir(spool.work_dir(out_dir, name, version, inputs, settings))
        groups = DuplicateGroups(settings.near_duplicate_threshold)
        n_shards = _first_pass(inputs, work, groups, summary, progress, (settings, workers, engine, ray_address))
        writers = _write_rows(work, n_shards, groups.decide(), summary, staging, shard_bytes)
        files = {c: w.close() for c, w in writers.items()}
        content = hashlib.sha256("".join(f"{c}:{writers[c].content_hash()}" for c in schema.CONFIGS).encode()).hexdigest()
        manifest = _manifest(staging, inputs, settings, files, writers, content, summary)
        publish.write_json(staging / "manifest.json", manifest)
        publish.write_json(staging / "croissant.json", croissant.describe(name, version, manifest, settings,
                                                                          root=staging))
        log = changelog(out_dir / name, version, staging)
        (staging / "README.md").write_text(render.render_card(name, version, manifest, summary, settings,
                                                              changelog=log, root=staging),
                                           encoding="utf-8")
        summary.status = publish.finalise(staging, target, content)
        work.remove()
        return summary
    finally:
        if staging.exists():
            import shutil
            shutil.rmtree(staging, ignore_errors=True)


def load_language_profiles() -> None:
    """Load langdetect's profiles before anything is written (forked workers inherit them),
    letting an interrupt through: on first use langdetect loads them inside a bare `except:`
    that turns KeyboardInterrupt into LangDetectException, which language.identify() answers
    with 'und', so a Ctrl-C at that moment was swallowed and the build went on."""
    from langdetect import detector_factory
    from langdetect.lang_detect_exception import LangDetectException

    try:
        detector_factory.init_factory()
    except LangDetectException as e:
        detector_factory._factory = None  # not left half-loaded
        if isinstance(e.__context__, KeyboardInterrupt):
            raise KeyboardInterrupt from None
        raise


def _first_pass(inputs: list[str], work: spool.WorkDir, groups: DuplicateGroups, summary: Summary,
                progress: Callable[[int], None] | None, run: tuple) -> int:
    """Every input shard's documents spooled (those of shards an earlier run completed are only
    read back) and their duplicate keys remembered; returns the number of shards."""
    pending: list[spool.Shard] = []
    n_shards = 0
    for shard in spool.shards(find_inputs(inputs)):
        n_shards += 1
        if not work.done(shard):
            pending.append(shard)
            continue
        for index, done in enumerate(work.replay(shard.number)):
            _count(spool.order_key(shard.number, index), done, groups, summary, progress)
    writer = None
    todo = iter(pending)
    try:
        for j, done in _results(pending, *run):
            while writer is None or writer.shard is not pending[j]:  # shards with no document end here too
                if writer is not None:
                    writer.finish()
                writer = work.writer(next(todo))
            _count(writer.add(done), done, groups, summary, progress)
        for shard in todo:  # the shards after the last document's: none of their files held one
            if writer is not None:
                writer.finish()
            writer = work.writer(shard)
        if writer is not None:
            writer.finish()
    except BaseException:
        if writer is not None:
            writer.abandon()
        raise
    return n_shards


def _count(key: int, done: Prepared, groups: DuplicateGroups, summary: Summary,
           progress: Callable[[int], None] | None) -> None:
    summary.read += 1
    if progress:
        progress(1)
    if done.signature is not None:
        groups.add(key, done.signature)


def _results(pending: list[spool.Shard], settings: Settings, workers: int, engine: str,
             ray_address: str | None) -> Iterator[tuple[int, Prepared]]:
    """(number in `pending` of the document's shard, its rows.Prepared) of every document of
    the pending shards, in input order, from the chosen engine."""
    if engine == "ray":
        from .ray_engine import run_ray

        first = list(accumulate((len(s.items) for s in pending), initial=0))
        for file, done in run_ray((i for s in pending for i in s.items), settings, workers, ray_address):
            yield bisect_right(first, file) - 1, done
        return
    order: deque[int] = deque()  # shard of each document handed to the engine, not yet back

    def docs() -> Iterator[RawDocument]:
        for j, shard in enumerate(pending):
            for raw in iter_documents(shard.items):
                order.append(j)
                yield raw

    for done in run_engine(docs(), settings, workers, engine, prepared=True):
        yield order.popleft(), done


def _write_rows(work: spool.WorkDir, n_shards: int, duplicates: dict[int, tuple[str, int]], summary: Summary,
                staging: Path, shard_bytes: int) -> dict[str, publish.ConfigWriter]:
    """Every spooled document's rows, in input order, to the configs' writers: a duplicate's
    rejection in place of its article."""
    writers = {c: publish.ConfigWriter(c, staging / "data" / c, shard_bytes=shard_bytes) for c in schema.CONFIGS}
    keepers = {kept for _, kept in duplicates.values()}
    kept_names: dict[int, str] = {}  # order key of a kept copy -> its source file, for its duplicates
    for number in range(n_shards):
        for index, done in enumerate(work.replay(number)):
            key = spool.order_key(number, index)
            if key in keepers:
                kept_names[key] = done.source_file
            dup = duplicates.get(key)
            rows, hashes = _rows(done, dup and (dup[0], kept_names[dup[1]]), summary)
            for config, config_rows in rows.items():
                if config_rows:
                    writers[config].add(config_rows, hashes.get(config))
    return writers


def _rows(done: Prepared, dup: tuple[str, str] | None,
          summary: Summary) -> tuple[dict[str, list[dict] | Columns], dict[str, tuple[int, int]]]:
    """The rows to publish for one document, column by column (for a duplicate, `dup` = (kind,
    source file of the kept copy): its rejection instead of its article) and their hashes when
    already known; counts it in the summary."""
    if done.reason is not None:
        summary.rejected[done.reason] += 1
        return done.rows, done.hashes
    if dup is not None:
        kind, kept = dup
        summary.rejected["duplicate"] += 1
        return rejected_rows(done.id, done.source_file, done.source_sha256, "duplicate",
                             f"{kind} duplicate of {kept}", kept), {}
    summary.kept += 1
    for rule, category, chars in done.removed:
        summary.removed_chars[category] += chars
        summary.removed_by_rule[(rule, category)] += chars
    art = done.rows["articles"]
    summary.chars += art["n_chars"][0]
    summary.sentences += art["n_sentences"][0]
    summary.languages[art["language"][0]] += 1
    summary.article_lengths.append(art["n_chars"][0])
    return done.rows, done.hashes


def _manifest(staging: Path, inputs: list[str], settings: Settings, files: dict, writers: dict, content: str,
              summary: Summary) -> dict:
    outputs = []
    for config, paths in files.items():
        for p in paths:
            import pyarrow.parquet as pq
            outputs.append({"path": p.relative_to(staging).as_posix(), "config": config,
                            "sha256": publish.file_sha256(p), "bytes": p.stat().st_size,
                            "rows": pq.read_metadata(p).num_rows})
    return {
        "tool": {"name": publish.TOOL, "version": __version__, "git_commit": publish.git_commit(),
                 "pyarrow": __import__("pyarrow").__version__},
        "settings": settings.as_dict(),
        "settings_fingerprint": settings.fingerprint(),
        # what the extra lexicon files held when the build read them (a path says too little)
        "lexicons": [{"path": p, "sha256": publish.file_sha256(Path(p))} for p in settings.spam_lexicons],
        # counts only: each document's source file, sha256 and outcome are rows of `articles` or
        # `rejected` (cleaner.provenance reads them back)
        "documents": {"read": summary.read, "articles": summary.kept, "rejected": dict(sorted(summary.rejected.items()))},
        "outputs": outputs,
        "rows": {c: w.rows for c, w in writers.items()},
        "content_fingerprint": content,
    }
