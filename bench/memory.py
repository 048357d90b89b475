"""The driver's peak memory against the number of documents: flat, or growing with the build?

    .venv/bin/python bench/memory.py                           # 2,000 vs 20,000 pages, local, 1 and 2 workers
    .venv/bin/python bench/memory.py --small 500 --big 5000 --runs local:2,ray:2 [--ray-address HOST:PORT]

Builds generated pages (bench/generate.py, kept under bench/.corpus/) with `cleaner build` in a
child process per run and prints the peak RSS of the driver (the process that runs `cleaner
build`, measured by itself: getrusage(RUSAGE_SELF) at exit) and of its largest child process
(a pool worker; Ray's workers are not its children), for the small and the big corpus, and
their ratio (target: <= 1.2). With one local worker the driver does all the work itself.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402  (bench/run.py: the cached corpora)

DRIVER = r"""
import atexit, json, resource, sys
report = sys.argv.pop(1)

def done():
    with open(report, "w") as f:
        json.dump({"driver_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                   "children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}, f)

atexit.register(done)
from cleaner.cli import main
sys.argv = ["cleaner", *sys.argv[1:]]
main()
"""


def measure(corpus: Path, out: Path, engine: str, workers: int, tag: str, ray_address: str | None = None) -> dict:
    """Peak RSS (MB) of the driver and of its largest child for one build of the corpus."""
    report = out / f"run{tag}.json"
    cmd = [sys.executable, "-c", DRIVER, str(report), "build", str(corpus), "--out", str(out), "--name", "mem",
           "--version", f"0.{tag}", "--workers", str(workers), "--engine", engine]
    if engine == "ray" and ray_address:
        cmd += ["--ray-address", ray_address]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    if p.returncode != 0:
        raise SystemExit(f"build failed: {' '.join(cmd)}\n{p.stderr[-3000:]}")
    m = json.loads(report.read_text())
    return {"driver_mb": m["driver_kb"] / 1024, "child_mb": m["children_kb"] / 1024}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--small", type=int, default=2000)
    ap.add_argument("--big", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", default="local:1,local:2", help="engine:workers, comma-separated")
    ap.add_argument("--ray-address", default=None, help="a running Ray cluster for the ray runs (else a local Ray)")
    args = ap.parse_args(argv)
    corpora = {n: run.ensure_corpus(n, args.seed, HERE / ".corpus")[0] for n in (args.small, args.big)}
    print(f"{'engine':8} {'workers':>7} {'documents':>9} {'driver MB':>10} {'child MB':>9}")
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-mem-") as tmp:
        for spec in args.runs.split(","):
            engine, workers = spec.split(":")
            peaks = {}
            for i, (n, corpus) in enumerate(corpora.items()):
                m = measure(corpus, Path(tmp), engine, int(workers), f"{len(results)}.{i}", args.ray_address)
                peaks[n] = m
                print(f"{engine:8} {workers:>7} {n:>9} {m['driver_mb']:10.0f} {m['child_mb']:9.0f}", flush=True)
            ratio = peaks[args.big]["driver_mb"] / peaks[args.small]["driver_mb"]
            results.append((engine, workers, ratio))
            print(f"{engine:8} {workers:>7} driver ratio {args.big}/{args.small}: {ratio:.2f} (target <= 1.2)",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
