"""Mine a corpus's own spam vocabulary from what a build removed: the slogans whose shards were
found in several articles, written as a lexicon file (section [slogan]) for the next build.

    cleaner build CRAWL --name crawl --version 1.0.0
    cleaner learn dist/crawl/1.0.0 -o crawl-slogans.txt
    cleaner build CRAWL --name crawl --version 1.1.0 --spam-lexicon crawl-slogans.txt

A page that gave `spam_inline.injected_fragments` enough evidence tells the slogan to every
other page of the corpus: `spam_known.learned_slogan` then finds its shards where one page
alone gave too little. Only what several different articles carry is learned (a build keeps
one article of each set of near duplicates), so an article's own recurring terms, cut out by
mistake from one page, are not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

SHARD_RULE = "spam_inline.injected_fragments"
MIN_ARTICLES = 2  # different articles a slogan must have been found in
MIN_CHARS, MAX_CHARS = 4, 40  # a slogan's length


def cycle_of(shards: Iterable[tuple[int, str]]) -> str:
    """A document's slogan from the shards found in it, (offset, text): the pieces in the
    order of their first appearance, joined."""
    order: dict[str, None] = {}
    for _, piece in sorted(shards):
        order.setdefault(piece, None)
    return "".join(order)


def rotations(s: str) -> Iterator[str]:
    return (s[i:] + s[:i] for i in range(len(s)))


def canonical(s: str) -> str:
    """One name for every rotation of a cyclic string (a round may start at any piece)."""
    return min(rotations(s))


def _within(a: str, b: str) -> bool:
    """Whether the cyclic string `a` reads inside the cyclic string `b` (a round of `b` with
    pieces missed, or `b` is `a` with a piece too many)."""
    return len(a) <= len(b) and any(r in b + b for r in rotations(a))


def mine(documents: Iterable[tuple[str, list[tuple[int, str]]]], min_articles: int = MIN_ARTICLES) -> list[tuple[str, int]]:
    """Slogans from (article, shards found in it) pairs: [(slogan, articles)], most attested first.

    A slogan is learned when the same cycle of shards was found in `min_articles` different
    articles or more. Of cycles one inside the other (a piece missed on some pages, a word of
    the article taken along on others), the one found in most articles is kept, the longer on
    a tie. Each is written as the rotation seen most often."""
    articles: dict[str, set[str]] = defaultdict(set)
    seen: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for article, shards in documents:
        s = cycle_of(shards)
        if not (MIN_CHARS <= len(s) <= MAX_CHARS and len({p for _, p in shards}) >= 2):
            continue
        key = canonical(s)
        articles[key].add(article)
        seen[key][s] += 1
    ranked = sorted((k for k, v in articles.items() if len(v) >= min_articles),
                    key=lambda k: (-len(articles[k]), -len(k), k))
    kept: list[str] = []
    for k in ranked:
        if not any(_within(k, o) or _within(o, k) for o in kept):
            kept.append(k)
    out = [(max(seen[k].items(), key=lambda kv: (kv[1], kv[0]))[0], len(articles[k])) for k in kept]
    return sorted(out, key=lambda x: (-x[1], x[0]))


def shards_of_version(version_dir: str | Path) -> Iterator[tuple[str, list[tuple[int, str]]]]:
    """(source_file, [(start, text)]) of every article with shards removed by SHARD_RULE, read
    from a published version's `removals` Parquet files."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    files = sorted((Path(version_dir) / "data" / "removals").glob("*.parquet"))
    if not files:
        raise FileNotFoundError(f"{version_dir}: no data/removals/*.parquet (not a built version?)")
    by_doc: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for f in files:
        t = pq.read_table(f, columns=["source_file", "start", "text", "rule"])
        t = t.filter(pc.equal(t["rule"], SHARD_RULE))
        for name, start, text in zip(*(t[c].to_pylist() for c in ("source_file", "start", "text"))):
            by_doc[name].append((start, text))
    return iter(sorted(by_doc.items()))


def lexicon_text(slogans: list[tuple[str, int]], source: str = "") -> str:
    """A lexicon file (format of cleaner/data/spam_lexicon.txt) holding the slogans."""
    head = ["# Slogans mined by `cleaner learn`" + (f" from {source}" if source else ""),
            "# one per line, with the number of articles it was found in as a comment",
            "", "[slogan:learned]"]
    return "\n".join(head + [f"{s}  # {n} articles" for s, n in slogans]) + "\n"
