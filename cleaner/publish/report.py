"""`cleaner report OUT/NAME/X.Y.Z`: one self-contained HTML page reviewing a published version.

What was kept and removed (per category, rule and source folder), charts of article lengths,
languages and dates, every article with each removed span highlighted by category and
labelled with its rule id, and every rejected input with its reason. Styles, charts and the
small filter script are inline: the page fetches nothing when viewed."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from html import escape
from pathlib import Path

import pyarrow.parquet as pq

from cleaner.publish import report_svg

MAX_ARTICLES = 1000  # articles written out in full by default (the charts count them all)
OPEN_ARTICLES = 10  # of those, shown unfolded
CATEGORIES = ("boilerplate", "spam", "metadata", "duplicate", "image", "repair")

STYLE = """
body{font:14px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:0 16px;color:#222}
h1{margin:16px 0 4px}h2{border-bottom:1px solid #ccc;padding-bottom:2px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:2px 8px;text-align:left;
vertical-align:top}td.n{text-align:right}.charts{display:flex;flex-wrap:wrap;gap:12px}
figure.chart{margin:0;border:1px solid #eee;padding:6px;flex:0 0 auto}figcaption{font-weight:600}
svg .lbl,svg .val{font-size:11px;fill:#333}.none{color:#888}
.article{border:1px solid #ddd;margin:8px 0;padding:4px 8px}.article summary{cursor:pointer;font-weight:600}
.body{display:flex;gap:16px}.text{flex:3;white-space:pre-wrap;word-break:break-all}.meta{flex:1;font-size:12px}
.meta dt{font-weight:600;color:#555}.meta dd{margin:0 0 4px 0}
.line{display:block}.rm{border-radius:2px;padding:0 1px}.rm .rule{font-size:10px;color:#333;background:#fff;
border:1px solid #bbb;border-radius:2px;margin-left:3px;padding:0 2px;white-space:nowrap}
.boilerplate{background:#fbe7a1}.spam{background:#f5b5b3}.metadata{background:#c4dbf7}.duplicate{background:#dcc6ea}
.image{background:#c9ead0}.repair{background:#e2e2e2}
.legend span{margin-right:10px;padding:0 4px}#filter{width:320px;padding:4px}
"""
SCRIPT = """
(function(){var box=document.getElementById('filter'),spam=document.getElementById('only-spam');
function apply(){var q=box.value.trim().toLowerCase(),s=spam.checked,shown=0;
document.querySelectorAll('.article').forEach(function(a){var ok=(!q||a.dataset.search.indexOf(q)>=0||
a.textContent.toLowerCase().indexOf(q)>=0)&&
(!s||a.dataset.spam==='1');a.style.display=ok?'':'none';if(ok)shown++;});
document.getElementById('shown').textContent=shown;}
box.addEventListener('input',apply);spam.addEventListener('change',apply);apply();})();
"""


def read_config(version_dir: Path, config: str, columns: list[str] | None = None) -> list[dict]:
    """A config's rows from every split's Parquet files, in file order."""
    rows: list[dict] = []
    for path in sorted((version_dir / "data" / config).glob("*.parquet")):
        table = pq.read_table(path, columns=columns)
        rows.extend(table.to_pylist())
    return rows


def inline_rules() -> frozenset[str]:
    """Ids of the rules that cut spans inside kept lines (the others take whole lines)."""
    from cleaner.clean.rules.registry import all_rules

    return frozenset(r.id for r in all_rules() if r.kind == "span")


def render(version_dir: str | Path, max_articles: int = MAX_ARTICLES) -> str:
    """The report's HTML for a version directory."""
    root = Path(version_dir)
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    articles = read_config(root, "articles")
    segments = defaultdict(list)
    for s in read_config(root, "segments", ["id", "kind", "text", "start"]):
        segments[s["id"]].append(s)
    removals = defaultdict(list)
    for r in read_config(root, "removals", ["id", "start", "end", "text", "category", "rule"]):
        removals[r["id"]].append(r)
    rejected = read_config(root, "rejected")
    name = f"{root.parent.name} {root.name}"
    inline = inline_rules()
    shown = articles[:max_articles]
    parts = [f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(name)}: cleaning report'
             f'</title><style>{STYLE}</style></head><body>',
             f"<h1>{escape(name)}</h1>",
             _summary(manifest, articles, rejected, removals),
             _charts(articles, removals),
             _sources(articles, rejected, removals),
             '<h2 id="articles">Articles</h2><p class="legend">Removed spans, by category: '
             + "".join(f'<span class="{c}">{c}</span>' for c in CATEGORIES)
             + " — each labelled with the id of the rule that removed it.</p>"
             f'<p><input id="filter" type="search" placeholder="filter by title, file or text" aria-label="filter"> '
             f'<label><input id="only-spam" type="checkbox"> only articles with spam</label> '
             f'<span id="shown">{len(shown)}</span> of {len(articles)} shown'
             + (f" (the first {max_articles} are listed)" if len(articles) > max_articles else "") + "</p>"]
    for i, a in enumerate(shown):
        parts.append(_article(a, segments.get(a["id"], []), removals.get(a["id"], []), inline, i < OPEN_ARTICLES))
    parts.append(_rejected(rejected))
    parts.append(f"<script>{SCRIPT}</script></body></html>\n")
    return "".join(parts)


def _summary(manifest: dict, articles: list[dict], rejected: list[dict], removals: dict) -> str:
    removed = Counter()
    for spans in removals.values():
        for r in spans:
            removed[r["category"]] += r["end"] - r["start"]
    kept_chars = sum(a["n_chars"] for a in articles)
    rows = [("articles kept", len(articles)), ("inputs rejected", len(rejected)),
            ("characters kept in article text", kept_chars)]
    rows += [(f"characters removed as {c}", n) for c, n in sorted(removed.items())]
    tool = manifest.get("tool", {})
    rows += [("tool", f"{tool.get('name', 'cleaner')} {tool.get('version', '')}"),
             ("content fingerprint", manifest.get("content_fingerprint", "")[:16])]
    return ('<h2 id="summary">Summary</h2><table>'
            + "".join(f"<tr><th>{escape(str(k))}</th><td class=n>{escape(str(v))}</td></tr>" for k, v in rows)
            + "</table>")


def _charts(articles: list[dict], removals: dict) -> str:
    by_category, by_rule = Counter(), Counter()
    for spans in removals.values():
        for r in spans:
            by_category[r["category"]] += r["end"] - r["start"]
            by_rule[(r["rule"], r["category"])] += r["end"] - r["start"]
    months = Counter((a.get("published_at") or "")[:7] for a in articles if a.get("published_at"))
    languages = Counter(a.get("language") or "und" for a in articles)
    rules = sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))[:40]
    return ('<h2 id="charts">What was removed and kept</h2><div class="charts">'
            + report_svg.bars("Characters removed, by category",
                              [(c, n, c) for c, n in sorted(by_category.items(), key=lambda kv: -kv[1])])
            + report_svg.bars("Characters removed, by rule (top 40)", [(r, n, c) for (r, c), n in rules])
            + report_svg.columns("Article length (characters)", report_svg.histogram([a["n_chars"] for a in articles]))
            + report_svg.bars("Articles per language", [(k, n, None) for k, n in languages.most_common()])
            + report_svg.columns("Articles per month published", sorted(months.items()))
            + "</div>")


def source_folder(row: dict) -> str:
    """Where a row's input came from: its web domain, or its first folder (summaries.group_of)."""
    from cleaner.publish.summaries import group_of

    return group_of(row["source_file"], row.get("url"))


def _sources(articles: list[dict], rejected: list[dict], removals: dict) -> str:
    kept, dropped = Counter(source_folder(a) for a in articles), Counter()
    removed: dict[str, Counter] = defaultdict(Counter)
    for a in articles:
        for r in removals.get(a["id"], []):
            removed[source_folder(a)][r["category"]] += r["end"] - r["start"]
    reasons: dict[str, Counter] = defaultdict(Counter)
    for r in rejected:
        folder = source_folder(r)
        dropped[folder] += 1
        reasons[folder][r["reason"]] += 1
    folders = sorted(set(kept) | set(dropped), key=lambda f: (-(kept[f] + dropped[f]), f))
    rows = "".join(f"<tr><td>{escape(f)}</td><td class=n>{kept[f]}</td><td class=n>{dropped[f]}</td>"
                   f"<td>{escape(', '.join(f'{k} {n}' for k, n in sorted(reasons[f].items())))}</td>"
                   f"<td>{escape(', '.join(f'{k} {n}' for k, n in sorted(removed[f].items())))}</td></tr>"
                   for f in folders[:200])
    more = f"<p>{len(folders) - 200} more folders not listed.</p>" if len(folders) > 200 else ""
    return ('<h2 id="sources">Sources</h2><table><tr><th>source folder or domain</th><th>articles</th><th>rejected</th>'
            f"<th>reasons</th><th>characters removed</th></tr>{rows}</table>{more}")


def pieces(segs: list[dict], spans: list[dict], inline: frozenset[str]) -> list[tuple[str, list]]:
    """The article's page in reading order: ('keep', [text or span...]) for a kept line with
    the spans cut inside it, ('cut', [span]) for a removed line. The title is a removed line
    (category metadata) and its segment is not repeated."""
    lines = [(s["start"], "keep", s) for s in segs if s["kind"] != "title"]
    lines += [(r["start"], "cut", r) for r in spans if r["rule"] not in inline]
    lines.sort(key=lambda x: (x[0], x[1] == "keep"))
    starts = [s for s, kind, _ in lines if kind == "keep"]
    inner: dict[int, list[dict]] = defaultdict(list)
    loose = []
    for r in sorted((r for r in spans if r["rule"] in inline), key=lambda r: r["start"]):
        owner = max((s for s in starts if s <= r["start"]), default=None)
        (inner[owner].append(r) if owner is not None else loose.append(r))
    out = []
    for start, kind, item in lines:
        out.append(("cut", [item]) if kind == "cut" else ("keep", _interleave(item, inner.pop(start, []))))
    out += [("cut", [r]) for r in loose]
    return out


def _interleave(seg: dict, spans: list[dict]) -> list:
    """A kept line's clean text with its cut spans put back where they stood."""
    text, out, kept_at, orig_at = seg["text"], [], 0, seg["start"]
    for r in spans:
        take = max(0, min(len(text) - kept_at, r["start"] - orig_at))
        if take:
            out.append(text[kept_at:kept_at + take])
        kept_at += take
        out.append(r)
        orig_at = r["end"]
    if kept_at < len(text):
        out.append(text[kept_at:])
    return out


def _span(r: dict) -> str:
    return (f'<mark class="rm {escape(r["category"])}">{escape(r["text"])}'
            f'<span class="rule">{escape(r["rule"])}</span></mark>')


def _article(a: dict, segs: list[dict], spans: list[dict], inline: frozenset[str], unfold: bool) -> str:
    body = []
    for kind, items in pieces(segs, spans, inline):
        inner = "".join(_span(x) if isinstance(x, dict) else escape(x) for x in items)
        body.append(f'<span class="line{" cut" if kind == "cut" else ""}">{inner}</span>')
    meta = [("file", a["source_file"] + (f"#{a['record_id']}" if a.get("record_id") else "")),
            ("id", a["id"]), ("published", a.get("published_at")), ("source", a.get("source_name")),
            ("authors", ", ".join(a.get("authors") or [])), ("editors", ", ".join(a.get("editors") or [])),
            ("language", a.get("language")), ("script", a.get("script")), ("characters", a["n_chars"]),
            ("words", a.get("n_tokens")), ("removed characters", a.get("removed_chars")),
            ("boilerplate share", a.get("boilerplate_share")), ("spam share", a.get("spam_share")),
            ("url", a.get("url"))]
    dl = "".join(f"<dt>{k}</dt><dd>{escape(str(v))}</dd>" for k, v in meta if v not in (None, ""))
    title = a.get("title") or "(no title)"
    search = " ".join([title, a["source_file"]]).lower()  # the script also searches the shown text
    has_spam = any(r["category"] == "spam" for r in spans)
    return (f'<div class="article" id="a-{escape(a["id"])}" data-spam="{int(has_spam)}" '
            f'data-removals="{len(spans)}" data-search="{escape(search)}"><details{" open" if unfold else ""}>'
            f'<summary>{escape(title)} <small>({escape(a["source_file"])}, {len(spans)} removals)</small></summary>'
            f'<div class="body"><div class="text">{"".join(body)}</div><dl class="meta">{dl}</dl></div>'
            "</details></div>")


def _rejected(rejected: list[dict]) -> str:
    rows = "".join(f"<tr><td>{escape(r['source_file'])}{escape('#' + r['record_id']) if r.get('record_id') else ''}"
                   f"</td><td>{escape(r['reason'])}</td><td>{escape(r.get('detail') or '')}</td>"
                   f"<td>{escape(r.get('duplicate_of') or '')}</td></tr>" for r in rejected)
    return (f'<h2 id="rejected">Rejected inputs ({len(rejected)})</h2><table class="rejected"><tr><th>input</th>'
            f"<th>reason</th><th>detail</th><th>duplicate of</th></tr>{rows}</table>")


def write_report(version_dir: str | Path, output: str | Path | None = None, max_articles: int = MAX_ARTICLES) -> Path:
    """Write the report (default: VERSION_DIR/report.html... beside the version, never inside
    it, since a published version is immutable) and return its path."""
    root = Path(version_dir)
    target = Path(output) if output else root.parent / f"{root.name}.report.html"
    tmp = target.with_name(target.name + ".part")
    tmp.write_text(render(root, max_articles), encoding="utf-8")
    tmp.replace(target)
    return target
