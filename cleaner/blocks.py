"""Split a Source's text into blocks: non-blank lines with their offsets."""

from __future__ import annotations

import re

from .document import Block

LINE = re.compile(r"[^\n]+")
EDGE_SPACE = " \t\u3000"


def split_blocks(text: str) -> list[Block]:
    """One block per non-blank line, white space at both ends left outside the block."""
    blocks = []
    for m in LINE.finditer(text):
        line = m.group()
        stripped = line.strip(EDGE_SPACE)
        if not stripped.strip():
            continue
        start = m.start() + (len(line) - len(line.lstrip(EDGE_SPACE)))
        blocks.append(Block(len(blocks), start, start + len(stripped), stripped))
    return blocks
