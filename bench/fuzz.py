"""A fuzz run: N hostile and broken inputs (tests/fuzz_corpus.py: random bytes, Unicode with lone
surrogates, pages with noise, JSON Lines / Parquet / WARC edge cases, hostile ids and names,
symbolic links) through `cleaner build`, then the figures.

    .venv/bin/python bench/fuzz.py                 # 10,000 inputs, seed 19, all CPUs
    .venv/bin/python bench/fuzz.py -n 500 --seed 3

Prints inputs (files and links made), documents, articles, rejected rows by reason, tracebacks
on stderr, and whether every document was accounted for exactly once and every removal slices
its source exactly.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
CLEANER = Path(sys.executable).parent / "cleaner"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10_000, help="inputs to make")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()

    import pyarrow.parquet as pq
    from fuzz_corpus import make

    from cleaner.document import Rejection, document_id
    from cleaner.read.files import iter_documents, safe_text, to_source
    from cleaner.read.walk import find_inputs

    with tempfile.TemporaryDirectory() as tmp:
        d = make(Path(tmp), args.n, args.seed)
        entries = sum(1 for p in d.rglob("*") if p.is_symlink() or p.is_file())
        command = [str(CLEANER), "build", str(d), "--out", f"{tmp}/out", "--name", "fuzz", "--version", "1.0.0"]
        if args.workers:
            command += ["--workers", str(args.workers)]
        started = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, text=True, errors="replace")
        seconds = time.perf_counter() - started
        version = Path(tmp) / "out" / "fuzz" / "1.0.0"

        def rows(config: str) -> list[dict]:
            return [r for f in sorted((version / "data" / config).glob("*.parquet")) for r in pq.read_table(f).to_pylist()]

        articles, rejected, removals = rows("articles"), rows("rejected"), rows("removals")
        docs = list(iter_documents(find_inputs([str(d)])))
        ids = Counter(document_id(r.relative, None if r.record_id is None else safe_text(r.record_id)) for r in docs)
        texts: dict[str, list[str]] = {}
        for raw in docs:
            source = to_source(raw)
            if not isinstance(source, Rejection):
                texts.setdefault(document_id(source.path, source.record_id), []).append(source.text)
        sliced = all(any(t[r["start"]:r["end"]] == r["text"] for t in texts.get(r["id"], [])) for r in removals)
        print(f"inputs {entries} (files and links; seed {args.seed}), documents {len(docs)}, "
              f"build {seconds:.0f} s, exit {proc.returncode}")
        print(f"articles {len(articles)}, rejected {len(rejected)}, removals {len(removals)}")
        for reason, n in sorted(Counter(r["reason"] for r in rejected).items(), key=lambda kv: -kv[1]):
            print(f"  rejected {reason:<16} {n}")
        print(f"tracebacks {proc.stderr.count('Traceback')}")
        print(f"every document accounted for exactly once: "
              f"{Counter(r['id'] for r in articles + rejected) == ids}")
        print(f"every removal slices its source exactly: {sliced}")
        if proc.returncode:
            print(proc.stderr[-2000:])


if __name__ == "__main__":
    main()
