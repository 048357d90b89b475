"""Build: the hot per-document modules compiled to C extensions with mypyc (same source).

The metadata lives in pyproject.toml; this file only adds the compiled modules. They run the
very source in the package, faster (worker time 4.63 -> 4.03 ms a page on the benchmark
corpus, README.md "Benchmark"); cleaner/compiled.py falls back to that source
when a module was edited after the build, and CLEANER_PURE=1 at install time skips compiling
altogether. A machine without a C compiler installs the pure-Python package (the extensions
are optional); a type error in a listed module stops the install (mypyc checks annotations).
"""

import hashlib
import json
import os
import sys
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).resolve().parent
LIST = ROOT / "cleaner" / "data" / "compiled_modules.txt"
RECORD = ROOT / "cleaner" / "_compiled.json"


def compiled_modules() -> list[str]:
    """The list file's modules (as cleaner.compiled.listed_modules reads it: setup.py does not
    import the package it builds)."""
    lines = (line.split("#", 1)[0].strip() for line in LIST.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def remove_old_builds() -> None:
    """Extensions an earlier in-place (editable) build left in the tree: a build that fails or
    is skipped must not leave them to shadow newer sources."""
    for module in compiled_modules():
        path = ROOT / module.replace(".", "/")
        for old in path.parent.glob(path.name + ".*.so"):
            old.unlink()
    for old in ROOT.glob("*__mypyc.*.so"):
        old.unlink()


def ext_modules() -> list:
    remove_old_builds()
    if os.environ.get("CLEANER_PURE") == "1":
        RECORD.unlink(missing_ok=True)
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("cleaner: mypyc not available, installing pure Python", file=sys.stderr)
        RECORD.unlink(missing_ok=True)
        return []
    modules = compiled_modules()
    paths = [m.replace(".", "/") + ".py" for m in modules]
    # what was compiled, so that an edited source is run as source (cleaner/compiled.py)
    record = {m: hashlib.sha256((ROOT / p).read_bytes()).hexdigest() for m, p in zip(modules, paths)}
    RECORD.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    extensions = mypycify(["--ignore-missing-imports", *paths], opt_level="3")
    for ext in extensions:
        ext.optional = True  # no C compiler: the package installs and runs as pure Python
    return extensions


setup(ext_modules=ext_modules())
