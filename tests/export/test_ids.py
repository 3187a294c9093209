"""Integer ids of the views fit in 53 bits, so R, Stata and JavaScript read them exactly (issue 11, item 6)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.codebook.acled import AcledMapping
from eventcoder.events import aggregate_events
from eventcoder.export.ids import MAX_ID, numeric_id, numeric_id_expr
from eventcoder.export.schema import EVENTS
from eventcoder.export.views import build_view, load_acled_mapping
from eventcoder.rows import stable_id

ACLED_YAML = Path(__file__).resolve().parents[2] / "codebooks" / "default" / "acled.yaml"
_EVENT_TYPES = pl.from_arrow(EVENTS.empty_table()).schema  # type: ignore[union-attr]
ID_VIEWS = [("gdelt", "GlobalEventID"), ("icews", "Event ID")]


@pytest.fixture(scope="module")
def mapping() -> AcledMapping:
    return load_acled_mapping(ACLED_YAML)


@pytest.mark.parametrize(
    ("text_id", "expected"),
    [
        ("ffffffffffffffff", MAX_ID),  # was 2**60 - 1 (the first 15 hex digits): read as a double it changed
        ("164248a5e4d3f0cd", 0x164248A5E4D3F0CD & MAX_ID),
        ("00000000000000a1", 0xA1),
        ("not-hex", None),
        ("", None),
    ],
)
def test_numeric_id(text_id: str, expected: int | None) -> None:
    assert numeric_id(text_id) == expected
    assert pl.DataFrame({"event_id": [text_id]}).select(numeric_id_expr()).item() == expected


@pytest.mark.parametrize(("view", "column"), ID_VIEWS)
def test_view_ids_are_exact_as_doubles(view: str, column: str, mapping: AcledMapping) -> None:
    values = {"event_id": "ffffffffffffffff", "event_date": date(2024, 11, 20), "event_code": "190"}
    events = pl.DataFrame([{name: values.get(name) for name in EVENTS.names}], schema=_EVENT_TYPES)
    mentions = pl.DataFrame({"event_id": ["ffffffffffffffff"], "article_id": ["a1"], "sentence_index": [0]})
    value = build_view(view, events, mentions, pl.DataFrame(), pl.DataFrame(), mapping).item(0, column)
    assert value < 2**53 and int(float(value)) == value


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.text(), st.integers(), st.text()), min_size=1, max_size=30, unique=True))
def test_ids_fit_53_bits_for_any_input(parts: list[tuple[str, int, str]]) -> None:
    ids = [stable_id(*p) for p in parts]
    numbers = pl.DataFrame({"event_id": ids}).select(numeric_id_expr()).to_series().to_list()
    assert all(n is not None and 0 <= n < 2**53 for n in numbers)
    assert numbers == [numeric_id(i) for i in ids]  # the expression and the function agree
    assert numbers == pl.DataFrame({"event_id": ids}).select(numeric_id_expr()).to_series().to_list()  # stable


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["USA", "IRQ", None]), st.sampled_from(["190", "042"]),
                          st.dates(date(1990, 1, 1), date(2030, 1, 1))), min_size=1, max_size=10))
def test_view_ids_of_aggregated_events_fit_53_bits(rows: list[tuple[str | None, str, date]]) -> None:
    mentions = pl.DataFrame(
        {
            "mention_id": [f"m{i}" for i in range(len(rows))],
            "source_code": [r[0] for r in rows],
            "event_code": [r[1] for r in rows],
            "event_date": [r[2] for r in rows],
        }
    )
    events = aggregate_events(mentions)
    numbers = events.select(numeric_id_expr()).to_series()
    assert numbers.null_count() == 0 and numbers.max() < 2**53  # type: ignore[operator]
    assert numbers.n_unique() == events.height
