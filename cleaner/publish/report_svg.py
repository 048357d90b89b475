"""Small inline SVG charts for `cleaner report`: horizontal bars and a column histogram.

Drawn here rather than with a plotting library: the report must hold everything it shows
(no scripts or fonts fetched at view time), and bars are all it needs."""

from __future__ import annotations

from html import escape

COLOURS = {"boilerplate": "#e0a800", "spam": "#d9534f", "metadata": "#3b7dd8", "duplicate": "#8e44ad",
           "image": "#3a9a5b", "repair": "#888888"}
DEFAULT_COLOUR = "#5a8f5a"
ROW = 18  # pixels per bar of a bar chart


def bars(title: str, items: list[tuple[str, int, str | None]], width: int = 560) -> str:
    """A horizontal bar chart of (label, value, category or None), in the order given."""
    if not items:
        return f'<figure class="chart"><figcaption>{escape(title)}</figcaption><p class="none">none</p></figure>'
    top = max(v for _, v, _ in items) or 1
    label_w, value_w = 260, 70
    bar_w = width - label_w - value_w
    height = ROW * len(items) + 4
    out = [f'<figure class="chart"><figcaption>{escape(title)}</figcaption>'
           f'<svg role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">']
    for i, (label, value, category) in enumerate(items):
        y = i * ROW + 2
        w = max(1, round(bar_w * value / top)) if value else 0
        colour = COLOURS.get(category or "", DEFAULT_COLOUR)
        out.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" class="lbl">{escape(_short(label))}</text>'
                   f'<rect x="{label_w}" y="{y + 2}" width="{w}" height="{ROW - 5}" fill="{colour}">'
                   f'<title>{escape(label)}: {value}</title></rect>'
                   f'<text x="{label_w + w + 4}" y="{y + 13}" class="val">{value}</text>')
    out.append("</svg></figure>")
    return "".join(out)


def columns(title: str, items: list[tuple[str, int]], width: int = 560, height: int = 160) -> str:
    """A column chart of (label, count) in order (a histogram's bins, or months); the first
    and last labels are written under the axis, every column's label is in its tooltip."""
    if not items:
        return f'<figure class="chart"><figcaption>{escape(title)}</figcaption><p class="none">none</p></figure>'
    top = max(v for _, v in items) or 1
    plot_h = height - 30
    col_w = max(1.0, (width - 40) / len(items))
    out = [f'<figure class="chart"><figcaption>{escape(title)}</figcaption>'
           f'<svg role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
           f'<line x1="30" y1="{plot_h}" x2="{width - 5}" y2="{plot_h}" stroke="#888"/>'
           f'<text x="26" y="12" text-anchor="end" class="val">{top}</text>']
    for i, (label, value) in enumerate(items):
        h = round((plot_h - 14) * value / top)
        x = 32 + i * col_w
        out.append(f'<rect x="{x:.1f}" y="{plot_h - h}" width="{max(1.0, col_w - 1):.1f}" height="{h}" '
                   f'fill="{DEFAULT_COLOUR}"><title>{escape(label)}: {value}</title></rect>')
    out.append(f'<text x="32" y="{plot_h + 16}" class="lbl">{escape(items[0][0])}</text>'
               f'<text x="{width - 5}" y="{plot_h + 16}" text-anchor="end" class="lbl">{escape(items[-1][0])}</text>')
    out.append("</svg></figure>")
    return "".join(out)


def histogram(values: list[int], bins: int = 20) -> list[tuple[str, int]]:
    """(range label, count) over `bins` equal-width bins from the smallest value to the largest."""
    if not values:
        return []
    lo, hi = min(values), max(values)
    step = max(1, -(-(hi - lo + 1) // bins))
    counts = [0] * (-(-(hi - lo + 1) // step))
    for v in values:
        counts[(v - lo) // step] += 1
    return [(f"{lo + i * step}-{lo + (i + 1) * step - 1}", n) for i, n in enumerate(counts)]


def _short(label: str, limit: int = 40) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"
