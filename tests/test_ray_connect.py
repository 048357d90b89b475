"""Connecting to Ray: a build with no address starts a local Ray, stops it at the end, and leaves
this process's environment as it found it. ray.init() turns token authentication on for a new
local Ray (RAY_AUTH_MODE=token in os.environ, inherited by every child); left behind, a later
build joining a cluster whose workers authenticate otherwise (a subprocess of the same test
session, a second build in one Python process) refuses its workers' results and waits for ever."""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import SEEDS
from helpers import parquet_files

from cleaner.run.build import build
from cleaner.settings import Settings

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")


@pytest.mark.parametrize("mode", [None, "token"])
def test_a_local_ray_build_leaves_the_environment_as_it_found_it(mode, tmp_path, monkeypatch):
    assert not ray.is_initialized()
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    if mode is None:
        monkeypatch.delenv("RAY_AUTH_MODE", raising=False)
    else:
        monkeypatch.setenv("RAY_AUTH_MODE", mode)
    before = dict(os.environ)
    corpus = tmp_path / "in"
    shutil.copytree(SEEDS, corpus)
    build([str(corpus)], str(tmp_path / "ray"), "s", "1.0.0", Settings(), workers=1, engine="ray")
    assert not ray.is_initialized()  # the Ray it started is stopped
    assert dict(os.environ) == before
    build([str(corpus)], str(tmp_path / "one"), "s", "1.0.0", Settings(), workers=1)
    assert parquet_files(tmp_path / "ray" / "s" / "1.0.0") == parquet_files(tmp_path / "one" / "s" / "1.0.0")
