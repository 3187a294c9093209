"""Month- and year-dated events in the GDELT, ICEWS and Phoenix views (issue 11, item 8)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from eventcoder.cli import app
from eventcoder.export.exporting import export_view
from eventcoder.export.precision import SIDE_COLUMNS, DatePrecision
from eventcoder.export.schema import EVENTS
from eventcoder.export.views import COLUMNS, build_view, load_acled_mapping

ACLED_YAML = Path(__file__).resolve().parents[2] / "codebooks" / "default" / "acled.yaml"
_TYPES = pl.from_arrow(EVENTS.empty_table()).schema  # type: ignore[union-attr]
# event id -> the precisions of its mentions: an event's precision is its finest mention's
PRECISIONS = {"0000000000000001": ["day"], "0000000000000002": ["week"], "0000000000000003": ["month", "year"],
              "0000000000000004": ["year"], "0000000000000005": ["month", "day"]}  # fmt: skip


def _view(name: str, minimum: DatePrecision | None, side: bool = False) -> pl.DataFrame:
    events = pl.DataFrame(
        [{c: {"event_id": i, "event_date": date(2024, 7, 1), "event_code": "190", "source_code": "IRQMIL",
          "target_code": "IRNUAF"}.get(c) for c in EVENTS.names}
         for i in PRECISIONS],
        schema=_TYPES,
    )  # fmt: skip
    mentions = pl.DataFrame(
        [{"event_id": i, "mention_id": f"{i}-{k}", "article_id": "a", "sentence_index": k, "date_precision": p}
         for i, ps in PRECISIONS.items() for k, p in enumerate(ps)]
    )  # fmt: skip
    return build_view(name, events, mentions, pl.DataFrame(), pl.DataFrame(), load_acled_mapping(ACLED_YAML),
                      min_precision=minimum, precision_column=side)  # fmt: skip


@pytest.mark.parametrize(
    ("minimum", "kept"),
    [(None, 5), (DatePrecision.YEAR, 5), (DatePrecision.MONTH, 4), (DatePrecision.WEEK, 3), (DatePrecision.DAY, 2)],
)
@pytest.mark.parametrize("view", ["gdelt", "icews", "phoenix", "acled"])
def test_min_precision_leaves_out_coarser_events(view: str, minimum: DatePrecision | None, kept: int) -> None:
    assert _view(view, minimum).height == kept


@pytest.mark.parametrize(("view", "column"), sorted(SIDE_COLUMNS.items()))
def test_side_column_holds_the_finest_precision(view: str, column: str) -> None:
    frame = _view(view, None, side=True)
    assert frame.columns == [*COLUMNS[view], column]
    assert frame.get_column(column).to_list() == ["day", "week", "month", "year", "day"]


@pytest.mark.parametrize("view", ["gdelt", "acled"])
def test_positional_and_acled_views_get_no_side_column(view: str) -> None:
    assert _view(view, None, side=True).columns == list(COLUMNS[view])


def test_acled_time_precision_follows_the_finest_mention() -> None:
    assert _view("acled", None).get_column("time_precision").to_list() == [1, 2, 3, 3, 1]


@pytest.mark.parametrize(("header", "side"), [(True, True), (False, False)])
def test_text_files_get_the_side_column_only_with_a_header(coded: Path, tmp_path: Path, header: bool,
                                                           side: bool) -> None:  # fmt: skip
    target = tmp_path / "phoenix.tsv"
    export_view(coded, "phoenix", target, header=header)
    first = target.read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert len(first) == len(COLUMNS["phoenix"]) + side


def test_cli_min_precision(coded: Path, tmp_path: Path) -> None:
    every, exact = tmp_path / "all.parquet", tmp_path / "day.parquet"
    runner = CliRunner()
    assert runner.invoke(app, ["export", str(coded), "--view", "phoenix", "--to", str(every)]).exit_code == 0
    result = runner.invoke(app, ["export", str(coded), "--view", "phoenix", "--to", str(exact),
                                 "--min-precision", "day"])  # fmt: skip
    assert result.exit_code == 0, result.output
    all_rows, day_rows = pl.read_parquet(every), pl.read_parquet(exact)
    assert set(all_rows.get_column("DatePrecision")) > {"day"}  # the fixture has month and year dates
    assert day_rows.equals(all_rows.filter(pl.col("DatePrecision") == "day"))
