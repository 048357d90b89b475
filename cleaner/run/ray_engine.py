"""The Ray Data engine: the workers read, clean and spool the inputs, and write the Parquet.

First pass: the driver lists the input files and sends each input shard (run.spool: 64 files,
paths or fsspec URLs) to a worker (a Ray Data actor; as many as the cluster has CPUs), which
reads them (every container format, record by record, exactly as the local engine does:
read.files.iter_documents), cleans them, spools the documents into the work folder and hands
back only what the duplicate decisions need (spool.ShardKeys). Second pass: once the driver has
decided the duplicates, each group of shards (run.write) goes to a worker that writes its
Parquet files into the staging folder and reports its counts; the driver merges them and
publishes. The work and output folders must be reachable from every node.

Connecting: an address (`--ray-address`, else RAY_ADDRESS) joins that cluster as it is, with no
resource arguments; with none, a local Ray is started with `workers` CPUs and stopped at the end.
A Ray this process had already initialised is used and left running.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import sys
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from cleaner.read.files import iter_documents
from cleaner.read.remote import PROCESS_LOCAL, RemotePath
from cleaner.run import spool
from cleaner.run.progress import Meter, raw_size, reason_of
from cleaner.settings import Settings

PREFETCH = 4  # batches of results the driver reads ahead


def connect(workers: int = 0, address: str | None = None):
    """The ray module, initialised; and whether this call started it (then the caller stops it)."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as e:  # the optional extra is missing
        raise RuntimeError("--engine ray needs Ray Data: pip install 'cleaner[ray]'") from e
    if ray.is_initialized():
        return ray, False
    address = address or os.environ.get("RAY_ADDRESS") or None
    options = dict(include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        if address:  # a cluster: its resources are its own
            ray.init(address=address, **options)
        else:  # "local": a new instance even when a cluster runs on this machine
            ray.init(address="local", num_cpus=workers if workers > 0 else None, **options)
    except (ConnectionError, RuntimeError, ValueError) as e:
        where = f"the Ray cluster at {address}" if address else "a local Ray"
        raise RuntimeError(f"cannot start or join {where}: {str(e).splitlines()[0] if str(e) else type(e).__name__}") \
            from e
    cpus = int(ray.cluster_resources().get("CPU", 0))
    print(f"cleaner: Ray: {f'joined the cluster at {address}' if address else 'started a local Ray'} ({cpus} CPUs)",
          file=sys.stderr, flush=True)
    return ray, True


def _quiet(ray) -> None:
    """No progress bars or per-operator statistics on the driver's terminal (results come in any
    order: the duplicate decisions and the merge do not depend on it)."""
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)
    # a failed task's error, logged with Ray Data's traceback before the same error is raised to
    # the build, which reports it (see _workers_lost)
    for name in ("ray.data._internal.execution.streaming_executor_state", "ray.data.exceptions"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.enable_auto_log_stats = False


@contextmanager
def session(workers: int = 0, address: str | None = None) -> Iterator[None]:
    """Ray connected (joined or started, see connect) for a build; a Ray this call started is
    stopped at the end."""
    environ = dict(os.environ)
    ray, started = connect(workers, address)
    try:
        _quiet(ray)
        yield
    finally:
        if started:
            ray.shutdown()
            restore_environment(environ)


def restore_environment(environ: dict[str, str]) -> None:
    """This process's environment put back as it was before a local Ray started. ray.init() sets
    variables for its process and every child, RAY_AUTH_MODE=token among them when it was unset:
    a driver that joins a cluster later with another setting than the cluster's workers refuses
    their results, and a Ray Data build there waits for ever."""
    for name in set(os.environ) - set(environ):
        del os.environ[name]
    for name, value in environ.items():
        if os.environ.get(name) != value:
            os.environ[name] = value


class ShardCleaner:
    """A Ray Data actor reading, decoding and cleaning input shards as they come, spooled into
    the work folder (run.spool, as the local engine spools); each shard's ShardKeys back to the
    driver, pickled, with the bytes it read and its rejections by reason (progress). An actor,
    not a task a shard: Ray Data keeps the next shard queued at each actor, so that the workers
    do not idle between shards while the driver schedules (a task a shard left them idle about
    0.2 s after each 0.3 s shard on two CPUs)."""

    def __call__(self, batch: dict, settings: Settings, work_root: str) -> dict:
        from cleaner.run.engine import work

        _settle(settings)
        out, read, reasons = [], [], []
        for number, blob in zip(batch["number"], batch["items"]):
            writer = spool.WorkDir(Path(work_root)).writer(spool.Shard(int(number), pickle.loads(blob)))
            nbytes, rejected = 0, Counter()
            try:
                for raw in iter_documents(writer.shard.items, settings.html_fields):
                    done = work(raw, settings, spooled=True)
                    nbytes += raw_size(raw)
                    if reason_of(done) is not None:
                        rejected[reason_of(done)] += 1
                    writer.add(done)
                keys = writer.finish()
            except BaseException:
                writer.abandon()
                raise
            out.append(pickle.dumps(keys.without_names(), protocol=pickle.HIGHEST_PROTOCOL))
            read.append(nbytes)
            reasons.append(pickle.dumps(rejected, protocol=pickle.HIGHEST_PROTOCOL))
        return {"keys": np.array(out, dtype=object), "bytes": np.array(read, dtype=np.int64),
                "reasons": np.array(reasons, dtype=object)}


_settled = False


def _settle(settings: Settings) -> None:
    """Once per worker process: the rules' dictionaries loaded and kept out of the garbage
    collector's way, as the local engine does (engine._settled)."""
    global _settled
    if not _settled:
        from cleaner.clean.pipeline import warm_up

        warm_up(settings)
        gc.collect()
        gc.freeze()
        _settled = True


def clean_shards(pending: list[spool.Shard], settings: Settings, work_root: Path) -> Iterator[spool.ShardKeys]:
    """Each pending input shard cleaned and spooled by Ray's workers (a shard a call); their
    ShardKeys, as they complete."""
    for shard in pending:
        for item in shard.items:
            _check_reachable(item.path)
    if not pending:
        return
    import ray

    ds = ray.data.from_items([{"number": s.number, "items": pickle.dumps(s.items, protocol=pickle.HIGHEST_PROTOCOL)}
                              for s in pending], override_num_blocks=len(pending))
    ds = _map_with_actors(ds, ShardCleaner, len(pending), {"settings": settings, "work_root": str(work_root)})
    meter = Meter("ray")
    with _workers_lost("cleaning"):
        for batch in ds.iter_batches(batch_format="numpy", batch_size=None, prefetch_batches=PREFETCH):
            for blob, nbytes, reasons in zip(batch["keys"], batch["bytes"], batch["reasons"]):
                keys = pickle.loads(blob)
                meter.add(keys.documents, int(nbytes), pickle.loads(reasons))
                yield keys
    meter.close()


LOST = ("RayActorError", "WorkerCrashedError", "NodeDiedError", "ObjectLostError", "OwnerDiedError")


@contextmanager
def _workers_lost(doing: str) -> Iterator[None]:
    """A worker lost (its process killed or crashed, its node gone) stops the build with one
    line saying what a rerun does, instead of Ray's traceback. Errors of the cleaning code itself
    keep theirs."""
    import ray.exceptions

    lost = tuple(getattr(ray.exceptions, n) for n in LOST if hasattr(ray.exceptions, n))
    try:
        yield
    except lost as e:
        raise RuntimeError(f"a Ray worker was lost while {doing} ({type(e).__name__}); the input shards "
                           f"cleaned so far are kept: run the same build again to go on from there") from e


def _map_with_actors(ds, cls, rows: int, fn_kwargs: dict):
    """ds.map_batches with a pool of actors of `cls`, a row a call: as many actors as the
    cluster has CPUs now, no more than `rows`. An actor that dies is not restarted: the build
    fails, and its rerun redoes only the shards not completed (Ray Data's default, restarting it
    and retrying its shard without end, would loop on a shard that kills its worker)."""
    import ray

    actors = max(1, min(rows, int(ray.cluster_resources().get("CPU", 1))))
    with warnings.catch_warnings():  # (Ray Data takes actor options as deprecated extra arguments)
        warnings.filterwarnings("ignore", message=".*ray_remote_args.*deprecated")
        return ds.map_batches(cls, batch_size=1, batch_format="numpy", num_cpus=1, fn_kwargs=fn_kwargs,
                              compute=ray.data.ActorPoolStrategy(size=actors), max_restarts=0)


class GroupWriter:
    """A Ray Data actor writing groups of spooled shards as Parquet into the staging folder, a
    group a call (an actor for the reason ShardCleaner is one)."""

    def __call__(self, batch: dict, work_root: str, staging: str, settings: Settings, shard_bytes: int) -> dict:
        from cleaner.run.write import write_group

        out = [pickle.dumps(write_group(pickle.loads(blob), work_root, staging, settings, shard_bytes),
                            protocol=pickle.HIGHEST_PROTOCOL) for blob in batch["task"]]
        return {"written": np.array(out, dtype=object)}


def write_groups(tasks: list, work_root: str, staging: str, settings: Settings, shard_bytes: int) -> Iterator:
    """Each write.GroupTask run by Ray's workers (a group a call); their write.Written reports."""
    if not tasks:
        return
    import ray

    ds = ray.data.from_items([{"task": pickle.dumps(t, protocol=pickle.HIGHEST_PROTOCOL)} for t in tasks],
                             override_num_blocks=len(tasks))
    ds = _map_with_actors(ds, GroupWriter, len(tasks), {"work_root": work_root, "staging": staging,
                                                        "settings": settings, "shard_bytes": shard_bytes})
    with _workers_lost("writing"):
        for batch in ds.iter_batches(batch_format="numpy", batch_size=None, prefetch_batches=PREFETCH):
            for blob in batch["written"]:
                yield pickle.loads(blob)


def _check_reachable(path) -> None:
    """Refuse an input Ray's workers cannot read: a file system living in this process."""
    if isinstance(path, RemotePath) and path.protocol in PROCESS_LOCAL:
        raise RuntimeError(f"{path.protocol}:// files live in this process's memory, which Ray's workers do "
                           f"not share: use the local engine, or a file system every node reads")
