"""`eventcoder export` and `eventcoder report`: one library call each, typed errors as exit codes."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from eventcoder.cli import app
from eventcoder.export.exporting import read_view
from eventcoder.export.views import COLUMNS, SCHEMAS

ROOT = Path(__file__).parent.parent
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "examples"
    result = run("code", str(ROOT / "examples"), "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".tsv"])
def test_code_examples_export_gdelt_read_with_polars(dataset: Path, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"gdelt{suffix}"
    result = run("export", str(dataset), "--view", "gdelt", "--to", str(target))
    assert result.exit_code == 0, result.output
    events = pl.read_parquet(dataset / "events" / "*.parquet")
    assert f"{events.height} gdelt rows" in result.output
    frame = pl.read_parquet(target) if suffix == ".parquet" else read_view(target, "gdelt")
    assert frame.columns == list(COLUMNS["gdelt"])
    for column in ("EventCode", "EventBaseCode", "EventRootCode", "Actor1Code", "ActionGeo_CountryCode"):
        assert frame.schema[column] == pl.String
    roots = frame.get_column("EventRootCode").drop_nulls().to_list()
    assert roots and all(len(r) == 2 for r in roots) and any(r.startswith("0") for r in roots)  # "04", not 4
    assert all(code[:2] == root for code, root in zip(frame["EventCode"], frame["EventRootCode"], strict=True))
    days = frame.select(pl.col("Day").cast(pl.String).str.strptime(pl.Date, "%Y%m%d")).to_series()
    assert days.null_count() == 0 and set(days) == set(events.get_column("event_date").drop_nulls())
    assert frame.get_column("ActionGeo_Lat").drop_nulls().len() > 0  # the examples name places


@pytest.mark.parametrize(("view", "column"), [("icews", "Event Date"), ("phoenix", "Date"), ("acled", "event_date")])
def test_exported_dates_read_back_as_dates(dataset: Path, tmp_path: Path, view: str, column: str) -> None:
    target = tmp_path / f"{view}.csv"
    assert run("export", str(dataset), "--view", view, "--to", str(target)).exit_code == 0
    frame = pl.read_csv(target, schema_overrides=SCHEMAS[view])
    assert frame.schema[column] == pl.Date
    assert all(isinstance(d, date) for d in frame.get_column(column).drop_nulls())


def test_export_without_header_and_with_a_codebook(dataset: Path, tmp_path: Path) -> None:
    target = tmp_path / "gdelt.tsv"
    result = run("export", str(dataset), "--view", "gdelt", "--to", str(target), "--no-header",
                 "--codebook", str(ROOT / "codebooks" / "default"))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert not target.read_text(encoding="utf-8").startswith("GlobalEventID")
    assert read_view(target, "gdelt", header=False).columns == list(COLUMNS["gdelt"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--view", "cameo", "--to", "x.csv"], "EC400"),
        (["--view", "gdelt", "--to", "x.xlsx"], "EC400"),
    ],
)
def test_export_refusals_exit_2(dataset: Path, tmp_path: Path, args: list[str], message: str) -> None:
    args = [a if a != "x.csv" and a != "x.xlsx" else str(tmp_path / a) for a in args]
    result = run("export", str(dataset), *args)
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.parametrize("command", [["export", "--view", "gdelt", "--to"], ["report", "--html"]])
def test_not_a_dataset_exits_2(tmp_path: Path, command: list[str]) -> None:
    result = run(command[0], str(tmp_path), *command[1:], str(tmp_path / "x.csv"))
    assert result.exit_code == 2
    assert "EC302" in result.output


def test_report_writes_one_self_contained_page(dataset: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = run("report", str(dataset), "--html", str(target), "--max-listed", "5")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"wrote {re.escape(str(target))} \(\d+\.\d MB, \d+\.\d s\)\n", result.output)
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'id="ec-data"' in html
    assert not re.search(r"""\s(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)  # nothing fetched
    assert "<bool>" not in result.output
