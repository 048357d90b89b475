"""Spam lines: stray lines and headline lists that do not belong to the article's topic."""

from __future__ import annotations

import re

from .base import Block, Label, rule_id

HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def bigrams(text: str) -> set[str]:
    grams = set()
    for run in HAN_RUN.findall(text):
        grams.update(run[i:i + 2] for i in range(len(run) - 1))
    return grams


def stray_line(block: Block, context_grams: dict[str, int]) -> Label | None:
    """A short line sharing no two-character word with the rest of the page: injected spam.

    `context_grams` counts, for each bigram, the lines of the page holding it."""
    grams = bigrams(block.text)
    if len(block.text) > 30 or len(grams) < 3:
        return None
    if all(context_grams.get(g, 0) <= 1 for g in grams):
        return Label("spam", rule_id(stray_line), "stray_line")
    return None


def offtopic_headlines(run_text: list[str], body_grams: set[str], common: set[str]) -> bool:
    """A headline list whose lines share hardly any topical word with the body: off-site spam.

    Judged on bigrams that are not among the commonest of the language (`common`)."""
    hits = 0
    for text in run_text:
        topical = bigrams(text) - common
        if topical & body_grams:
            hits += 1
    return hits <= len(run_text) // 4


def offtopic_label() -> Label:
    return Label("spam", rule_id(offtopic_headlines), "offtopic_headlines")
