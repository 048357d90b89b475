"""Write cleaner/data/script_chars.txt: Han characters only simplified or only traditional Chinese uses.

Run at development time with OpenCC's character tables installed (pip install opencc-purepy,
which ships them); the table is committed, and the cleaner reads it without any converter or
download:

    python scripts/script_table.py > cleaner/data/script_chars.txt

From STCharacters (simplified -> traditional candidates) and TSCharacters (the reverse): a
character is simplified-only when every traditional candidate differs from it and it is no
candidate of the other table (so no traditional text writes it); traditional-only the other
way round. Characters written alike in both scripts (了, 于 ...) are in neither list."""

from __future__ import annotations

import sys
from importlib import resources


def table(name: str) -> dict[str, list[str]]:
    text = resources.files("opencc_purepy").joinpath("dicts", name).read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if "\t" in line:
            key, values = line.split("\t", 1)
            if len(key) == 1:
                out[key] = values.split()
    return out


def only(forward: dict[str, list[str]], backward: dict[str, list[str]]) -> list[str]:
    """Keys of `forward` that the other script never writes."""
    # forward's candidates are the other script's characters, and so are backward's keys
    other_script = {c for values in forward.values() for c in values} | set(backward)
    return sorted(k for k, values in forward.items() if k not in values and k not in other_script)


def main() -> None:
    st, ts = table("STCharacters.txt"), table("TSCharacters.txt")
    out = sys.stdout
    out.write("# Han characters written only in simplified or only in traditional Chinese.\n"
              "# Made by scripts/script_table.py from OpenCC's STCharacters/TSCharacters (Apache-2.0);\n"
              "# read by cleaner/publish/nlp.py.\n")
    for name, chars in (("simplified", only(st, ts)), ("traditional", only(ts, st))):
        out.write(f"[{name}]\n")
        for i in range(0, len(chars), 64):
            out.write("".join(chars[i:i + 64]) + "\n")


if __name__ == "__main__":
    main()
