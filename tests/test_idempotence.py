"""Issue 6: coding is idempotent, and an appended duplicate article adds mentions, not events."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder import code_corpus, load_codebook
from eventcoder.codebook import Codebook

MINI = Path(__file__).parent / "data" / "mini_codebook"
SENTENCES = [
    "France condemned Russia on Monday.",
    "Iranian militias attacked Israeli troops in Erbil, killing at least eight soldiers.",
    "Israel was attacked by Iranian militias near Baghdad.",
    "France and Germany urged Iran.",
    "The weather was fine.",
    "Iraqi police arrested opposition members in Tripoli.",
]
articles = st.lists(
    st.tuples(st.lists(st.integers(0, len(SENTENCES) - 1), min_size=1, max_size=3), st.integers(1, 3)),
    min_size=1,
    max_size=5,
)


@pytest.fixture(scope="module")
def book() -> Codebook:
    return load_codebook(MINI)


def records(spec: list[tuple[list[int], int]], prefix: str = "a") -> list[dict[str, str]]:
    return [
        {
            "id": f"{prefix}{i}",
            "text": " ".join(SENTENCES[k] for k in picks),
            "published": f"2024-11-{day:02d}",
            "source": f"outlet{i % 2}",
        }
        for i, (picks, day) in enumerate(spec)
    ]


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def events(out: Path) -> pl.DataFrame:
    return pl.read_parquet(out / "events" / "*.parquet").sort("event_id")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=articles, duplicate=st.integers(0, 4))
def test_rerun_and_duplicate_article_keep_event_counts(book: Codebook, spec: list, duplicate: int) -> None:
    rows = records(spec)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source = write(root / "in.jsonl", rows)
        code_corpus([source], root / "one", book)
        code_corpus([source], root / "two", book)
        first = events(root / "one")
        assert first.equals(events(root / "two"))  # coding twice gives the same events

        result = code_corpus([source], root / "one", book, append=True)  # every id is known
        assert (result.articles, result.skipped) == (0, len(rows))
        assert events(root / "one").equals(first)

        copy = dict(rows[duplicate % len(rows)], id="copy", source="another outlet")
        code_corpus([write(root / "dup.jsonl", [copy])], root / "one", book, append=True)
        after = events(root / "one")
        assert after["event_id"].to_list() == first["event_id"].to_list()  # no event added or lost
        mentions = pl.read_parquet(root / "one" / "mentions" / "*.parquet")
        hit = set(mentions.filter(pl.col("article_id") == "copy")["event_id"])
        added = after["num_mentions"] - first["num_mentions"]
        assert added.sum() == mentions.filter(pl.col("article_id") == "copy").height
        grown = (after["num_articles"] - first["num_articles"]).to_list()
        assert grown == [int(e in hit) for e in after["event_id"]]
        assert (after["fatalities"].fill_null(-1) == first["fatalities"].fill_null(-1)).all()
