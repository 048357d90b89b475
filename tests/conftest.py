"""Shared fixtures: a real build of the bundled seeds, made once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds_version(tmp_path_factory) -> Path:
    """OUT/seeds/0.0.1 built from the bundled seeds with default settings, one process."""
    from cleaner.run.build import build
    from cleaner.settings import Settings

    out = tmp_path_factory.mktemp("out")
    build([str(SEEDS)], str(out), "seeds", "0.0.1", Settings(), workers=1)
    return out / "seeds" / "0.0.1"
