"""clean(Source) -> Article | Rejection: pure, no I/O; every engine calls this same function."""

from __future__ import annotations

from cleaner.clean import language, metadata, script, segment
from cleaner.clean import markup_meta as page_meta
from cleaner.clean.blocks import split_blocks
from cleaner.clean.label import label_blocks
from cleaner.clean.rules import (
    checks,
    credits,
    duplicates,
    metadata_lines,
    repairs,
    spam_inline,
    spam_known,
    spam_lines,
    spam_names,
)
from cleaner.clean.rules.base import SpanContext, rule_id
from cleaner.clean.spam import lexicon, words
from cleaner.document import Article, Block, Rejection, Removal, Segment, Source, document_id
from cleaner.publish import nlp
from cleaner.run import dedupe
from cleaner.settings import Settings

SPAN_RULES = (
    spam_inline.ad_vocabulary,
    spam_names.coined_brand,
    spam_inline.injected_fragments,
    spam_known.learned_slogan,
    metadata_lines.opening_byline,
    metadata_lines.closing_byline,
    credits.opening_credit,
    credits.closing_credit,
    repairs.pinyin_residue,
    repairs.markup_residue,
)
BYLINE_RULES = (metadata_lines.opening_byline, metadata_lines.closing_byline,  # their spans are bylines: metadata
                credits.opening_credit, credits.closing_credit)


def warm_up(settings: Settings) -> None:
    """Load now what the rules load lazily (jieba's dictionary, the spam lexicon, language
    profiles, the NFKC tables of duplicate signatures): forked workers then share one copy
    instead of each loading its own."""
    dedupe.nfkc_tables()
    words.word_model()
    spam_lines.common_words()
    lexicon.patterns(lexicon.lexicon_key(settings))
    language.load_profiles()
    script.script_codes()
    nlp.warm_up()


def reject(source: Source, check, detail: str) -> Rejection:
    """The rejection of a document by a document check (its id is the reason code)."""
    return Rejection(source, source.path, source.sha256, rule_id(check), detail,
                     document_id(source.path, source.record_id))


def cut(block: Block, spans: list[Removal]) -> str:
    """The block's text with the spans inside it taken out."""
    if not spans:
        return block.text.strip()
    pieces, pos = [], block.start
    for r in sorted(spans, key=lambda r: r.start):
        if r.start > pos:
            pieces.append(block.text[pos - block.start:r.start - block.start])
        pos = max(pos, r.end)
    pieces.append(block.text[pos - block.start:])
    return "".join(pieces).strip()


def indent_of(text: str, block: Block) -> str:
    line_start = text.rfind("\n", 0, block.start) + 1
    return text[line_start:block.start]


def repeats(source: Source, texts: list[str]) -> set[int]:
    """Blocks that repeat another (duplicates.repeated_blocks). Not for an HTML page with a main
    container: a block it shows twice there is the page's (a question asked again, code)."""
    if source.markup is not None and source.markup.main is not None:
        return set()
    return duplicates.repeated_blocks(texts)


def span_removals(ctx: SpanContext) -> tuple[list[Removal], list[str]]:
    """Spans inside kept lines (in-line spam, bylines, repairs), a span overlapping one an earlier
    rule took dropped; and the bylines among them, read without pinyin residue."""
    spans: list[Removal] = []
    bylines: list[str] = []
    for rule in SPAN_RULES:
        found = rule(ctx)
        taken = {(r.start, r.end) for r in spans}
        kept = [r for r in found if not any(s <= r.start < e or s < r.end <= e for s, e in taken)]
        spans.extend(kept)
        if rule in BYLINE_RULES:
            bylines.extend(repairs.without_pinyin(ctx.text, r.start, r.end) for r in kept)
    return spans, bylines


def clean(source: Source, settings: Settings) -> Article | Rejection:
    """Label, extract and segment one decoded document."""
    text = source.text
    blocks = split_blocks(text)
    if (rejection := first_rejection(source, (checks.empty, checks.too_long), blocks, settings)) is not None:
        return rejection
    view = repairs.read_view(text, blocks)
    labels = label_blocks(view, settings, source.markup)
    body = [b for b, label in zip(blocks, labels) if label.kind == "body"]
    removals = [Removal(b.start, b.end, b.text, label.kind, label.rule)
                for b, label in zip(blocks, labels) if label.kind not in ("body", "title")]

    spans, bylines = span_removals(SpanContext(text, tuple(body), settings))

    title_index = next((i for i, lab in enumerate(labels) if lab.kind == "title"), None)
    meta = page_meta.fill(metadata.extract(view, labels, bylines), source.markup, view, labels)
    if title_index is not None:
        b = blocks[title_index]
        removals.append(Removal(b.start, b.end, b.text, "metadata", labels[title_index].rule))

    segments = body_segments(source, body, spans, removals, settings)
    if meta.title:
        start = blocks[title_index].start if title_index is not None else 0  # 0: a title from <head>
        segments.insert(0, Segment("title", meta.title, segment.sentences(meta.title), start))
    removals.sort(key=lambda r: (r.start, r.end))

    body_text = "\n".join(s.text for s in segments if s.kind != "title")
    if (rejection := first_rejection(source, (checks.no_content, checks.too_short), body_text, settings)) is not None:
        return rejection
    lang = language.identify(body_text, settings.language_sample_chars)
    if (detail := checks.language(lang, settings)) is not None:
        return reject(source, checks.language, detail)
    return Article(source, document_id(source.path, source.record_id), meta, lang, segments, removals,
                   list(zip(blocks, labels)))


def first_rejection(source: Source, document_checks: tuple, subject, settings: Settings) -> Rejection | None:
    """The rejection by the first of these document checks that fails on `subject` (the blocks,
    or the kept text), or None when every one passes."""
    for check in document_checks:
        if (detail := check(subject, settings)) is not None:
            return reject(source, check, detail)
    return None


def spans_by_block(body: list[Block], spans: list[Removal]) -> dict[int, list[Removal]]:
    """Each span under the index of the body block it starts or ends in."""
    by_block: dict[int, list[Removal]] = {}
    for r in spans:
        owner = next(i for i, b in enumerate(body) if b.start <= r.start < b.end or b.start < r.end <= b.end)
        by_block.setdefault(owner, []).append(r)
    return by_block


def body_segments(source: Source, body: list[Block], spans: list[Removal], removals: list[Removal],
                  settings: Settings) -> list[Segment]:
    """Segments: each kept block with its spans cut out (the spans join `removals`); a block
    repeating another goes to `removals` whole as a duplicate."""
    by_block = spans_by_block(body, spans)
    texts = [cut(b, by_block.get(i, [])) for i, b in enumerate(body)]
    dupes = repeats(source, texts)
    indents = [indent_of(source.text, b) for b in body]
    body_indent = max(set(indents), key=indents.count) if indents else None
    segments: list[Segment] = []
    for i, (block, clean_text) in enumerate(zip(body, texts)):
        if i in dupes:
            removals.append(Removal(block.start, block.end, block.text, "duplicate", rule_id(duplicates.repeated_blocks)))
            continue
        removals.extend(by_block.get(i, []))
        if not clean_text:
            continue
        kind = segment.block_kind(clean_text, indents[i], body_indent, settings)
        segments.append(Segment(kind, clean_text, segment.sentences(clean_text), block.start))
    return segments
