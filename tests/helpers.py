"""Small helpers shared by tests: run the block rules and the pipeline on literal text; compare
published versions; find a build's processes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cleaner.clean.blocks import split_blocks
from cleaner.clean.label import label_blocks
from cleaner.clean.rules.base import BlockContext
from cleaner.document import Block
from cleaner.read.files import decode_source
from cleaner.settings import Settings


def block(text: str) -> tuple[Block, BlockContext]:
    b = Block(0, 0, len(text), text)
    return b, BlockContext(Settings())


def labels_of(text: str) -> list[tuple[str, str, str]]:
    """(line, kind, rule) for every line of a page."""
    blocks = split_blocks(text)
    return [(b.text, lab.kind, lab.rule) for b, lab in zip(blocks, label_blocks(blocks, Settings()))]


def clean_text(text: str, name: str = "doc.txt", settings: Settings | None = None):
    from cleaner.clean.pipeline import clean

    return clean(decode_source(text.encode("utf-8"), name), settings or Settings())


def parquet_files(version_dir: Path) -> dict[str, str]:
    """A published version's Parquet files (path under data/) -> their sha256."""
    data = Path(version_dir) / "data"
    return {p.relative_to(data).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(data.rglob("*.parquet"))}


def processes() -> dict[int, tuple[int, str]]:
    """Every process this one can see (from /proc): pid -> (parent pid, command line)."""
    table = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        table[int(entry.name)] = (parent, command)
    return table


def descendants(root: int) -> dict[int, str]:
    """The processes below `root`, at any depth, with their command lines."""
    table = processes()
    out = {}
    for pid, (up, command) in table.items():
        while up in table and up != root:
            up = table[up][0]
        if up == root:
            out[pid] = command
    return out
