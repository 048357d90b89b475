"""Furniture lines found by a marker list alone (share widgets, comment boxes, tag lines,
prev/next links, related-list headings, disclaimers, copyright footers): one generic rule,
declared once per row of cleaner/data/marker_rules.toml with that row's fixed id."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources

from cleaner.clean.rules import markers
from cleaner.clean.rules.base import Block, BlockContext, BlockRule, Label, rule


@dataclass(frozen=True)
class MarkerSpec:
    """One row of marker_rules.toml."""

    id: str
    markers: str  # the marker list: cleaner/data/markers/<markers>.txt
    max_chars: int  # longer lines are prose, whatever they mention
    detail: str  # the label's detail: widget, comments, footer ...
    description: str
    unless: str = ""  # characters that mark prose (a full stop): a line holding one is kept


def load_specs() -> tuple[MarkerSpec, ...]:
    text = resources.files("cleaner.data").joinpath("marker_rules.toml").read_text(encoding="utf-8")
    return tuple(MarkerSpec(**row) for row in tomllib.loads(text)["rule"])


def marker_rule(spec: MarkerSpec) -> BlockRule:
    """The block rule a row describes, declared under its id."""

    def marker_line(block: Block, ctx: BlockContext) -> Label | None:
        text = block.text
        if len(text) > spec.max_chars or any(ch in text for ch in spec.unless):
            return None
        if markers.pattern(spec.markers).search(text):
            return Label("boilerplate", spec.id, spec.detail)
        return None

    marker_line.__doc__ = spec.description
    marker_line.__qualname__ = f"marker_line[{spec.id}]"
    return rule(spec.id, "block", "boilerplate")(marker_line)


RULES: dict[str, BlockRule] = {spec.id: marker_rule(spec) for spec in load_specs()}
