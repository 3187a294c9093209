"""Test-wide settings: caches go to a temporary directory, not the user's.

Hypothesis runs derandomized, so a test run (and CI) never depends on a lucky
draw; set EVENTCODER_HYPOTHESIS_RANDOM=1 to explore with fresh random examples.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

settings.register_profile("fixed", derandomize=True, print_blob=True)
settings.register_profile("random", print_blob=True)
settings.load_profile("random" if os.environ.get("EVENTCODER_HYPOTHESIS_RANDOM") else "fixed")


@pytest.fixture(autouse=True, scope="session")
def _codebook_cache(tmp_path_factory: pytest.TempPathFactory):
    patch = pytest.MonkeyPatch()
    patch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path_factory.mktemp("codebook-cache")))
    yield
    patch.undo()
