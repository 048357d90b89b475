"""Croissant 1.1 metadata (croissant.json) for a published version. (Placeholder: being written.)"""

from __future__ import annotations


def describe(name: str, version: str, manifest: dict, settings) -> dict:
    return {"name": name, "version": version}
