"""Fixtures of the scoring tests: the gold file and dataset of :mod:`scoring_data`."""

from __future__ import annotations

from pathlib import Path

import pytest
from scoring_data import ACTORS, GOLD, MENTIONS, write_dataset, write_gold


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    return write_gold(tmp_path / "gold.jsonl", GOLD)


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "run", MENTIONS, ACTORS)
