"""eventcoder panel (issue 16): a hand-computed golden panel, balance and totals as properties, span edges."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.errors import MissingExtraError, PanelError
from eventcoder.events import aggregate_events, assign_event_ids
from eventcoder.export.writer import DatasetWriter
from eventcoder.panels import Dedupe, PanelSpec, Period, Precision, Unit, build_panel, panel, write_panel
from eventcoder.panels.build import ROW_SCHEMA
from eventcoder.panels.spec import ROOTS

# (article, sentence, source, target, code, quad, goldstein, date, precision, place country, outlet, source how)
MENTIONS = [
    ("a1", 0, "SYRGOV", "TURGOV", "190", 4, -10.0, date(2024, 1, 3), "day", "SYR", "Wire", "dictionary"),
    ("a2", 0, "SYRGOV", "TURGOV", "190", 4, -10.0, date(2024, 1, 3), "day", "SYR", "Post", "dictionary"),
    ("a2", 1, "SYRMIL", "TUR", "042", 1, 1.9, date(2024, 1, 20), "day", None, "Post", "context"),
    ("a3", 0, "TURGOV", "SYRGOV", "0231", 2, 3.4, date(2024, 3, 5), "month", "TUR", "Wire", "unknown"),
    ("a3", 1, "IGOUNO", "SYRGOV", "111", 3, -2.0, date(2024, 3, 9), "year", None, "Wire", "dictionary"),
]


def write_dataset(out: Path, rows: list[tuple[Any, ...]]) -> Path:
    """A dataset of ``rows`` (the MENTIONS layout), with events aggregated as ``eventcoder code`` does."""
    names = ("article_id", "sentence_index", "source_code", "target_code", "event_code", "quad_class", "goldstein",
             "event_date", "date_precision", "country_code", "outlet", "source_how")  # fmt: skip
    types = {"quad_class": pl.Int8, "sentence_index": pl.Int32, "event_date": pl.Date, "country_code": pl.String}
    mentions = pl.DataFrame([dict(zip(names, r, strict=True)) for r in rows], schema_overrides=types)
    mentions = mentions.with_columns(
        pl.format("m{}", pl.int_range(pl.len())).alias("mention_id"),
        pl.col("event_code").str.slice(0, 2).alias("event_root_code"),
        pl.lit("dictionary").alias("target_how"),
        pl.lit(0, pl.Int32).alias("char_start"),
    )
    mentions = assign_event_ids(mentions)
    articles = mentions.group_by("article_id").agg(pl.col("outlet").first().alias("source"))
    with DatasetWriter(out) as writer:
        writer.write_part("articles", articles)
        writer.write_part("mentions", mentions)
        writer.write_table("events", aggregate_events(mentions))
        writer.finish({})
    return out


@pytest.fixture(scope="module")
def golden(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_dataset(tmp_path_factory.mktemp("panel") / "golden", MENTIONS)


def test_golden_dyad_month_panel(golden: Path) -> None:
    frame = panel(golden, Unit.DYAD, Period.MONTH)
    got = frame.select("source_country", "target_country", "period", "events", "quad_1", "quad_2", "quad_4",
                       "root_19", "goldstein_sum", "goldstein_mean", "material_conflict", "articles", "sources",
                       "context_unknown_share").rows()  # fmt: skip
    jan, feb, mar = date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)
    # Two mentions of SYRGOV->TURGOV 190 on Jan 3 are one event (two articles, two outlets); IGOUNO has no country.
    assert got == [
        ("SYR", "TUR", jan, 2, 1, 0, 1, 1, -8.1, -4.05, 1, 2, 2, 0.5),
        ("SYR", "TUR", feb, 0, 0, 0, 0, 0, 0.0, None, 0, 0, 0, None),
        ("SYR", "TUR", mar, 0, 0, 0, 0, 0, 0.0, None, 0, 0, 0, None),
        ("TUR", "SYR", jan, 0, 0, 0, 0, 0, 0.0, None, 0, 0, 0, None),
        ("TUR", "SYR", feb, 0, 0, 0, 0, 0, 0.0, None, 0, 0, 0, None),
        ("TUR", "SYR", mar, 1, 0, 1, 0, 0, 3.4, 3.4, 0, 1, 1, 1.0),
    ]


JAN, MAR = date(2024, 1, 1), date(2024, 3, 1)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"dedupe": "mentions"}, {("SYR", JAN): 3, ("TUR", MAR): 1, ("SYR", MAR): 1}),
        ({}, {("SYR", JAN): 2, ("TUR", MAR): 1, ("SYR", MAR): 1}),  # IGOUNO -> SYRGOV counts for its target
        ({"codes": ["19"]}, {("SYR", JAN): 1}),
        ({"codes": ["0231", "11"]}, {("TUR", MAR): 1, ("SYR", MAR): 1}),
        ({"min_precision": "day"}, {("SYR", JAN): 2}),
        ({"min_precision": "month"}, {("SYR", JAN): 2, ("TUR", MAR): 1}),
        ({"countries": ["TUR"]}, {("TUR", MAR): 1}),
    ],
)
def test_country_month_options(golden: Path, options: dict[str, Any], expected: dict[tuple[str, date], int]) -> None:
    frame = panel(golden, "country", "month", **options)
    counted = {(c, p): n for c, p, n in frame.select("country", "period", "events").rows() if n}
    assert counted == expected
    units = ["TUR"] if "countries" in options else ["SYR", "TUR"]
    assert frame.get_column("country").unique().sort().to_list() == units  # the same units whatever the filter


def test_countries_give_every_ordered_pair(golden: Path) -> None:
    frame = panel(golden, "dyad", "year", countries=["SYR", "TUR", "IRQ"])
    assert frame.height == 9 and frame.get_column("events").sum() == 3


@pytest.mark.parametrize(
    ("period", "first", "last", "rows"),
    [("day", date(2024, 1, 3), date(2024, 3, 9), 67), ("week", date(2024, 1, 1), date(2024, 3, 4), 10),
     ("month", date(2024, 1, 1), date(2024, 3, 1), 3), ("year", date(2024, 1, 1), date(2024, 1, 1), 1)],
)  # fmt: skip
def test_the_span_runs_from_the_first_event_to_the_last(
    golden: Path, period: str, first: date, last: date, rows: int
) -> None:
    frame = panel(golden, "source-country", period)
    periods = frame.get_column("period").unique().sort()
    assert (periods.first(), periods.last(), periods.len()) == (first, last, rows)
    edges = frame.filter(pl.col("period").is_in([first, last]))
    assert edges.get_column("events").sum() > 0, "the first and last periods hold events"


def test_bad_options_are_panel_errors(golden: Path) -> None:
    for options in ({"unit": "region"}, {"period": "decade"}, {"codes": ["x9"]}, {"countries": ["SYRIA"]},
                    {"min_precision": "hour"}, {"dedupe": "articles"}):  # fmt: skip
        with pytest.raises(PanelError):
            panel(golden, **options)


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".dta"])
def test_written_panels_read_back(golden: Path, tmp_path: Path, suffix: str) -> None:
    frame = panel(golden, "dyad", "month")
    written = write_panel(frame, tmp_path / f"panel{suffix}", label="dyad-month")
    if suffix == ".parquet":
        back = pl.read_parquet(written)
    elif suffix == ".csv":
        back = pl.read_csv(written, try_parse_dates=True)
    else:
        pyreadstat = pytest.importorskip("pyreadstat")
        data, meta = pyreadstat.read_dta(str(written))
        assert meta.column_labels[frame.columns.index("quad_4")].startswith("events of QuadClass 4")
        back = pl.from_pandas(data)
    assert back.columns == frame.columns
    assert back.get_column("events").to_list() == frame.get_column("events").to_list()


def test_an_unknown_format_is_refused(golden: Path, tmp_path: Path) -> None:
    with pytest.raises(PanelError):
        write_panel(panel(golden), tmp_path / "panel.xlsx")


def test_a_missing_writer_says_which_extra(golden: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pyreadstat", None)  # as if not installed: importing it raises ImportError
    with pytest.raises(MissingExtraError, match="stata"):
        write_panel(panel(golden), tmp_path / "panel.dta")


# -- properties ---------------------------------------------------------------------------

_CODES = ("MLIGOV", "MLIREB", "FRAMIL", "IGOUNO", "REB", None)
_row = st.fixed_dictionaries({
    "event_date": st.dates(date(2023, 12, 25), date(2024, 2, 10)),
    "date_precision": st.sampled_from([p.value for p in Precision]),
    "event_code": st.sampled_from(["010", "0231", "042", "111", "190", "193", "20"]),
    "goldstein": st.sampled_from([-10.0, -2.0, 0.0, 3.4]),
    "source_code": st.sampled_from(_CODES),
    "target_code": st.sampled_from(_CODES),
    "location_country": st.sampled_from(["MLI", "NER", None]),
    "articles": st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=2),
    "outlets": st.lists(st.sampled_from(["w", "p"]), max_size=2),
    "weak": st.booleans(),
})  # fmt: skip


def rows_frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    quads = {"01": 1, "02": 1, "04": 1, "11": 3, "19": 4, "20": 4}
    frame = pl.DataFrame(rows, schema={k: v for k, v in ROW_SCHEMA.items() if k != "quad_class"})
    return frame.with_columns(
        pl.col("event_code").str.slice(0, 2).replace_strict(quads, return_dtype=pl.Int8).alias("quad_class")
    ).select(list(ROW_SCHEMA))


def country_of(code: str | None) -> str | None:
    return code[:3] if code and code[:3] in ("MLI", "FRA", "NER", "SYR", "TUR") else None


def unit_of(row: dict[str, Any], unit: Unit) -> tuple[str | None, ...]:
    source, target = country_of(row["source_code"]), country_of(row["target_code"])
    return {
        Unit.DYAD: (source, target),
        Unit.SOURCE_COUNTRY: (source,),
        Unit.TARGET_COUNTRY: (target,),
        Unit.COUNTRY: (row["location_country"] or source or target,),
    }[unit]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(_row, min_size=1, max_size=30), unit=st.sampled_from(list(Unit)),
       period=st.sampled_from(list(Period)), codes=st.sampled_from([(), ("19",), ("02", "20")]))  # fmt: skip
def test_panels_are_balanced_and_count_every_event_once(
    rows: list[dict[str, Any]], unit: Unit, period: Period, codes: tuple[str, ...]
) -> None:
    frame = build_panel(rows_frame(rows), PanelSpec.of(unit, period, codes=codes))
    keys = [c for c in frame.columns if c.endswith("country")]
    units = frame.select(keys).unique().height
    periods = frame.get_column("period").n_unique()
    assert frame.height == units * periods  # balanced
    assert frame.select([*keys, "period"]).is_unique().all()
    counted = [r for r in rows if None not in unit_of(r, unit) and r["event_code"].startswith(codes or ("",))]
    assert frame.get_column("events").sum() == len(counted)
    assert sum(frame.get_column(f"quad_{q}").sum() for q in (1, 2, 3, 4)) == len(counted)
    assert sum(frame.get_column(f"root_{r}").sum() for r in ROOTS) == len(counted)
    assert frame.get_column("goldstein_sum").sum() == pytest.approx(sum(r["goldstein"] for r in counted))
    assert units == len({unit_of(r, unit) for r in rows if None not in unit_of(r, unit)})
    step = {Period.DAY: 1, Period.WEEK: 7}.get(period)
    if step:  # periods are consecutive, from the first event's to the last's
        days = sorted(frame.get_column("period").unique())
        assert all(b - a == timedelta(days=step) for a, b in zip(days, days[1:], strict=False))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(unit=st.sampled_from(list(Unit)), period=st.sampled_from(list(Period)),
       dedupe=st.sampled_from(list(Dedupe)))  # fmt: skip
def test_panel_totals_equal_the_dataset_counts(golden: Path, unit: Unit, period: Period, dedupe: Dedupe) -> None:
    frame = panel(golden, unit, period, dedupe=dedupe)
    table = pl.read_parquet(golden / ("events" if dedupe is Dedupe.EVENTS else "mentions") / "*.parquet")
    rows = [{"source_code": r["source_code"], "target_code": r["target_code"], "location_country": r["country_code"]}
            for r in table.iter_rows(named=True)]  # fmt: skip
    assert frame.get_column("events").sum() == sum(None not in unit_of(r, unit) for r in rows)
