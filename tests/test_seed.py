"""Acceptance: the seed article in ../shared/seed codes into the expected events.

Two checks: the events the issue names (with the latitude it allows), and a
golden file of every event the default codebook produces, so any change in
coding shows up in review. Regenerate the golden file after a deliberate
change with ``EVENTCODER_UPDATE_GOLDEN=1 pytest tests/test_seed.py`` (which then
fails, so it never passes against what it just wrote), review the diff and rerun.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from eventcoder import code_corpus, load_codebook

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_6a4cc7c6ea953eb3.txt"
GOLDEN = Path(__file__).parent / "data" / "golden" / "seed_events.tsv"
pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="../shared is absent: the seed article lives there")

# (words of the sentence, source code prefix, target code prefix, allowed roots, date, both directions ok)
REQUIRED = [
    ("US Calls on Iraq", "USA", "IRQ", {"02", "10"}, None, False),
    ("pressed the Baghdad government", "USA", "IRQGOV", {"10"}, None, False),
    ("had pressed Baghdad", "USA", "IRQGOV", {"10"}, None, False),
    ("paid a rare visit to Baghdad", "IRQ", "IRQGOV", {"04"}, None, False),
    ("in a meeting with the U.S. ambassador", "IRQ", "USA", {"04"}, None, True),
    ("Iraqi militias that are attacking Israel", "IRQ", "ISR", {"18", "19"}, None, False),
    ("met with the Kurdish leadership", "IRQGOV", "IRQ", {"04"}, None, True),
    ("phone call on November 5", "USA", "IRQ", {"04"}, date(2024, 11, 5), True),
    ("has warned the Iraqi government", "USA", "IRQGOV", {"13"}, None, False),
    ("complaining about the strikes", "ISR", "IRQ", {"11"}, date(2024, 11, 18), False),
    ("denouncing the Israeli complaint", "IRQ", "ISR", {"11"}, date(2024, 11, 19), False),
]


@pytest.fixture(scope="module")
def mentions(tmp_path_factory) -> pl.DataFrame:
    out = tmp_path_factory.mktemp("seed") / "out"
    code_corpus([SEED], out, load_codebook())
    return pl.read_parquet(out / "mentions" / "*.parquet")


def _matches(row: dict, source: str, target: str, roots: set[str], day: date | None) -> bool:
    return (
        row["source_code"].startswith(source)
        and row["target_code"].startswith(target)
        and row["event_root_code"] in roots
        and (day is None or row["event_date"] == day)
    )


@pytest.mark.parametrize(
    ("words", "source", "target", "roots", "day", "either"), REQUIRED, ids=[r[0] for r in REQUIRED]
)
def test_required_event(mentions, words, source, target, roots, day, either):
    rows = [r for r in mentions.iter_rows(named=True) if words in r["sentence_text"]]
    found = any(
        _matches(r, source, target, roots, day) or either and _matches(r, target, source, roots, day) for r in rows
    )
    coded = [(r["source_code"], r["target_code"], r["event_code"], str(r["event_date"])) for r in rows]
    assert found, f"no {source}->{target} {sorted(roots)} in {words!r}; coded there: {coded}"


def test_no_event_from_photo_captions(mentions):
    assert not any("Photo" in s or "Miller. (" in s for s in mentions["sentence_text"])


def test_sudani_is_one_actor_whatever_the_apostrophe(mentions):
    sudani = mentions.filter(
        pl.col("source_name").str.contains("Sudani") | pl.col("target_name").str.contains("Sudani")
    )
    ids = set(sudani.filter(pl.col("source_name").str.contains("Sudani"))["source_actor_id"]) | set(
        sudani.filter(pl.col("target_name").str.contains("Sudani"))["target_actor_id"]
    )
    assert len(ids) == 1


def _golden_rows(mentions: pl.DataFrame) -> list[str]:
    """Every column of every mention, as text ("-": empty), in a stable order."""
    rows = mentions.sort("sentence_index", "char_start", "source_code", "target_code", "event_code", "pattern_id")
    header = "\t".join(mentions.columns)
    return [header, *("\t".join("-" if v is None else str(v) for v in row) for row in rows.iter_rows())]


def test_golden_events(mentions):
    found = _golden_rows(mentions)
    if os.environ.get("EVENTCODER_UPDATE_GOLDEN"):
        GOLDEN.write_text("\n".join(found) + "\n", encoding="utf-8")
        pytest.fail(f"rewrote {GOLDEN.name}: review its diff, then rerun without EVENTCODER_UPDATE_GOLDEN")
    assert found == GOLDEN.read_text(encoding="utf-8").splitlines()
