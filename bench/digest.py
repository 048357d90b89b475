"""A digest of every published Parquet file over a fixed set of inputs: proof that a refactor
changed no output byte.

    .venv/bin/python bench/digest.py            # seeds, tests/fixtures, 1,000 generated pages

Builds each input set with `cleaner build` into a temporary folder and prints one sha256 per
set and one over all of them (the Parquet files of every config, in path order); beside it, a
digest of the rows read back (every config's rows in file and row order): what stays the same
when a change of layout (files, row groups) changes the bytes on purpose.

    .venv/bin/python bench/digest.py --rows-of OUT/NAME/VERSION ...   # the rows digest of built versions
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLEANER = Path(sys.executable).parent / "cleaner"


def parquet_digest(version: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(version.glob("data/*/*.parquet")):
        h.update(path.relative_to(version).as_posix().encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def rows_digest(version: Path) -> str:
    """sha256 of every config's rows, in file (path) order and row order, one row group at a time."""
    import json

    import pyarrow.parquet as pq

    h = hashlib.sha256()
    for config in sorted(p.name for p in (version / "data").iterdir() if p.is_dir()):
        h.update(f"config {config}\n".encode())
        for path in sorted((version / "data" / config).glob("*.parquet")):
            f = pq.ParquetFile(path)
            for group in range(f.num_row_groups):
                for row in f.read_row_group(group).to_pylist():
                    h.update(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str).encode())
                    h.update(b"\n")
    return h.hexdigest()


def build(inputs: list[Path], out: Path, name: str) -> Path:
    subprocess.run([str(CLEANER), "build", *map(str, inputs), "--out", str(out), "--name", name,
                    "--version", "0.0.1"], check=True, capture_output=True)
    return out / name / "0.0.1"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=1000, help="generated pages (bench/generate.py --seed 1)")
    ap.add_argument("--rows-of", nargs="+", type=Path, help="print the rows digest of these versions and stop")
    args = ap.parse_args(argv)
    if args.rows_of:
        for version in args.rows_of:
            print(f"{rows_digest(version)[:16]}  {parquet_digest(version)[:16]}  {version}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        pages = tmp_path / "pages"
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(pages), "-n", str(args.pages),
                        "--seed", "1"], check=True, capture_output=True)
        sets = {"seeds": [ROOT / "seeds"]}
        for folder in sorted(p for p in (ROOT / "tests" / "fixtures").iterdir() if p.is_dir()):
            sets[folder.name] = [folder]
        sets["pages"] = [pages]
        total, rows_total = hashlib.sha256(), hashlib.sha256()
        for name, inputs in sets.items():
            version = build(inputs, tmp_path / "out", name)
            digest, rows = parquet_digest(version), rows_digest(version)
            total.update(digest.encode())
            rows_total.update(rows.encode())
            print(f"{name:14} {digest[:16]}  rows {rows[:16]}")
        print(f"{'all':14} {total.hexdigest()[:16]}  rows {rows_total.hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
