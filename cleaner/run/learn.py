"""Mine a corpus's own spam vocabulary from what a build removed: the slogans whose shards were
found in several articles, and the coined brand names found alone in several articles, written
as a lexicon file (sections [slogan] and [brand]) for the next build.

    cleaner build CRAWL --name crawl --version 1.0.0
    cleaner learn dist/crawl/1.0.0 -o crawl-slogans.txt
    cleaner build CRAWL --name crawl --version 1.1.0 --spam-lexicon crawl-slogans.txt

A page that gave `spam_inline.injected_fragments` enough evidence tells the slogan to every
other page of the corpus: `spam_known.learned_slogan` then finds its shards where one page
alone gave too little; a coined brand (`spam_names.coined_brand`, which needs the name's
characters foreign to the page) becomes a known brand, which `spam_inline.ad_vocabulary`
takes on any page that carries spam. Only what several different articles carry is learned
(a build keeps one article of each set of near duplicates), so an article's own recurring
terms, cut out by mistake from one page, are not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from cleaner.clean.rules import spam_inline, spam_names
from cleaner.clean.rules.base import rule_id

SHARD_RULE = rule_id(spam_inline.injected_fragments)
BRAND_RULE = rule_id(spam_names.coined_brand)
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


def brands(documents: Iterable[tuple[str, list[str]]], min_articles: int = MIN_ARTICLES) -> list[tuple[str, int]]:
    """Coined brand names from (article, names found in it) pairs: [(name, articles)], those
    found in `min_articles` different articles or more, most attested first."""
    articles: dict[str, set[str]] = defaultdict(set)
    for article, names in documents:
        for name in names:
            articles[name].add(article)
    return sorted(((n, len(a)) for n, a in articles.items() if len(a) >= min_articles), key=lambda x: (-x[1], x[0]))


def learn_from(rows: Iterable[tuple[str, str, int, str]], min_articles: int = MIN_ARTICLES,
               article_of: Callable[[str], str] = str) -> tuple[list, list]:
    """(slogans, brands) from removal rows (document, rule, start, text): the shards that
    SHARD_RULE removed (see `mine`) and the names that BRAND_RULE removed (see `brands`).
    `article_of` names the article a document is (itself, in a built version, where near
    duplicates are gone)."""
    shards: dict[str, list[tuple[int, str]]] = defaultdict(list)
    names: dict[str, list[str]] = defaultdict(list)
    for doc, rule, start, text in rows:
        if rule == SHARD_RULE:
            shards[doc].append((start, text))
        elif rule == BRAND_RULE:
            names[doc].append(text)
    return (mine(((article_of(d), v) for d, v in sorted(shards.items())), min_articles),
            brands(((article_of(d), v) for d, v in sorted(names.items())), min_articles))


def removal_rows(version_dir: str | Path) -> Iterator[tuple[str, str, int, str]]:
    """(source_file, rule, start, text) of the spans a published version's `removals` Parquet
    files hold for SHARD_RULE and BRAND_RULE."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    files = sorted((Path(version_dir) / "data" / "removals").glob("*.parquet"))
    if not files:
        raise FileNotFoundError(f"{version_dir}: no data/removals/*.parquet (not a built version?)")
    for f in files:
        t = pq.read_table(f, columns=["source_file", "rule", "start", "text"])
        t = t.filter(pc.is_in(t["rule"], value_set=pa.array([SHARD_RULE, BRAND_RULE])))
        yield from zip(*(t[c].to_pylist() for c in ("source_file", "rule", "start", "text")))


def learn_version(version_dir: str | Path, min_articles: int = MIN_ARTICLES) -> tuple[list, list]:
    """(slogans, brands) mined from a published version."""
    return learn_from(removal_rows(version_dir), min_articles)


def lexicon_text(slogans: list[tuple[str, int]], names: list[tuple[str, int]] = (), source: str = "") -> str:
    """A lexicon file (format of cleaner/data/spam_lexicon.txt) holding the slogans and brands."""
    lines = ["# Spam vocabulary mined by `cleaner learn`" + (f" from {source}" if source else ""),
             "# one entry per line, with the number of articles it was found in as a comment",
             "", "[slogan:learned]"]
    lines += [f"{s}  # {n} articles" for s, n in slogans]
    lines += ["", "[brand:learned]"] + [f"{b}  # {n} articles" for b, n in names]
    return "\n".join(lines) + "\n"
