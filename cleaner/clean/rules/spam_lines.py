"""Spam lines: stray lines and headline lists that do not belong to the article's topic."""

from __future__ import annotations

import re
from functools import lru_cache

from cleaner.clean.han import HAN
from cleaner.clean.rules.base import Block, Label, rule, rule_id

HAN_RUN = re.compile(rf"[{HAN}]+")


def bigrams(text: str) -> set[str]:
    """Every two consecutive Han characters of the text."""
    return {run[i:i + 2] for run in HAN_RUN.findall(text) for i in range(len(run) - 1)}


@rule("spam_lines.stray_line", kind="context", category="spam")
def stray_line(block: Block, page: str) -> Label | None:
    """A short line sharing no two-character word with the rest of the page: injected spam.

    `page`: the text of every line of the page, joined by newlines."""
    if len(block.text) > 30:
        return None
    grams = bigrams(block.text)
    if len(grams) < 3:
        return None
    if all(page.count(g) == block.text.count(g) for g in grams):  # no other line holds it
        return Label("spam", rule_id(stray_line), "stray_line")
    return None


COMMON_WORD_FREQ = 5000  # two-character words this frequent in jieba's dictionary say nothing of a topic


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The commonest two-character words of Chinese (工作, 发展, 全市 ...), from jieba's dictionary."""
    from cleaner.clean.spam.words import word_model

    return frozenset(w for w, f in word_model().freq.items() if len(w) == 2 and (f or 0) >= COMMON_WORD_FREQ)


@rule("spam_lines.offtopic_headlines", kind="context", category="spam")
def offtopic_headlines(run_text: list[str], body: str) -> bool:
    """A headline list about something the body never names (another city, another outlet).

    The word most of its lines share is absent from the article. Lists of the page's own site
    name its place too, and stay boilerplate."""
    distinct = set(dict.fromkeys(run_text))
    if len(distinct) < 4:
        return False
    common = common_words()
    counts: dict[str, int] = {}
    for text in distinct:
        for g in bigrams(text) - common:
            counts[g] = counts.get(g, 0) + 1
    if not counts:
        return False
    top, n = max(sorted(counts.items()), key=lambda kv: kv[1])
    return n >= max(3, len(distinct) // 3) and top not in body


def offtopic_label() -> Label:
    return Label("spam", rule_id(offtopic_headlines), "offtopic_headlines")
