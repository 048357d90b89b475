"""Text from inputs made harmless for a terminal before it is printed.

A file name, a URL or a library's warning quoting an input can carry escape sequences (colours,
cursor moves, a changed window title, hidden text) or bidirectional overrides that make a line
read differently from what it holds: those characters are shown as escapes (`\\x1b`, `\\u202e`)."""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL, C1 controls, bidirectional embeddings/overrides/isolates,
# and lone surrogates (not printable, nor encodable as UTF-8).
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """`text` with every character that could steer a terminal shown as an escape."""
    return UNSAFE.sub(_escape, text)


def safe_line(text: str) -> str:
    """safe(text), with line breaks escaped too: what stays one line however it was built."""
    return safe(text).replace("\n", "\\n")
