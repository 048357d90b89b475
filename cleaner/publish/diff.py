"""`cleaner diff`: articles added, removed and changed between two published versions."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

COMPARED = ("title", "text", "published_at", "source_name", "authors", "language")


@dataclass
class VersionDiff:
    old: str
    new: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[str], int]] = field(default_factory=list)  # (source_file, fields, char delta)
    unchanged: int = 0


def read_articles(version_dir: str) -> dict[str, tuple[str, tuple[bytes, ...], int]]:
    """id -> (source file, a digest of each COMPARED field, text length): what a diff needs,
    read a row group at a time; the texts themselves are not kept (memory per article is small)."""
    files = sorted(Path(version_dir, "data", "articles").glob("*.parquet"))
    if not files:
        raise FileNotFoundError(f"{version_dir} has no data/articles/*.parquet")
    rows = {}
    for path in files:
        with pq.ParquetFile(path) as f:
            for group in range(f.num_row_groups):
                for row in f.read_row_group(group, columns=["id", "source_file", *COMPARED]).to_pylist():
                    rows[row["id"]] = (row["source_file"], tuple(_digest(row[c]) for c in COMPARED), len(row["text"]))
    return rows


def _digest(value) -> bytes:
    return hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def diff_versions(old: str, new: str) -> VersionDiff:
    a, b = read_articles(old), read_articles(new)
    d = VersionDiff(old, new)
    d.added = sorted(b[i][0] for i in b.keys() - a.keys())
    d.removed = sorted(a[i][0] for i in a.keys() - b.keys())
    for i in sorted(a.keys() & b.keys(), key=lambda i: b[i][0]):
        fields = [c for c, x, y in zip(COMPARED, a[i][1], b[i][1]) if x != y]
        if fields:
            d.changed.append((b[i][0], fields, b[i][2] - a[i][2]))
        else:
            d.unchanged += 1
    return d


def format_diff(d: VersionDiff) -> str:
    lines = [f"{d.old} -> {d.new}: {len(d.added)} added, {len(d.removed)} removed, "
             f"{len(d.changed)} changed, {d.unchanged} unchanged"]
    lines += [f"+ {s}" for s in d.added]
    lines += [f"- {s}" for s in d.removed]
    lines += [f"~ {s}: {', '.join(f)}" + (f" (text {delta:+d} chars)" if "text" in f else "")
              for s, f, delta in d.changed]
    return "\n".join(lines)


def version_key(name: str) -> tuple[int, int, int] | None:
    parts = name.split("+")[0].split("-")[0].split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    return int(parts[0]), int(parts[1]), int(parts[2])


def previous_version(name_dir: Path, version: str) -> Path | None:
    """The highest published version below `version` in OUT/NAME, if any."""
    mine = version_key(version)
    if mine is None or not name_dir.is_dir():
        return None
    older = [(k, p) for p in name_dir.iterdir() if not p.name.startswith(".") and (p / "manifest.json").exists()
             and (k := version_key(p.name)) is not None and k < mine]
    return max(older)[1] if older else None


def changelog(name_dir: Path, version: str, new_dir: Path, limit: int = 50) -> str:
    """The card's changelog: this version against the previous one, then the earlier entries."""
    prev = previous_version(name_dir, version)
    if prev is None:
        return f"- {version}: first published version."
    d = diff_versions(str(prev), str(new_dir))
    lines = [f"- {version} (against {prev.name}): {len(d.added)} articles added, {len(d.removed)} removed, "
             f"{len(d.changed)} changed, {d.unchanged} unchanged."]
    entries = [f"  - added `{code(s)}`" for s in d.added] + [f"  - removed `{code(s)}`" for s in d.removed]
    entries += [f"  - changed `{code(s)}`: {', '.join(f)}" + (f" (text {delta:+d} characters)" if "text" in f else "")
                for s, f, delta in d.changed]
    lines += entries[:limit] + ([f"  - ... and {len(entries) - limit} more"] if len(entries) > limit else [])
    earlier = _changelog_section(prev / "README.md")
    return "\n".join(lines + ([earlier] if earlier else []))


def code(text: str) -> str:
    """A file name safe inside a Markdown code span on one line: line breaks and other control
    characters escaped, no backtick to close the span early."""
    return repr(text)[1:-1].replace("`", "'")


def _changelog_section(card: Path) -> str:
    try:
        text = card.read_text(encoding="utf-8")
    except OSError:
        return ""
    _, _, section = text.partition("\n## Changelog\n")
    return section.split("\n## ", 1)[0].strip()
