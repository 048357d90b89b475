"""Write cleaner/data/hant_hans.txt: each traditional character with the simplified one the
word model reads in its place.

Run at development time with OpenCC's character tables (pip install opencc-purepy) and jieba
installed; the table is committed, and the cleaner reads it without any converter:

    python scripts/hant_table.py > cleaner/data/hant_hans.txt

From TSCharacters (traditional -> simplified candidates): a character maps to its first
candidate, one character for one, so offsets in a text read through the map stay exact. A
character keeps its own form when jieba's dictionary already writes it at least as often as
that candidate (words holding it, weighted by frequency): the dictionary reads it as it is."""

from __future__ import annotations

import logging
import sys
from collections import Counter

from script_table import table


def dictionary_weight() -> Counter[str]:
    """Character -> summed frequency of the dictionary's words holding it."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.check_initialized()
    weight: Counter[str] = Counter()
    for word, f in jieba.dt.FREQ.items():
        if f:
            for ch in set(word):
                weight[ch] += f
    return weight


def pairs() -> list[str]:
    weight = dictionary_weight()
    out = []
    for key, values in sorted(table("TSCharacters.txt").items()):
        target = values[0]
        if len(target) == 1 and target != key and weight[target] > weight[key]:
            out.append(key + target)
    return out


def main() -> None:
    found = pairs()
    out = sys.stdout
    out.write("# Traditional characters and the simplified ones the spam word model reads in their place,\n"
              "# as pairs (traditional, simplified) separated by spaces. Made by scripts/hant_table.py\n"
              "# from OpenCC's TSCharacters (Apache-2.0) and jieba's dictionary; read by\n"
              "# cleaner/clean/spam/hant.py.\n")
    for i in range(0, len(found), 32):
        out.write(" ".join(found[i:i + 32]) + "\n")


if __name__ == "__main__":
    main()
