"""jieba's dictionary as a unigram word model: lookups, best segmentation, and how strongly a
fragment binds to its neighbours."""

from __future__ import annotations

import functools
import logging
import math
import re
from collections import Counter

import numpy as np

from cleaner.clean.han import HAN_ALL as HAN
from cleaner.clean.han import is_han
from cleaner.clean.spam.params import SpamParams

HAN_RUN = re.compile(f"[{HAN}]+")




WB_MIN_FREQ = 100  # words at least this frequent make their inner bigrams "word-internal"


WORD_MIN_FREQ = 20  # rarer dictionary entries (梦美, 锦鲤 ...) do not make a fragment "a word"


BLOOM_BITS = 23


_H1, _H2 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)


_SHIFT = np.uint64(64 - BLOOM_BITS)


def bloom_hashes(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(over="ignore"):
        return (keys * _H1) >> _SHIFT, (keys * _H2) >> _SHIFT


class WordModel:
    """jieba's dict.txt (shipped inside the package) with its frequencies: lookups and the
    best-segmentation log-probability of short strings (jieba's DAG + Viterbi)."""

    def __init__(self) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.dt.check_initialized()
        self.freq: dict[str, int] = jieba.dt.FREQ  # words and (freq 0) their prefixes
        self.logtotal = math.log(jieba.dt.total)
        inner: list[int] = []
        two: list[int] = []
        self.inside: Counter[str] = Counter()  # character -> frequency of the words holding it
        self.head: Counter[str] = Counter()  # character -> frequency of the words it starts
        self.tail: Counter[str] = Counter()  # ... and of those it ends
        for word, f in self.freq.items():
            if not f or len(word) < 2:
                continue
            if len(word) == 2 and f >= WORD_MIN_FREQ:
                two.append((ord(word[0]) << 32) | ord(word[1]))
            if f >= WB_MIN_FREQ:
                for a, b in zip(word, word[1:]):
                    inner.append((ord(a) << 32) | ord(b))
                for ch in word:
                    self.inside[ch] += f
                self.head[word[0]] += f
                self.tail[word[-1]] += f
        # a two-hash Bloom filter over bigram keys: bit 1 word-internal, bit 2 two-char word
        self.bloom = np.zeros(1 << BLOOM_BITS, dtype=np.uint8)
        for keys, bit in ((np.array(inner, dtype=np.uint64), 1), (np.array(two, dtype=np.uint64), 2)):
            for h in bloom_hashes(keys):
                self.bloom[h] |= bit

    def word_freq(self, s: str) -> int:
        return self.freq.get(s, 0) or 0

    def is_word(self, s: str, min_freq: int = 1) -> bool:
        return (self.freq.get(s) or 0) >= min_freq

    def free(self, ch: str) -> float:
        """How much a character stands as a word of its own rather than inside words: 的 0.86,
        从 0.68, 民 0.02."""
        f = self.freq.get(ch) or 0
        return f / (f + self.inside[ch] + 1)


@functools.lru_cache(maxsize=1)
def word_model() -> WordModel:
    return WordModel()


@functools.lru_cache(maxsize=200_000)
def logp(s: str) -> float:
    """Best segmentation log-probability of `s` under jieba's unigram model."""
    if not s:
        return 0.0
    wm = word_model()
    freq, lt = wm.freq, wm.logtotal
    n = len(s)
    route = [0.0] * (n + 1)
    for idx in range(n - 1, -1, -1):
        best = math.log(freq.get(s[idx]) or 1) - lt + route[idx + 1]
        i = idx + 2
        while i <= n:
            frag = s[idx:i]
            f = freq.get(frag)
            if f is None:
                break
            if f:
                v = math.log(f) - lt + route[i]
                if v > best:
                    best = v
            i += 1
        route[idx] = best
    return route[0]


@functools.lru_cache(maxsize=50_000)
def segment(s: str) -> tuple[str, ...]:
    """Best segmentation of a short Han string (same model as `logp`)."""
    wm = word_model()
    freq, lt = wm.freq, wm.logtotal
    n = len(s)
    route: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for idx in range(n - 1, -1, -1):
        best = (math.log(freq.get(s[idx]) or 1) - lt + route[idx + 1][0], idx + 1)
        i = idx + 2
        while i <= n:
            f = freq.get(s[idx:i])
            if f is None:
                break
            if f:
                v = math.log(f) - lt + route[i][0]
                if v > best[0]:
                    best = (v, i)
            i += 1
        route[idx] = best
    out, i = [], 0
    while i < n:
        j = route[i][1]
        out.append(s[i:j])
        i = j
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def bind_gain(text: str, start: int, end: int, span: int = 4) -> float:
    """How much better (nats) the best reading of the window around text[start:end] is than
    reading the neighbours and the fragment apart: > 0 when it forms words with them.
    (Memoised for the retries of one cycle, without_one, which ask again at the same places;
    a small cache: each entry keeps its page's text alive.)"""
    lo = start
    while lo > 0 and start - lo < span and is_han(text[lo - 1]):
        lo -= 1
    hi = end
    while hi < len(text) and hi - end < span and is_han(text[hi]):
        hi += 1
    left, frag, right = text[lo:start], text[start:end], text[end:hi]
    return logp(left + frag + right) - logp(left) - logp(frag) - logp(right)


def binds(params: SpamParams, text: str, start: int, end: int) -> bool:
    """Whether text[start:end] forms words with its Han neighbours (民安 in 居民|安全)."""
    return bind_gain(text, start, end) > params.bind_margin


def join_gain(a: str, b: str) -> float:
    """How much better (nats) two pieces read joined than apart (人|民 7.1, 临|门 3.1)."""
    a, b = a[-4:], b[:4]
    return logp(a + b) - logp(a) - logp(b)
