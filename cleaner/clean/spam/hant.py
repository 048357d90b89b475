"""The text as the word model reads it. jieba's dictionary writes simplified Chinese: in a
document written in traditional script every word would look unknown to it (out-of-vocabulary
fragments recur like injected shards). Such a document is read through a character map to
simplified forms (cleaner/data/hant_hans.txt, made by scripts/hant_table.py), one character
for one, so every offset in the view is an offset in the text."""

from __future__ import annotations

from functools import cache
from importlib import resources

from cleaner.clean.script import script


@cache
def hans_table() -> dict[int, str]:
    """Traditional character (code point) -> the simplified character read in its place."""
    text = resources.files("cleaner.data").joinpath("hant_hans.txt").read_text(encoding="utf-8")
    out: dict[int, str] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        for pair in line.split():
            if len(pair) == 2:
                out[ord(pair[0])] = pair[1]
    return out


def word_view(text: str) -> str:
    """`text` itself, or in a document written in traditional script its simplified reading,
    character for character. A simplified document is left as it is: characters both scripts
    write (乾, 於) keep their simplified meaning there."""
    if script(text) != "zh-Hant":
        return text
    return text.translate(hans_table())
