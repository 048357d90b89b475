"""In-line spam: text inserted into the article's own sentences, taken out span by span.

Span rules (`rule(ctx: SpanContext) -> list[Removal]`, category "spam", offsets inside the
kept lines of `ctx.blocks`):

- `ad_vocabulary`: gambling / ad vocabulary from a lexicon data file
  (cleaner/data/spam_lexicon.txt, format in its header, plus `Settings.spam_lexicons`):
  brand + vertical + access forms (XX体育官网, XY娱乐城, XY星河入口), Latin brands glued to
  Chinese, contact lures with an account id, bare URLs and domain names glued into Chinese
  text. A brand seen with a suffix teaches its stem, removed wherever it stands alone in the
  same page; bare known brands and ad copy go only on a page that already carries such spam
  (spam/lexicon.py, spam/ads.py).
- `injected_fragments`: slogan shards (2-6 characters) inserted between the words of
  sentences, found by how they break the language, not by a list:
    1. candidates (vectorised, cheap): Han bigrams that are no word in jieba's dictionary and
       recur, grown while all their occurrences agree, standing loose between words
       (spam/candidates.py);
    2. cycles: shards of one slogan are inserted in turn, so every two of them alternate
       strictly, close together (a lone shard: a whole round apart); articles' own terms do
       not (cycles.find_cycles); a cycle that fails is tried again without one of its
       fragments, a term of the article that happens to take turns with the shards
       (shards.without_one);
    3. the dictionary judges each occurrence: a fragment that forms a word with its
       neighbours (best-segmentation log-probability, jieba's DAG + Viterbi, spam/words.py)
       stays;
    4. hidden shards: pieces that are real words (家园) sit in the same slot of every round,
       between the same two exposed shards; of those found, the best attested set that keeps
       one order in every round (slots.fill_gaps);
    5. evidence: the pieces put back together form words across their joins, or the
       structure is strong enough by itself; two rounds of shards that are phrases of words
       (砥砺前行) or pieces cut off words (…画卷美) used nowhere else in the text; never
       paragraphs written in parallel, their terms at set places of the sentences
       (evidence.convincing; spam/joins.py for how pieces fit back together);
    6. completion: once a cycle holds, the last piece of a slogan seen twice whose second round
       was cut short (it shows once) is looked for in its slot: a fragment that fits back onto
       the shard before it or after it (slots.cut_short).

The machinery lives in cleaner/clean/spam/ (module map in its __init__); its thresholds are `Settings.spam` (cleaner/clean/spam/params.py). jieba's
dictionary (shipped inside the package, never downloaded) and the lexicon are loaded once per
process, lazily; the ad hits of a document are found once and kept with its span context for
the rules that need them.
"""

from __future__ import annotations

from cleaner.clean.rules.base import Removal, SpanContext, rule
from cleaner.clean.spam.ads import document_hits
from cleaner.clean.spam.page import document_body, removals
from cleaner.clean.spam.shards import shard_spans


@rule("spam_inline.ad_vocabulary", kind="span", category="spam")
def ad_vocabulary(ctx: SpanContext) -> list[Removal]:
    """Gambling / ad vocabulary from the spam lexicon: brand + vertical + access forms, Latin brands glued to Chinese, contact lures, bare URLs and domains, learned brand stems."""
    if not ctx.blocks:
        return []
    hits = document_hits(ctx)
    if not hits:
        return []
    return removals(ctx, document_body(ctx), [(h.start, h.end) for h in hits], ad_vocabulary)


@rule("spam_inline.injected_fragments", kind="span", category="spam")
def injected_fragments(ctx: SpanContext) -> list[Removal]:
    """Slogan shards (2-6 chars) inserted between the words of sentences: recurring, forming no word with their neighbours, in a cyclic order."""
    if not ctx.blocks:
        return []
    k = max(2, ctx.settings.shard_min_count)
    stops = tuple((h.start, h.end) for h in document_hits(ctx) if h.strong or h.kind == "stem")
    body = document_body(ctx)
    spans = shard_spans(ctx.settings.spam, body.words, k, stops)
    if not spans:
        return []
    return removals(ctx, body, [(s, e) for s, e, _ in spans], injected_fragments)
