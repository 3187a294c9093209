"""Test-wide settings: compiled codebooks are cached in a temporary directory, not the user's."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _codebook_cache(tmp_path_factory: pytest.TempPathFactory):
    patch = pytest.MonkeyPatch()
    patch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path_factory.mktemp("codebook-cache")))
    yield
    patch.undo()
