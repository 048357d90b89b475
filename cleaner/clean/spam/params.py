"""The tuning of the spam machinery: one frozen value, carried by Settings (and so covered by
its fingerprint) and passed down to every function that reads a threshold."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SpamParams:
    # bonds, in nats of jieba's unigram model
    bind_margin: float = 1.0  # a fragment binds when a reading across its edges beats this much
    cycle_bind_margin: float = 5.0  # a bond that keeps an occurrence in its slot out of a cycle (居民|安全 13.6)
    slot_bind_margin: float = 8.0  # a weaker bond does not take an occurrence out of the slot it holds
    reassemble_margin: float = 2.5  # shards put back together bind across a join (人|民 7.1, 临|门 3.1)
    # candidates
    max_shard: int = 6  # characters of one shard at most
    max_glued: int = 2  # characters glued on a side of a longer shard, taken with it (spam.glued)
    glued_free: float = 0.7  # ... none standing alone this often (WordModel.free: 的 0.87, 了 0.94)
    min_free: int = 1  # occurrences loose on both edges a candidate needs
    max_types: int = 80  # candidate fragments considered per document
    # cycles, in characters
    max_gap: int = 240  # between two shards of one cycle
    max_mean_gap: int = 80  # mean distance between the exposed shards of one cycle
    max_lone_gap: int = 150  # mean distance between the rounds of a lone exposed shard (its partners hidden)
    max_round: int = 400  # between two occurrences of one shard (one round of the slogan)
    max_stretch: int = 1500  # an injected stretch spans at most this much
    max_cliques: int = 200  # groups of alternating fragments enumerated per document
    max_tries: int = 16  # candidate cycles judged per document (a retry without one fragment counts)
    # slots
    max_fill_gap: int = 150  # a slot searched for hidden shards is at most this long
    max_pieces: int = 6  # pieces of one slogan per round, exposed and hidden
    max_order_set: int = 10  # hidden shards of one slot searched exhaustively for the largest set in order
    # evidence
    min_evidence: int = 4  # shard occurrences a sparse cycle needs, found and filled
    dense_gap: int = 40  # mean distance between the pieces of a densely injected stretch
    strong_gap: int = 60  # ... when the exposed shards are this close on average
    collocation_gap: int = 6  # two fragments always this close are a collocation of the article
    tight_gap: int = 2  # ... this close twice: a collocation even in a cycle seen only twice
    two_round_gap: int = 50  # mean distance of exposed shards in a cycle seen only twice
    bound_free: float = 0.3  # a character standing alone at most this often (WordModel.free) is cut off a word
    affix_share: float = 0.05  # ... unless it starts words (ends them) less than this often against the other way
