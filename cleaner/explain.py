"""`cleaner explain`: one document, each line with its label and rule, removed text marked."""

from __future__ import annotations

from pathlib import Path

import click

from .document import Label, Rejection
from .pipeline import clean
from .read import decode_source
from .settings import Settings
from .terminal import safe

COLOURS = {"boilerplate": "yellow", "metadata": "cyan", "spam": "red", "duplicate": "magenta", "title": "green",
           "image": "blue", "repair": "blue"}


def explain_file(path: str, settings: Settings | None = None) -> str:
    settings = settings or Settings()
    source = decode_source(Path(path).read_bytes(), Path(path).name)
    if isinstance(source, Rejection):
        return safe(f"{path}: rejected ({source.reason}): {source.detail}")
    result = clean(source, settings)
    if isinstance(result, Rejection):
        header = f"{path}: rejected ({result.reason}): {result.detail}"
        if result.source is None:
            return safe(header)
        from .blocks import split_blocks
        from .label import label_blocks

        from .rules.repairs import read_view

        blocks = split_blocks(source.text)
        pairs = list(zip(blocks, label_blocks(read_view(source.text, blocks), settings, source.markup)))
        spans = []
    else:
        header = (f"{path}: article, language {result.language}, encoding {source.encoding}; "
                  f"title {result.metadata.title!r}, published_at {result.metadata.published_at}, "
                  f"source {result.metadata.source_name}, authors {', '.join(result.metadata.authors) or '-'}")
        whole = {(r.start, r.end): r for r in result.removals if r.category == "duplicate"}
        # A kept line the build drops as a repeat shows as the build has it.
        pairs = [(b, Label(whole[b.start, b.end].category, whole[b.start, b.end].rule)
                  if lab.kind == "body" and (b.start, b.end) in whole else lab) for b, lab in result.labels]
        spans = [r for r in result.removals if r.category in ("spam", "metadata", "duplicate", "repair")]
    lines = [safe(header), ""]
    for block, label in pairs:
        tag = label.kind if label.kind != "body" else "keep"
        colour = COLOURS.get(label.kind)
        inner = [r for r in spans if block.start <= r.start and r.end <= block.end and
                 not (r.start == block.start and r.end == block.end)]
        text = _mark(block, inner) if inner else (click.style(safe(block.text), fg=colour) if colour else safe(block.text))
        lines.append(f"{click.style(f'{tag:<11}', bold=True)} {label.rule:<34} {text}")
    lines += ["", "legend: keep = article text; [[...]] = span removed inside a kept line (rule in braces)"]
    return "\n".join(lines)


def _mark(block, spans) -> str:
    out, pos = [], block.start
    for r in sorted(spans, key=lambda r: r.start):
        out.append(safe(block.text[pos - block.start:r.start - block.start]))
        out.append(click.style(f"[[{safe(r.text)}]]{{{r.rule}}}", fg=COLOURS.get(r.category, "red")))
        pos = r.end
    out.append(safe(block.text[pos - block.start:]))
    return "".join(out)
