"""Tests for aggregating mentions into events."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import polars as pl
import pytest
from hypothesis import given, settings
from polars.testing import assert_frame_equal

from eventcoder.events import EVENT_MODES, aggregate_events, assign_event_ids
from eventcoder.export.schema import EVENTS, MENTIONS
from eventcoder.export.writer import DatasetWriter

D1, D2 = date(2024, 3, 1), date(2024, 3, 2)
TEHRAN = ("Tehran", "IRN", 35.7, 51.4)
ISFAHAN = ("Isfahan", "IRN", 32.6, 51.7)
NOWHERE = (None, None, None, None)

COLUMNS = (
    "mention_id", "article_id", "outlet", "event_date", "source_code", "target_code",
    "event_code", "sentence_index", "source_name", "location", "fatalities",
)  # fmt: skip
ROWS = [
    ("m01", "a1", "bbc", D1, "USA", "IRN", "0231", 0, "Washington", NOWHERE, None),
    ("m02", "a1", "bbc", D1, "USA", "IRN", "0231", 2, "United States", TEHRAN, None),
    ("m03", "a2", "afp", D1, "USA", "IRN", "0231", 0, "Washington", ISFAHAN, None),
    ("m04", "a2", "afp", D1, "USA", "IRN", "190", 1, "Washington", NOWHERE, 3),
    ("m05", "a3", None, D1, "USA", "IRN", "190", 0, None, NOWHERE, 7),
    ("m06", "a3", None, D2, "USA", "IRN", "190", 1, None, NOWHERE, None),
    ("m07", "a4", "bbc", D1, "IRN", "USA", "0231", 0, "Iran", NOWHERE, None),
]
LOCATION_FIELDS = ("location_name", "country_code", "latitude", "longitude")
CODE_INFO = {"0231": ("02", 1, 3.4), "190": ("19", 4, -10.0)}


def mentions_frame(rows: list[tuple[Any, ...]] = ROWS) -> pl.DataFrame:
    """Rows of the mentions schema from the short tuples above."""
    records = []
    for row in rows:
        values = dict(zip(COLUMNS, row, strict=True))
        location = values.pop("location")
        root, quad, goldstein = CODE_INFO[values["event_code"]]
        records.append(
            {
                **values,
                **dict(zip(LOCATION_FIELDS, location, strict=True)),
                "event_root_code": root,
                "quad_class": quad,
                "goldstein": goldstein,
                "char_start": 0,
            }
        )
    frame = pl.DataFrame(records)
    types = pl.from_arrow(MENTIONS.empty_table()).schema  # type: ignore[union-attr]
    return frame.with_columns(pl.col(c).cast(types[c]) for c in frame.columns)


# (event_date, source, target, code[, article | mention]) -> (mentions, articles, sources, ids)
Counts = dict[tuple[Any, ...], tuple[int, int, int, list[str]]]
EXPECTED: dict[str, Counts] = {
    "one-a-day": {
        (D1, "USA", "IRN", "0231"): (3, 2, 2, ["m01", "m02", "m03"]),
        (D1, "USA", "IRN", "190"): (2, 2, 1, ["m04", "m05"]),
        (D2, "USA", "IRN", "190"): (1, 1, 1, ["m06"]),
        (D1, "IRN", "USA", "0231"): (1, 1, 1, ["m07"]),
    },
    "article": {
        (D1, "USA", "IRN", "0231", "a1"): (2, 1, 1, ["m01", "m02"]),
        (D1, "USA", "IRN", "0231", "a2"): (1, 1, 1, ["m03"]),
        (D1, "USA", "IRN", "190", "a2"): (1, 1, 1, ["m04"]),
        (D1, "USA", "IRN", "190", "a3"): (1, 1, 1, ["m05"]),
        (D2, "USA", "IRN", "190", "a3"): (1, 1, 1, ["m06"]),
        (D1, "IRN", "USA", "0231", "a4"): (1, 1, 1, ["m07"]),
    },
    "none": {(row[3], row[4], row[5], row[6], row[0]): (1, 1, 1, [row[0]]) for row in ROWS},
}


def by_key(events: pl.DataFrame, mode: str) -> Counts:
    result = {}
    for event in events.iter_rows(named=True):
        key: tuple[Any, ...] = (
            event["event_date"],
            event["source_code"],
            event["target_code"],
            event["event_code"],
        )
        if mode == "article":
            key += (event["first_article_id"],)
        elif mode == "none":
            key += (event["mention_ids"][0],)
        result[key] = (
            event["num_mentions"],
            event["num_articles"],
            event["num_sources"],
            event["mention_ids"],
        )
    return result


@pytest.mark.parametrize("mode", EVENT_MODES)
def test_modes_group_as_documented(mode: str) -> None:
    events = aggregate_events(mentions_frame().lazy(), mode)
    assert by_key(events, mode) == EXPECTED[mode]


@pytest.mark.parametrize("mode", EVENT_MODES)
def test_output_has_the_events_schema_and_order(mode: str) -> None:
    events = aggregate_events(mentions_frame(), mode)
    assert events.to_arrow().cast(EVENTS).schema == EVENTS
    assert dict(events.schema) == dict(pl.from_arrow(EVENTS.empty_table()).schema)  # type: ignore[union-attr]
    assert events.rows() == events.sort(["event_date", "event_id"]).rows()


@pytest.mark.parametrize("mode", EVENT_MODES)
def test_empty_mentions_give_empty_events(mode: str) -> None:
    events = aggregate_events(mentions_frame([]).lazy(), mode)
    assert events.height == 0
    assert events.columns == EVENTS.names


def test_fields_of_one_event() -> None:
    events = aggregate_events(mentions_frame())
    usa_irn = events.filter(pl.col("event_code") == "0231", pl.col("source_code") == "USA")
    event = usa_irn.row(0, named=True)
    assert event["root"] == "02"
    assert (event["quad_class"], event["goldstein"]) == (1, 3.4)
    assert event["first_article_id"] == "a1"
    # m01 (a1, sentence 0) has no location; m02 (a1, sentence 2) is the first that has one.
    located = (event["location_name"], event["country_code"], event["latitude"], event["longitude"])
    assert located == TEHRAN
    assert event["source_name"] == "Washington"  # 2 of 3 mentions
    assert event["target_name"] is None


@pytest.mark.parametrize(
    ("fatalities", "expected"),
    [
        ([3, 7], 7),
        ([7, 7, 7], 7),  # three reports of one toll, not 21
        ([None, 4, None], 4),
        ([None, None], None),
    ],
)
def test_fatalities_take_the_max(fatalities: list[int | None], expected: int | None) -> None:
    rows = [
        (f"m{i}", f"a{i}", None, D1, "SYR", "SYRREB", "190", 0, None, NOWHERE, value)
        for i, value in enumerate(fatalities)
    ]
    events = aggregate_events(mentions_frame(rows))
    assert events.height == 1
    assert events.item(0, "fatalities") == expected


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Syria", "Damascus", "Syria"], "Syria"),
        (["Syria", "Damascus"], "Damascus"),  # tie: alphabetical
        (["Syria", None, None], "Syria"),  # nulls are not names
        ([None, None], None),
    ],
)
def test_name_is_the_most_common(names: list[str | None], expected: str | None) -> None:
    rows = [
        (f"m{i}", "a1", None, D1, "SYR", "SYRREB", "190", i, name, NOWHERE, None)
        for i, name in enumerate(names)
    ]
    assert aggregate_events(mentions_frame(rows)).item(0, "source_name") == expected


def test_location_fields_come_from_one_mention() -> None:
    rows = [
        ("m1", "a1", None, D1, "SYR", "SYRREB", "190", 1, None, ("Aleppo", None, None, None), None),
        ("m2", "a1", None, D1, "SYR", "SYRREB", "190", 2, None, ("Homs", "SYR", 34.7, 36.7), None),
        ("m3", "a0", None, D1, "SYR", "SYRREB", "190", 5, None, NOWHERE, None),
    ]
    event = aggregate_events(mentions_frame(rows)).row(0, named=True)
    located = (event["location_name"], event["country_code"], event["latitude"])
    assert located == ("Aleppo", None, None)


def test_duplicate_article_adds_mentions_not_events() -> None:
    base = mentions_frame()
    copy = base.filter(pl.col("article_id") == "a2").with_columns(
        pl.lit("a9").alias("article_id"),
        pl.lit("reuters").alias("outlet"),
        (pl.col("mention_id") + "-dup").alias("mention_id"),
    )
    before = aggregate_events(base)
    after = aggregate_events(pl.concat([base, copy]))
    assert after.height == before.height
    assert after["event_id"].to_list() == before["event_id"].to_list()
    joined = before.join(after, on="event_id", suffix="_after")
    added = joined.select(
        "event_code",
        (pl.col("num_mentions_after") - pl.col("num_mentions")).alias("mentions"),
        (pl.col("num_articles_after") - pl.col("num_articles")).alias("articles"),
    ).filter(pl.col("mentions") > 0)
    assert sorted(added.rows()) == [("0231", 1, 1), ("190", 1, 1)]


@pytest.mark.parametrize(
    ("mode", "event_id"),
    [
        # Changing these changes the ids of every dataset already written.
        ("one-a-day", "060413299e44dce6"),
        ("article", "ea1012afe916b5cf"),
        ("none", "812cdde59d233ac9"),
    ],
)
def test_event_ids_are_stable(mode: str, event_id: str) -> None:
    mention = mentions_frame([("m1", "a1", None, D1, "USA", "IRN", "0231", 0, None, NOWHERE, None)])
    assert aggregate_events(mention, mode).item(0, "event_id") == event_id
    assert assign_event_ids(mention, mode).item(0, "event_id") == event_id


@pytest.mark.parametrize("mode", EVENT_MODES)
def test_mentions_point_at_their_event(mode: str) -> None:
    mentions = assign_event_ids(mentions_frame(), mode)
    assert mentions.columns == [*mentions_frame().columns, "event_id"]
    assert mentions["mention_id"].to_list() == [row[0] for row in ROWS]  # order kept
    events = aggregate_events(mentions, mode)
    grouped = mentions.group_by("event_id").agg(pl.col("mention_id").sort().alias("mention_ids"))
    assert dict(grouped.iter_rows()) == dict(events.select("event_id", "mention_ids").iter_rows())


def test_assign_event_ids_fills_an_existing_column_in_place() -> None:
    mentions = mentions_frame().with_columns(pl.lit(None, dtype=pl.String).alias("event_id"))
    mentions = mentions.select("event_id", pl.exclude("event_id"))
    assigned = assign_event_ids(mentions)
    assert assigned.columns == mentions.columns
    assert assigned["event_id"].null_count() == 0


@pytest.mark.parametrize("function", [aggregate_events, assign_event_ids])
def test_unknown_mode_raises(function: Any) -> None:
    with pytest.raises(ValueError, match="unknown event mode"):
        function(mentions_frame(), "weekly")


def test_events_round_trip_through_the_writer(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with DatasetWriter(out) as writer:
        writer.write_part("mentions", assign_event_ids(mentions_frame()))
        events = aggregate_events(writer.scan("mentions"))
        writer.write_table("events", events)
        writer.finish({})
    assert_frame_equal(pl.read_parquet(out / "events" / "*.parquet"), events)


# -- idempotence --------------------------------------------------------------

LOCATIONS = st.sampled_from([NOWHERE, TEHRAN, ISFAHAN, ("Gaza", None, None, None)])
MENTION = st.tuples(
    st.sampled_from(["a1", "a2", "a3"]),
    st.sampled_from(["bbc", "afp", None]),
    st.sampled_from([D1, D2, None]),
    st.sampled_from(["USA", "IRN", None]),
    st.sampled_from(["IRN", "ISR"]),
    st.sampled_from(["0231", "190"]),
    st.integers(0, 3),
    st.sampled_from(["Washington", "Tehran", None]),
    LOCATIONS,
    st.none() | st.integers(0, 50),
)


@st.composite
def mentions_and_order(draw: st.DrawFn) -> tuple[pl.DataFrame, list[int]]:
    drawn = draw(st.lists(MENTION, max_size=30))
    rows = [(f"m{i:02d}", *row) for i, row in enumerate(drawn)]
    return mentions_frame(rows), draw(st.permutations(range(len(rows))))


@settings(max_examples=60, deadline=None)
@given(case=mentions_and_order(), mode=st.sampled_from(EVENT_MODES))
def test_aggregation_ignores_input_order_and_reruns(
    case: tuple[pl.DataFrame, list[int]], mode: str
) -> None:
    mentions, order = case
    first = aggregate_events(mentions.lazy(), mode)
    assert_frame_equal(aggregate_events(mentions.lazy(), mode), first)
    assert_frame_equal(aggregate_events(mentions[order], mode), first)
    assert first["num_mentions"].sum() == mentions.height
    assert first["event_id"].is_unique().all()
    ids = assign_event_ids(mentions[order], mode)["event_id"]
    assert set(ids.to_list()) == set(first["event_id"].to_list())
