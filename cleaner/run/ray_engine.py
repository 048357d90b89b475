"""The Ray Data engine: the workers read the inputs, decode and clean them, and hand back each
document's prepared rows, in input order, as one streaming dataset (no windows, no barriers).

The driver lists the input files and sends their paths; a task reads a few files (every
container format, record by record, exactly as the local engine does: read.files.iter_documents) and
returns its documents' rows.Prepared, pickled, with their order key. Duplicates and publishing
follow in the build, the same for every engine.

Connecting: an address (`--ray-address`, else RAY_ADDRESS) joins that cluster as it is, with no
resource arguments; with none, a local Ray is started with `workers` CPUs and stopped at the end.
A Ray this process had already initialised is used and left running.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from cleaner.read.files import iter_documents
from cleaner.read.walk import InputFile
from cleaner.run.progress import Meter, raw_size
from cleaner.settings import Settings

FILES_PER_TASK = 16  # input files a Ray task reads and cleans (a container file may hold many documents)
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
    """No progress bars or per-operator statistics on the driver's terminal; results in order."""
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.enable_auto_log_stats = False
    context.execution_options.preserve_order = True


def _clean_files(batch: dict, settings: Settings) -> dict:
    """One Ray task: read, decode and clean these files; each document's prepared rows, pickled,
    with (file number, record number) to check the order by, and its size as read (progress)."""
    import numpy as np

    from cleaner.run.engine import work

    files, records, blobs, sizes = [], [], [], []
    for i, path, relative, error, reason in zip(batch["i"], batch["path"], batch["relative"], batch["error"],
                                                batch["reason"]):
        item = InputFile(Path(os.fsdecode(bytes(path))), str(relative), str(error) or None, str(reason))
        for record, raw in enumerate(iter_documents([item], settings.html_fields)):
            files.append(int(i))
            records.append(record)
            sizes.append(raw_size(raw))
            blobs.append(pickle.dumps(work(raw, settings, prepared=True), protocol=pickle.HIGHEST_PROTOCOL))
    return {"file": np.array(files, dtype=np.int64), "record": np.array(records, dtype=np.int64),
            "result": np.array(blobs, dtype=object), "bytes": np.array(sizes, dtype=np.int64)}


def run_ray(items: Iterable[InputFile], settings: Settings, workers: int = 0, address: str | None = None,
            files_per_task: int | None = None) -> Iterator:
    """(number of its input file, rows.Prepared) of every document of the input files, in
    input order, cleaned on Ray Data."""
    files_per_task = files_per_task or FILES_PER_TASK
    environ = dict(os.environ)
    ray, started = connect(workers, address)
    try:
        _quiet(ray)
        listed = [{"i": i, "path": os.fsencode(item.path), "relative": item.relative, "error": item.error or "",
                   "reason": item.reason}
                  for i, item in enumerate(items)]
        if not listed:
            return
        ds = ray.data.from_items(listed, override_num_blocks=max(1, -(-len(listed) // files_per_task)))
        ds = ds.map_batches(_clean_files, batch_size=files_per_task, batch_format="numpy",
                            fn_kwargs={"settings": settings}, num_cpus=1)
        last = (-1, -1)
        meter = Meter("ray")
        for batch in ds.iter_batches(batch_format="numpy", batch_size=None, prefetch_batches=PREFETCH):
            for f, r, blob, size in zip(batch["file"], batch["record"], batch["result"], batch["bytes"]):
                key = (int(f), int(r))
                if key <= last:
                    raise RuntimeError(f"Ray returned document {key} after {last}: out of input order")
                last = key
                done = pickle.loads(blob)
                meter.count(int(size), done.reason)
                yield key[0], done
        meter.close()
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

