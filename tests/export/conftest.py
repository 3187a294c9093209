"""Fixtures of the export tests: a small dataset coded with the default codebook."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventcoder import code_corpus, load_codebook

RECORDS = [
    {
        "id": "e1",
        "text": "Iraqi police arrested opposition members in Erbil on Monday. In July, Turkey signed an agreement "
        "with Egypt. Iraqi militias attacked U.S. troops in Baghdad last year.",
        "title": "Arrests in Erbil " + "and more " * 300,  # 2,717 characters: a Stata strL
        "published": "2024-11-20",
        "source": "Reuters",
        "url": "https://www.example.org/e1",
    },
    {
        "id": "e2",
        "text": "Ukrainian forces shelled Russian positions in the Kharkiv region on Tuesday. "
        "The United Nations condemned Russia.",
        "published": "2024-11-21",
        "source": "AP",
    },
]


@pytest.fixture(scope="session")
def coded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset of two articles: exact days, a month and a year, places with admin1 codes, a title over 2,045 bytes."""
    root = tmp_path_factory.mktemp("export-dataset")
    source = root / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    out = root / "out"
    code_corpus([source], out, load_codebook())
    return out
