"""Articles and rejections as rows of the four configs."""

from __future__ import annotations

from .document import Article, Rejection


def article_rows(a: Article) -> dict[str, list[dict]]:
    src, meta = a.source, a.metadata
    text = a.text
    body = [s for s in a.segments]
    article = {
        "id": a.id,
        "source_file": src.path,
        "source_sha256": src.sha256,
        "title": meta.title,
        "text": text,
        "published_at": meta.published_at,
        "source_name": meta.source_name,
        "authors": list(meta.authors),
        "editors": list(meta.editors),
        "summary": meta.summary,
        "language": a.language,
        "n_chars": len(text),
        "n_sentences": sum(len(s.sentences) for s in body if s.kind != "title"),
        "removed_chars": sum(r.end - r.start for r in a.removals),
        "url": src.url,
        "record_id": src.record_id,
        "source_bytes": src.n_bytes,
        "encoding": src.encoding,
        "repairs": list(src.repairs),
    }
    segments = [
        {"id": a.id, "source_file": src.path, "index": i, "kind": s.kind, "text": s.text,
         "sentences": list(s.sentences), "start": s.start}
        for i, s in enumerate(body)
    ]
    removals = [
        {"id": a.id, "source_file": src.path, "start": r.start, "end": r.end, "text": r.text,
         "category": r.category, "rule": r.rule}
        for r in a.removals
    ]
    return {"articles": [article], "segments": segments, "removals": removals, "rejected": []}


def rejection_rows(r: Rejection, duplicate_of: str | None = None) -> dict[str, list[dict]]:
    row = {"id": r.id, "source_file": r.source_file, "source_sha256": r.source_sha256,
           "reason": r.reason, "detail": r.detail, "duplicate_of": duplicate_of}
    return {"articles": [], "segments": [], "removals": [], "rejected": [row]}
