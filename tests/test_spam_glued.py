"""cleaner.clean.spam.glued: a shard longer than the search sees takes its glued edges along;
characters that belong to the sentence stay."""

from __future__ import annotations

import pytest

from cleaner.clean.spam import glued
from cleaner.clean.spam.params import SpamParams

PARAMS = SpamParams()


def _pieces(text: str, frag: str, skip: int = 0) -> list:
    out, p = [], text.find(frag)
    while p >= 0:
        out.append((p + skip, p + len(frag), frag[skip:]))
        p = text.find(frag, p + 1)
    return out


def test_a_shard_longer_than_the_search_takes_its_glued_edge_along():
    """The search sees 6 characters of a 7-character shard; the 7th, the same in every round
    and forming no word with what lies beyond it, would stay glued to the sentence."""
    text = "车站共有十九座，暖万家欢乐祥和串联起主城区。地铁运营公司暖万家欢乐祥和介绍，首班车六点发出。"
    got = glued.widened(PARAMS, text, _pieces(text, "暖万家欢乐祥和", skip=1))
    assert [o[2] for o in got] == ["暖万家欢乐祥和", "暖万家欢乐祥和"]


@pytest.mark.parametrize("text,frag", [
    ("今天市民春风送去了问候，昨天市民春风送来了消息。", "春风送"),  # 民 makes a word with 市 beyond it
    ("他说的春风送去了问候，她写的春风送来了消息。", "春风送"),  # 的 is a function word
])
def test_an_edge_character_that_belongs_to_the_sentence_stays(text, frag):
    pieces = _pieces(text, frag)
    assert glued.widened(PARAMS, text, pieces) == pieces
