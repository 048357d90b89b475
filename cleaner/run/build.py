"""Run a build: inputs -> clean (one process, a pool or Ray), spooled per input shard ->
duplicates, decided once every article is known -> rows written in a second pass -> publish."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

from cleaner import __version__, terminal
from cleaner.publish import croissant
from cleaner.publish import version as publish
from cleaner.publish.diff import changelog
from cleaner.read import remote
from cleaner.read.walk import find_inputs
from cleaner.run import spool, write
from cleaner.run.dedupe import DuplicateGroups
from cleaner.run.passes import FirstPass, first_pass
from cleaner.run.summary import Summary
from cleaner.settings import Settings


def build(inputs: list[str], out: str, name: str, version: str, settings: Settings, workers: int = 1,
          progress: Callable[[int], None] | None = None, engine: str = "local",
          shard_bytes: int = publish.SHARD_BYTES, follow_symlinks: bool = False,
          allow_empty: bool = True, ray_address: str | None = None) -> Summary:
    """Publish OUT/NAME/VERSION from the inputs; returns what happened.

    allow_empty: when False, a build that keeps no article raises PublishError and publishes
    nothing (the command line's default; `--allow-empty` lifts it).

    engine: "local" (this process, or a pool of `workers` processes) or "ray" (Ray Data);
    shard_bytes: a config's Parquet shard is closed past this many bytes of rows;
    follow_symlinks: read links that lead out of the inputs too (walk.find_inputs);
    ray_address: the Ray cluster to join (else RAY_ADDRESS; with neither, a local Ray).

    The first pass's documents are spooled per input shard into a work folder beside the
    version (run.spool): an interrupted build, run again, cleans only the shards it had not
    finished. The folder is removed once the version is published."""
    inputs = [remote.local_path(i) or i if isinstance(i, str) else i for i in inputs]  # file:// is a local path
    check(inputs, name, version, settings)
    out_dir = Path(out)
    target = out_dir / name / version
    load_language_profiles()
    with publish.sigterm_stops_the_build():
        publish.remove_stale_staging(out_dir, name)
        staging = publish.staging_dir(out_dir, name, version)
        try:
            summary = Summary(version_dir=str(target))
            work = spool.WorkDir(spool.work_dir(out_dir, name, version, inputs, settings, follow_symlinks))
            state = FirstPass(DuplicateGroups(settings.near_duplicate_threshold), summary, progress)
            with _engine(engine, workers, ray_address):
                n_shards = first_pass(find_inputs(inputs, follow_symlinks), work, state, (settings, workers, engine))
                merged = write.second_pass(work, n_shards, state, summary, staging, settings, shard_bytes,
                                           (engine, workers))
            if summary.kept == 0 and not allow_empty:
                work.remove()  # a refusal, not an interruption: nothing to resume
                raise publish.PublishError(empty_message(summary))
            manifest = _manifest(settings, write.name_files(staging, merged), merged, summary)
            _describe(staging, out_dir, name, version, manifest, settings, summary)
            summary.status = publish.finalise(staging, target, manifest["content_fingerprint"])
            work.remove()
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
        if remote.is_url(given):
            _check_url(given)
        elif not os.path.exists(given) and not os.path.islink(given):
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


def _check_url(url: str) -> None:
    """An fsspec URL input that exists, on a file system whose package is installed."""
    try:
        found = remote.exists(url)
    except ValueError as e:
        raise publish.PublishError(terminal.safe_line(str(e))) from None
    except Exception as e:  # each file system raises its own kinds (credentials, network)
        raise publish.PublishError(f"input {terminal.safe_line(url)}: {type(e).__name__}: "
                                   f"{terminal.safe_line(str(e))}") from None
    if not found:
        raise publish.PublishError(f"input {terminal.safe_line(url)} does not exist")


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


def _engine(engine: str, workers: int, ray_address: str | None):
    """Ray connected for both passes when the build runs on it."""
    if engine != "ray":
        return nullcontext()
    from cleaner.run.ray_engine import session

    return session(workers, ray_address)


def _manifest(settings: Settings, outputs: list[dict], merged: write.Merged, summary: Summary) -> dict:
    splits: dict[str, dict[str, int]] = {}
    for (config, split), part in merged.parts.items():
        splits.setdefault(config, {})[split] = part.rows
    return {
        "tool": {"name": publish.TOOL, "version": __version__, "git_commit": publish.git_commit(),
                 "pyarrow": __import__("pyarrow").__version__},
        "settings": settings.as_dict(),
        "settings_fingerprint": settings.fingerprint(),
        # what the extra lexicon files held when the build read them (a path says too little)
        "lexicons": [{"path": p, "sha256": publish.file_sha256(Path(p))} for p in settings.spam_lexicons],
        # counts only: each document's source file, sha256 and outcome are rows of `articles` or
        # `rejected` (cleaner.run.provenance reads them back)
        "documents": {"read": summary.read, "articles": summary.kept, "rejected": dict(sorted(summary.rejected.items())),
                      "duplicate_articles": dict(sorted(summary.duplicates.items()))},
        "outputs": outputs,
        "rows": {c: sum(by_split.values()) for c, by_split in splits.items()},
        "splits": splits,
        "content_fingerprint": merged.content(),
    }
