"""What the page is given: dimensions, facts, listed events and quality numbers, from known events."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from eventcoder.report import Tables, report_payload
from eventcoder.report import dims as dims_module
from eventcoder.report.bins import TimeBin
from eventcoder.report.facts import UNDATED


def _by(header: dict[str, Any], dimension: str, field: str) -> dict[str, int]:
    return {str(row[field]): k for k, row in enumerate(header[dimension])}


def test_counts_add_up(tables: Tables) -> None:
    payload = report_payload(tables)
    facts, header = payload.facts, payload.header
    assert facts.get_column("n").sum() == 9 == header["counts"]["events"]
    assert facts.get_column("dead").sum() == 9  # three fights of 3 dead each
    assert header["counts"]["rejects"] == 3
    assert header["bins"]["unit"] == TimeBin.DAY.value and len(header["bins"]["labels"]) == 9
    assert UNDATED not in facts.get_column("bin").to_list()
    assert [r["root"] for r in header["roots"]] == ["01", "04", "05", "07", "11", "18", "19"]


@pytest.mark.parametrize(
    ("code", "label", "listed"),
    [
        ("USAGOV", "United States · Government", True),
        ("UKR", "Ukraine", True),
        ("IGOUNO", "United Nations", True),  # named by its codebook actor
        ("MIL", "Military (no country)", False),  # a role noun across countries is no actor
        ("CVL", "Civilians (no country)", False),
    ],
)
def test_actor_groups(tables: Tables, code: str, label: str, listed: bool) -> None:
    header = report_payload(tables).header
    row = header["codes"][_by(header, "codes", "code")[code]]
    assert (row["label"], row["listed"]) == (label, listed)


def test_named_actors_come_from_actor_and_name_keys_only(tables: Tables) -> None:
    payload = report_payload(tables)
    named = _by(payload.header, "named", "name")
    assert set(named) == {"", "Antony Blinken", "United Nations", "Volodymyr Zelensky"}
    facts = payload.facts
    blinken = named["Antony Blinken"]
    both = facts.filter((pl.col("srcn") == blinken) | (pl.col("tgtn") == blinken))
    assert both.get_column("n").sum() == 2  # as source of e00 and as target of e02; e01's code: key names no one


def test_sums_by_dimension_match_the_events(tables: Tables, frames: dict[str, Any]) -> None:
    payload = report_payload(tables)
    codes = _by(payload.header, "codes", "code")
    facts = payload.facts.with_columns(pl.col("src").replace_strict({v: k for k, v in codes.items()}).alias("code"))
    expected = frames["events"].group_by("source_code").len()
    got = facts.group_by("code").agg(pl.col("n").sum())
    assert dict(got.iter_rows()) == {(k or ""): v for k, v in expected.iter_rows()}


def test_places_points_and_country_buckets(tables: Tables) -> None:
    header, facts = (p := report_payload(tables)).header, p.facts
    places = header["places"]
    points = {p["name"]: p for p in places if p.get("x") is not None}
    assert set(points) == {"Baghdad", "Kyiv"} and points["Kyiv"]["admin1"] == "Kyiv City"
    bucket = next(k for k, p in enumerate(places) if k and p.get("x") is None)  # Iraq, no town
    assert header["countries"][places[bucket]["country"]]["iso3"] == "IRQ"
    per_place = dict(facts.group_by("place").agg(pl.col("n").sum()).iter_rows())
    assert per_place == {
        0: 3,
        bucket: 1,
        _by(header, "places", "name")["Baghdad"]: 2,
        _by(header, "places", "name")["Kyiv"]: 3,
    }


@pytest.mark.parametrize(
    ("mask", "value", "expected"),
    [(7, 2, 1), (7, 0, 8), (8, 8, 1), (16, 16, 1), (32, 32, 1)],  # month precision; unknown, fuzzy, context actors
)
def test_quality_flags(tables: Tables, mask: int, value: int, expected: int) -> None:
    facts = report_payload(tables).facts
    assert facts.filter((pl.col("flags") & mask) == value).get_column("n").sum() == expected


def test_listed_events_carry_sentence_pattern_and_article(tables: Tables) -> None:
    detail = report_payload(tables).header["detail"]
    columns = detail["columns"]
    assert len(columns["date"]) == 9
    k = columns["sentence"].index("Sentence 0 <b>bold</b>.")
    assert columns["date"][k] == "2024-11-01" and columns["verb"][k] == "verb"
    assert detail["articles"][columns["article"][k]] == {
        "id": "a0",
        "title": "One",
        "url": "https://example.org/1",
        "source": "Wire",
    }
    assert detail["patterns"][columns["pattern"][k]]["id"] == "042:pattern"


def test_a_small_cap_keeps_one_event_of_every_dyad(tables: Tables) -> None:
    detail = report_payload(tables, max_listed=7).header["detail"]["columns"]
    assert len(detail["date"]) == 7
    assert len(set(zip(detail["src"], detail["tgt"], strict=True))) == 7  # all seven dyads
    assert 2 in detail["mentions"]  # the most mentioned of a dyad goes first


def test_codes_beyond_the_cap_fold_into_their_country(tables: Tables, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dims_module, "MAX_CODES", 3)
    payload = report_payload(tables)
    codes = _by(payload.header, "codes", "code")
    assert "UKR*" in codes and "UKRCVL" not in codes
    assert payload.header["codes"][codes["UKR*"]]["label"] == "Ukraine · other actors"
    assert payload.facts.get_column("n").sum() == 9


def test_run_quality(tables: Tables) -> None:
    quality = report_payload(tables).header["quality"]
    assert quality["rejects"] == [
        {"kind": "invalid_json", "n": 2, "example": "bad json"},
        {"kind": "no_text", "n": 1, "example": "empty"},
    ]
    assert quality["articles"] == [{"value": "ok", "n": 3}]


def test_an_empty_dataset() -> None:
    payload = report_payload(Tables.from_frames())
    assert payload.facts.height == 0 and payload.header["bins"]["labels"] == []
    assert payload.header["detail"]["columns"]["date"] == []
