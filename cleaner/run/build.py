"""Run a build: inputs -> clean (one process or a pool) -> duplicates -> publish."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cleaner import __version__, terminal
from cleaner.publish import croissant, schema
from cleaner.publish import version as publish
from cleaner.publish.diff import changelog
from cleaner.publish.rows import Columns, Prepared, rejected_rows
from cleaner.read.files import iter_documents
from cleaner.read.walk import find_inputs
from cleaner.run.dedupe import DuplicateIndex
from cleaner.run.engine import run_engine
from cleaner.settings import Settings


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
    article_lengths: list[int] = field(default_factory=list)
    inputs: list[dict] = field(default_factory=list)
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
          shard_bytes: int = publish.SHARD_BYTES, follow_symlinks: bool = False,
          allow_empty: bool = True) -> Summary:
    """Publish OUT/NAME/VERSION from the inputs; returns what happened.

    allow_empty: when False, a build that keeps no article raises PublishError and publishes
    nothing (the command line's default; `--allow-empty` lifts it).

    engine: "local" (this process, or a pool of `workers` processes) or "ray" (Ray Data);
    shard_bytes: a config's Parquet shard is closed past this many bytes of rows;
    follow_symlinks: read links that lead out of the inputs too (walk.find_inputs)."""
    check(inputs, name, version, settings)
    out_dir = Path(out)
    target = out_dir / name / version
    load_language_profiles()
    with publish.sigterm_stops_the_build():
        publish.remove_stale_staging(out_dir, name)
        staging = publish.staging_dir(out_dir, name, version)
        try:
            summary = Summary(version_dir=str(target))
            docs = iter_documents(find_inputs(inputs, follow_symlinks), settings.html_fields)
            writers = _write_rows(run_engine(docs, settings, workers, engine, prepared=True), staging, settings,
                                  summary, progress, shard_bytes)
            if summary.kept == 0 and not allow_empty:
                raise publish.PublishError(empty_message(summary))
            files = {key: w.close() for key, w in writers.items()}
            content = hashlib.sha256("".join(f"{c}:{w.content_hash()}" for (c, _), w in writers.items())
                                     .encode()).hexdigest()
            manifest = _manifest(staging, inputs, settings, files, writers, content, summary)
            _describe(staging, out_dir, name, version, manifest, settings, summary)
            summary.status = publish.finalise(staging, target, content)
            return summary
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)


def check(inputs: list[str], name: str, version: str, settings: Settings) -> None:
    """Refuse, before anything is written, what cannot be published: a bad name, version or
    licence, a missing input, an extra spam lexicon that does not read or parse."""
    from cleaner.clean.spam.lexicon import load_lexicon

    publish.check_name(name)
    publish.check_version(version)
    publish.check_license((settings.license or "unknown").lower())
    for given in inputs:
        if not os.path.exists(given) and not os.path.islink(given):
            raise publish.PublishError(f"input {terminal.safe_line(given)} does not exist")
    for path in settings.spam_lexicons:
        try:
            load_lexicon((path,))
        except UnicodeDecodeError as e:
            raise publish.PublishError(f"spam lexicon {terminal.safe_line(path)} is not UTF-8 text "
                                       f"(byte {e.start}: {e.reason})") from None
        except (OSError, ValueError) as e:
            raise publish.PublishError(f"spam lexicon {terminal.safe_line(path)}: "
                                       f"{terminal.safe_line(str(e.strerror if isinstance(e, OSError) else e))}") from None


def _write_rows(results, staging: Path, settings: Settings, summary: Summary,
                progress: Callable[[int], None] | None,
                shard_bytes: int) -> dict[tuple[str, str], publish.ConfigWriter]:
    """Every document's rows into the writers of their config and split, duplicates found on the way."""
    writers = _writers(staging, settings, shard_bytes)
    index = DuplicateIndex(settings.near_duplicate_threshold)
    kept_names: dict[str, str] = {}
    for done in results:
        summary.read += 1
        if progress:
            progress(1)
        rows, hashes = _rows(done, index, kept_names, summary)
        for config, config_rows in rows.items():
            if config_rows:
                split = "train" if config == "rejected" else done.split
                writers[(config, split)].add(config_rows, hashes.get(config))
    return writers


def _describe(staging: Path, out_dir: Path, name: str, version: str, manifest: dict, settings: Settings,
              summary: Summary) -> None:
    """The manifest, the Croissant description and the card, written into the staging folder."""
    from dataset_card import render

    publish.write_json(staging / "manifest.json", manifest)
    publish.write_json(staging / "croissant.json", croissant.describe(name, version, manifest, settings,
                                                                      root=staging))
    log = changelog(out_dir / name, version, staging)
    (staging / "README.md").write_text(render.render_card(name, version, manifest, summary, settings,
                                                          changelog=log, root=staging), encoding="utf-8")


def _writers(staging: Path, settings: Settings, shard_bytes: int) -> dict[tuple[str, str], publish.ConfigWriter]:
    """A writer per (config, split): `validation` beside `train` for the article configs when
    the settings ask for a validation split; `rejected` is one split."""
    splits = ("train", "validation") if settings.validation_fraction > 0 else ("train",)
    return {(c, s): publish.ConfigWriter(c, staging / "data" / c, shard_bytes=shard_bytes, split=s)
            for c in schema.CONFIGS for s in (("train",) if c == "rejected" else splits)}


def empty_message(summary: Summary) -> str:
    """Why an empty build is refused, and what to do about it."""
    if summary.read == 0:
        found = "no documents were found in the inputs"
    else:
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(summary.rejected.items()))
        found = f"none of the {summary.read} documents read became an article ({reasons})"
    return (f"{found}; nothing was published (check the inputs and --languages, "
            f"or pass --allow-empty to publish an empty version)")


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


def _rows(done: Prepared, index: DuplicateIndex, kept_names: dict[str, str],
          summary: Summary) -> tuple[dict[str, list[dict] | Columns], dict[str, tuple[int, int]]]:
    """The rows to publish for one document, column by column (a duplicate's rejection instead of
    its article, as rows) and their hashes when already known; counts it in the summary."""
    if done.reason is not None:
        summary.rejected[done.reason] += 1
        summary.inputs.append(done.input)
        return done.rows, done.hashes
    if done.id in kept_names:  # a container repeating a record id: the id must name one article
        summary.rejected["duplicate_id"] += 1
        summary.inputs.append({"source_file": done.source_file, "sha256": done.source_sha256,
                               "outcome": "rejected", "reason": "duplicate_id"})
        return rejected_rows(done.id, done.source_file, done.source_sha256, "duplicate_id",
                             "the same source_file and record id as an article kept earlier",
                             kept_names[done.id], done.record_id), {}
    dup = index.check_signature(done.id, done.signature)
    if dup is not None:
        kind, kept_id = dup
        kept = kept_names[kept_id]
        summary.rejected["duplicate"] += 1
        summary.inputs.append({"source_file": done.source_file, "sha256": done.source_sha256,
                               "outcome": "rejected", "reason": "duplicate"})
        return rejected_rows(done.id, done.source_file, done.source_sha256, "duplicate",
                             f"{kind} duplicate of {kept}", kept, done.record_id), {}
    kept_names[done.id] = done.name
    summary.kept += 1
    for rule, category, chars in done.removed:
        summary.removed_chars[category] += chars
        summary.removed_by_rule[(rule, category)] += chars
    art = done.rows["articles"]
    summary.chars += art["n_chars"][0]
    summary.sentences += art["n_sentences"][0]
    summary.languages[art["language"][0]] += 1
    summary.article_lengths.append(art["n_chars"][0])
    summary.inputs.append(done.input)
    return done.rows, done.hashes


def _manifest(staging: Path, inputs: list[str], settings: Settings, files: dict, writers: dict, content: str,
              summary: Summary) -> dict:
    import pyarrow.parquet as pq

    outputs = []
    splits: dict[str, dict[str, int]] = {}
    for (config, split), paths in files.items():
        splits.setdefault(config, {})[split] = writers[(config, split)].rows
        for p in paths:
            outputs.append({"path": p.relative_to(staging).as_posix(), "config": config, "split": split,
                            "sha256": publish.file_sha256(p), "bytes": p.stat().st_size,
                            "rows": pq.read_metadata(p).num_rows})
    return {
        "tool": {"name": publish.TOOL, "version": __version__, "git_commit": publish.git_commit(),
                 "pyarrow": __import__("pyarrow").__version__},
        "settings": settings.as_dict(),
        "settings_fingerprint": settings.fingerprint(),
        # what the extra lexicon files held when the build read them (a path says too little)
        "lexicons": [{"path": p, "sha256": publish.file_sha256(Path(p))} for p in settings.spam_lexicons],
        "inputs": summary.inputs,
        "outputs": outputs,
        "rows": {c: sum(by_split.values()) for c, by_split in splits.items()},
        "splits": splits,
        "content_fingerprint": content,
    }
