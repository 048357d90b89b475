"""Counts that stay short however many inputs a build reads: per source folder (or web
domain), per outcome and reason. The card and croissant.json show these past a few dozen
inputs; the per-input detail lives in the Parquet configs (articles, rejected)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlsplit

MAX_LISTED = 30  # inputs listed one by one up to this many; summaries beyond
MAX_GROUPS = 50  # folders or domains listed in a summary; the rest are counted together


def group_of(source_file: str, url: str | None = None) -> str:
    """Where an input came from, coarsely: its web domain when known, else its first folder
    ('.' for a file at the root of an input)."""
    if url:
        host = urlsplit(url).hostname
        if host:
            return host
    return source_file.split("/", 1)[0] + "/" if "/" in source_file else "."


def by_group(inputs: Iterable[dict]) -> list[tuple[str, int, int, Counter]]:
    """(group, articles, rejected, reasons) per group, the largest first; past MAX_GROUPS the
    rest are summed into one '(N other groups)' entry."""
    kept: Counter = Counter()
    rejected: Counter = Counter()
    reasons: dict[str, Counter] = {}
    for i in inputs:
        g = group_of(i["source_file"], i.get("url"))
        if i.get("outcome") == "rejected":
            rejected[g] += 1
            reasons.setdefault(g, Counter())[i.get("reason") or "unknown"] += 1
        else:
            kept[g] += 1
    groups = sorted(set(kept) | set(rejected), key=lambda g: (-(kept[g] + rejected[g]), g))
    rows = [(g, kept[g], rejected[g], reasons.get(g, Counter())) for g in groups[:MAX_GROUPS]]
    rest = groups[MAX_GROUPS:]
    if rest:
        other: Counter = Counter()
        for g in rest:
            other.update(reasons.get(g, Counter()))
        rows.append((f"({len(rest)} other groups)", sum(kept[g] for g in rest), sum(rejected[g] for g in rest), other))
    return rows


def folder_line(inputs: Iterable[dict]) -> str:
    """One line: 'seeds/ 980 (12 rejected), other/ 20 ...' over the largest groups."""
    parts = []
    for g, k, r, _ in by_group(inputs)[:10]:
        parts.append(f"{g} {k + r}" + (f" ({r} rejected)" if r else ""))
    return ", ".join(parts)
