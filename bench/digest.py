"""A digest of every published Parquet file over a fixed set of inputs: proof that a refactor
changed no output byte.

    .venv/bin/python bench/digest.py            # seeds, tests/fixtures, 1,000 generated pages

Builds each input set with `cleaner build` into a temporary folder and prints one sha256 per
set and one over all of them (the Parquet files of every config, in path order).
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


def build(inputs: list[Path], out: Path, name: str) -> Path:
    subprocess.run([str(CLEANER), "build", *map(str, inputs), "--out", str(out), "--name", name,
                    "--version", "0.0.1"], check=True, capture_output=True)
    return out / name / "0.0.1"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=1000, help="generated pages (bench/generate.py --seed 1)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        pages = tmp_path / "pages"
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(pages), "-n", str(args.pages),
                        "--seed", "1"], check=True, capture_output=True)
        sets = {"seeds": [ROOT / "seeds"]}
        for folder in sorted(p for p in (ROOT / "tests" / "fixtures").iterdir() if p.is_dir()):
            sets[folder.name] = [folder]
        sets["pages"] = [pages]
        total = hashlib.sha256()
        for name, inputs in sets.items():
            digest = parquet_digest(build(inputs, tmp_path / "out", name))
            total.update(digest.encode())
            print(f"{name:14} {digest[:16]}")
        print(f"{'all':14} {total.hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
