"""The second pass: the spooled input shards written as Parquet, a group of consecutive shards
(FILES_PER_GROUP input files) at a time, by whichever process runs `write_group` (the build's,
a worker of the local engine's pool, a Ray worker); the build then only merges what each group
reports.

A group's files are named after it (`part-GGGGGG-[SPLIT-]NNNNN.parquet`, N counting the
group's own rotations) while the version is staged; `name_files` renames them, in group order,
`SPLIT-0000i-of-0000n.parquet`. A group's rows and row groups depend on its input files alone,
so the bytes are the same whatever ran it and in whatever order the groups finished.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pyarrow.parquet as pq

from cleaner.publish import schema
from cleaner.publish import version as publish
from cleaner.publish.rows import HASH_MOD, Columns, Prepared, rejected_rows
from cleaner.run import spool
from cleaner.run.engine import in_pool, max_workers
from cleaner.run.summary import Summary
from cleaner.settings import Settings

FILES_PER_GROUP = 1024  # input files whose rows share a group's Parquet files (a multiple of spool.SHARD_FILES)
DUPLICATE_ID_DETAIL = "the same source_file and record id as an article kept earlier"


@dataclass
class GroupTask:
    """One group to write: its input shards and the decisions about its documents."""

    number: int
    shards: range  # the input shards' numbers
    duplicates: dict[int, tuple[str, str]]  # order key -> (exact|near, name of the kept copy)
    repeated: set[int]  # order keys of records repeating their container's record id


@dataclass
class ConfigPart:
    """What a group wrote of one (config, split): rows, their hash sum, and its files."""

    rows: int = 0
    row_sum: int = 0
    files: list[dict] = field(default_factory=list)  # name (in data/CONFIG/), sha256, bytes, rows


@dataclass
class Written:
    number: int
    summary: Summary
    parts: dict[tuple[str, str], ConfigPart]


def shards_per_group() -> int:
    """Input shards to a group: FILES_PER_GROUP input files."""
    return max(1, FILES_PER_GROUP // spool.SHARD_FILES)


def groups_of(n_shards: int) -> list[range]:
    """Consecutive input shards, FILES_PER_GROUP input files to a group."""
    per = shards_per_group()
    return [range(start, min(start + per, n_shards)) for start in range(0, n_shards, per)]


def config_keys(settings: Settings) -> list[tuple[str, str]]:
    """(config, split) of every writer: `validation` beside `train` for the article configs when
    the settings ask for a validation split; `rejected` is one split."""
    splits = ("train", "validation") if settings.validation_fraction > 0 else ("train",)
    return [(c, s) for c in schema.CONFIGS for s in (("train",) if c == "rejected" else splits)]


def write_group(task: GroupTask, work_root: str, staging: str, settings: Settings, shard_bytes: int) -> Written:
    """Every document of the group's shards, in input order, to its config's Parquet files in
    the staging folder: a duplicate's article marked with the copy it repeats, or (settings.duplicates
    "reject") its rejection in place of its article."""
    work = spool.WorkDir(Path(work_root))
    summary = Summary()
    writers = {(c, s): publish.ConfigWriter(c, Path(staging) / "data" / c, shard_bytes=shard_bytes, split=s,
                                            group=task.number)
               for c, s in config_keys(settings)}
    for number in task.shards:
        for index, done in enumerate(work.replay(number)):
            key = spool.order_key(number, index)
            dup = ("id", done.name) if key in task.repeated else task.duplicates.get(key)
            rows, hashes = document_rows(done, dup, summary, settings.duplicates == "reject")
            for config, config_rows in rows.items():
                if config_rows:
                    split = "train" if config == "rejected" else done.split
                    writers[(config, split)].add(config_rows, hashes.get(config))
    parts = {}
    for key, w in writers.items():
        files = [{"name": p.name, "sha256": publish.file_sha256(p), "bytes": p.stat().st_size,
                  "rows": pq.read_metadata(p).num_rows} for p in w.finish()]
        parts[key] = ConfigPart(w.rows, w.row_sum, files)
    return Written(task.number, summary, parts)


def second_pass(work: spool.WorkDir, n_shards: int, state, summary: Summary, staging: Path, settings: Settings,
                shard_bytes: int, run: tuple[str, int] = ("local", 1)) -> Merged:
    """Every group written, the reports merged in order. `run`: (engine, workers): Ray's workers
    write the groups; the local engine writes them in a pool of `workers` processes when there
    are several groups, else in this process."""
    tasks = group_tasks(work, n_shards, state)
    engine, workers = run
    one_group = partial(write_group, work_root=str(work.root), staging=str(staging), settings=settings,
                        shard_bytes=shard_bytes)
    if engine == "ray":
        from cleaner.run.ray_engine import write_groups

        results = write_groups(tasks, str(work.root), str(staging), settings, shard_bytes)
    elif workers > 1 and len(tasks) > 1:
        results = in_pool(one_group, tasks, min(workers, max_workers(), len(tasks)))
    else:
        results = map(one_group, tasks)
    return merge(config_keys(settings), results, summary)


def group_tasks(work: spool.WorkDir, n_shards: int, state) -> list[GroupTask]:
    """The groups to write with the decisions about their documents: the duplicates (decided
    over the whole build, named after their kept copy) and the repeated record ids."""
    decided = state.groups.decide()  # order key -> (kind, order key of the kept copy)
    names = _kept_names(work, {kept for _, kept in decided.values()})
    tasks = [GroupTask(g, shards, {}, set()) for g, shards in enumerate(groups_of(n_shards))]
    per = shards_per_group()
    for key, (kind, kept) in decided.items():
        tasks[(key >> spool.SHIFT) // per].duplicates[key] = (kind, names[kept])
    for key in state.repeated_ids:
        tasks[(key >> spool.SHIFT) // per].repeated.add(key)
    return tasks


def _kept_names(work: spool.WorkDir, keepers: set[int]) -> dict[int, str]:
    """order key -> name (rows.Prepared.name) of the kept copies, from their shards' keys."""
    names: dict[int, str] = {}
    by_shard: dict[int, list[int]] = {}
    for key in keepers:
        by_shard.setdefault(key >> spool.SHIFT, []).append(key)
    for number, keys in sorted(by_shard.items()):
        shard_names = work.keys(number).names
        for key in keys:
            names[key] = shard_names[key & ((1 << spool.SHIFT) - 1)]
    return names


@dataclass
class Merged:
    """The groups' reports merged, in group order: per (config, split), rows, hash sum, files."""

    parts: dict[tuple[str, str], ConfigPart]

    def add(self, written: Written) -> None:
        for key, part in written.parts.items():
            mine = self.parts.setdefault(key, ConfigPart())
            mine.rows += part.rows
            mine.row_sum = (mine.row_sum + part.row_sum) % HASH_MOD
            mine.files.extend(part.files)

    def content(self) -> str:
        """The content fingerprint: over every (config, split)'s rows (publish.content_hash)."""
        return hashlib.sha256("".join(f"{c}:{publish.content_hash(c, s, p.rows, p.row_sum)}"
                                      for (c, s), p in self.parts.items()).encode()).hexdigest()


def merge(keys: list[tuple[str, str]], results: Iterable[Written], summary: Summary) -> Merged:
    """The groups' reports (in any order) merged in group order; their counts into `summary`."""
    merged = Merged({key: ConfigPart() for key in keys})
    for written in sorted(results, key=lambda w: w.number):
        summary.merge(written.summary)
        merged.add(written)
    return merged


def name_files(staging: Path, merged: Merged) -> list[dict]:
    """Each (config, split)'s files renamed SPLIT-0000i-of-0000n.parquet in group order (a config
    with no rows gets one empty file, so that readers see its columns); the manifest's outputs."""
    outputs = []
    for (config, split), part in merged.parts.items():
        directory = staging / "data" / config
        if not part.files:
            path = publish.empty_file(config, directory, split)
            part.files = [{"name": path.name, "sha256": publish.file_sha256(path), "bytes": path.stat().st_size,
                           "rows": 0}]
        n = len(part.files)
        for i, f in enumerate(part.files):
            target = directory / f"{split}-{i:05d}-of-{n:05d}.parquet"
            (directory / f["name"]).rename(target)
            outputs.append({"path": target.relative_to(staging).as_posix(), "config": config, "split": split,
                            "sha256": f["sha256"], "bytes": f["bytes"], "rows": f["rows"]})
    return outputs


def document_rows(done: Prepared, dup: tuple[str, str] | None, summary,
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
