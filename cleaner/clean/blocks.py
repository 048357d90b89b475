"""Split a Source's text into blocks: non-blank lines with their offsets."""

from __future__ import annotations

from cleaner.document import Block

EDGE_SPACE = " \t\u3000"


def split_blocks(text: str) -> list[Block]:
    """One block per non-blank line, white space at both ends left outside the block."""
    blocks: list[Block] = []
    pos = 0  # where the line starts in the text
    for line in text.split("\n"):
        stripped = line.strip(EDGE_SPACE)
        if stripped and not stripped.isspace():
            start = pos + len(line) - len(line.lstrip(EDGE_SPACE))
            blocks.append(Block(len(blocks), start, start + len(stripped), stripped))
        pos += len(line) + 1
    return blocks
