"""Cleaning rules: small pure functions, each with an id `module.function`.

Two shapes:
- block rules `f(block: Block, ctx: BlockContext) -> Label | None` label a whole line;
- span rules `f(doc: SpanContext) -> list[Removal]` take spans out of kept lines.
"""
