"""Spam names: brands coined for a spam campaign, named alone, on a page that already carries spam.

A spam campaign drops its brand names into an article's sentences. Those the lexicon knows, or
that come with a suffix (XX娱乐官网), `spam_inline.ad_vocabulary` takes; a new coinage said
once without any suffix (a numeral or an ordinary character glued to 游, 博, 彩 ...) gives itself
away only by what it is made of and where it stands:

- the page already carries spam found by a pattern (brand + suffix, contact lure, URL);
- it is a word only for the segmenter's guesser: no entry of jieba's dictionary, 2-4 Han
  characters, one of them a gambling morpheme of the lexicon (section [morpheme]);
- it is foreign to the page: said once, and none of its characters is used anywhere else on
  the page (an article's own names share characters with its text: 雨城 ... 雨城区; and the
  segmenter may have glued a character of the sentence to the name: 宝游|条, 从|雅博);
- it stands loose between words: no word runs across its edges, it fills no quotation marks,
  it is no item of a list (、), and it does not read as a person's name.
"""

from __future__ import annotations

import logging

from cleaner.clean.rules.base import Removal, SpanContext, rule
from cleaner.clean.spam.ads import document_hits
from cleaner.clean.spam.lexicon import lexicon_key, load_lexicon
from cleaner.clean.spam.page import document_body, name_like, quoted, removals
from cleaner.clean.spam.params import SpamParams
from cleaner.clean.spam.words import HAN_RUN, binds, word_model

MIN_CHARS, MAX_CHARS = 2, 4
GLUE_FREQ = 10_000  # a character this frequent as a word of its own (从, 由, 条, 前) glued to a name is the sentence's
LIST_MARKS = "、·/"  # a name next to these is an item of a list of names


def _tokens(run: str) -> list[tuple[str, int, int]]:
    """jieba's segmentation of a run of Han characters, with its guesser for unknown words on;
    and every two single-character tokens side by side as one more (鼎|赢: the guesser left the
    name in pieces)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokens = list(jieba.tokenize(run, HMM=True))
    pairs = [(a[0] + b[0], a[1], b[2]) for a, b in zip(tokens, tokens[1:]) if len(a[0]) == len(b[0]) == 1]
    return tokens + pairs


def _unglued(word: str, start: int, end: int, morphemes: frozenset[str]) -> tuple[str, int, int]:
    """A token of three characters or more without the frequent one-character words at its edges
    that the segmenter's guesser glued to it (从|雅博, 宝游|条)."""
    wm = word_model()
    while len(word) > MIN_CHARS and word[0] not in morphemes and wm.word_freq(word[0]) >= GLUE_FREQ:
        word, start = word[1:], start + 1
    while len(word) > MIN_CHARS and word[-1] not in morphemes and wm.word_freq(word[-1]) >= GLUE_FREQ:
        word, end = word[:-1], end - 1
    return word, start, end


def _coinage(word: str, morphemes: frozenset[str]) -> bool:
    """2-4 characters holding a gambling morpheme, no dictionary word, not a person's name."""
    return (MIN_CHARS <= len(word) <= MAX_CHARS and any(c in morphemes for c in word)
            and not word_model().is_word(word) and not name_like(word))


def _foreign_and_loose(params: SpamParams, text: str, word: str, start: int, end: int) -> bool:
    """Said once, none of its characters used elsewhere on the page, and standing loose between
    words: no list item, no quoted term, no word running across its edges."""
    if any(text.count(c) > word.count(c) for c in word):
        return False
    before, after = text[start - 1:start], text[end:end + 1]
    if (before and before in LIST_MARKS) or (after and after in LIST_MARKS) or quoted(text, start, end):
        return False
    return not binds(params, text, start, end)


def coined_names(params: SpamParams, text: str, morphemes: frozenset[str],
                 taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of `text` holding a coined gambling name (see the module docstring); `taken`:
    spans already known as spam."""
    out: list[tuple[int, int]] = []
    for run in HAN_RUN.finditer(text):
        if not any(c in morphemes for c in run.group()):
            continue
        for token, s, e in _tokens(run.group()):
            word, start, end = _unglued(token, run.start() + s, run.start() + e, morphemes)
            if not _coinage(word, morphemes) or any(a < end and start < b for a, b in taken):
                continue
            if _foreign_and_loose(params, text, word, start, end):
                out.append((start, end))
    return out


@rule("spam_names.coined_brand", kind="span", category="spam")
def coined_brand(ctx: SpanContext) -> list[Removal]:
    """A made-up brand (2-4 chars, a gambling morpheme, no dictionary word) said once, foreign to the page, on a page already carrying pattern-found spam."""
    if not ctx.blocks:
        return []
    hits = document_hits(ctx)  # empty unless the page carries pattern-found spam
    if not hits:
        return []
    morphemes = frozenset(load_lexicon(lexicon_key(ctx.settings)).morphemes)
    if not morphemes:
        return []
    body = document_body(ctx)
    spans = coined_names(ctx.settings.spam, body.words, morphemes, [(h.start, h.end) for h in hits])
    return removals(ctx, body, spans, coined_brand) if spans else []

