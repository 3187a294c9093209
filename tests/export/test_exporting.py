"""`eventcoder export --table` and Stata/Parquet files that R and Stata read (issue 11, item 12)."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from eventcoder.cli import app
from eventcoder.errors import ExportError, StreamError
from eventcoder.export.exporting import Table, export_dataset, export_table, export_view
from eventcoder.export.formats import ExportFormat, flat, portable_arrow
from eventcoder.export.stata import DESCRIPTIONS, VALUE_LABELS, stata_name
from eventcoder.export.views import VIEWS

pyreadstat = pytest.importorskip("pyreadstat")
pd = pytest.importorskip("pandas")

NATIVE = [Table.EVENTS, Table.MENTIONS, Table.ACTORS, Table.ARTICLES]
runner = CliRunner()


def _table(dataset: Path, table: Table) -> pl.DataFrame:
    return pl.read_parquet(dataset / table.value / "*.parquet")


@pytest.mark.parametrize("table", NATIVE)
@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".tsv"])
def test_tables_export_with_their_columns_and_values(coded: Path, tmp_path: Path, table: Table, suffix: str) -> None:
    target = tmp_path / f"{table.value}{suffix}"
    rows = export_table(coded, table, target)
    expected = _table(coded, table)
    assert rows == expected.height > 0
    if suffix == ".parquet":
        assert pl.read_parquet(target).equals(expected)
    else:
        text = pl.read_csv(target, separator="," if suffix == ".csv" else "\t", schema=flat(expected).schema)
        assert text.equals(flat(expected))


@pytest.mark.parametrize("table", NATIVE)
def test_table_cli(coded: Path, tmp_path: Path, table: Table) -> None:
    target = tmp_path / f"{table.value}.tsv"
    result = runner.invoke(app, ["export", str(coded), "--table", table.value, "--to", str(target)])
    assert result.exit_code == 0, result.output
    assert f"{_table(coded, table).height} {table.value} rows" in result.output


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "either --view or --table"),
        ({"view": "gdelt", "table": "events"}, "either --view or --table"),
        ({"table": "events", "min_precision": "day"}, "apply to views"),
        ({"table": "nope"}, "unknown table"),
    ],
)
def test_export_dataset_refusals(coded: Path, tmp_path: Path, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ExportError, match=message):
        export_dataset(coded, tmp_path / "x.csv", **kwargs)


# -- Stata -------------------------------------------------------------------------------------------


def _frames(coded: Path, tmp_path: Path, kind: str, name: str) -> tuple[pl.DataFrame, Path]:
    """What was exported (read back from Parquet) and the .dta file of the same export."""
    parquet, dta = tmp_path / f"{name}.parquet", tmp_path / f"{name}.dta"
    export = export_table if kind == "table" else export_view
    export(coded, name, parquet)
    export(coded, name, dta)
    return flat(pl.read_parquet(parquet)), dta


def _as_stata(frame: pl.DataFrame) -> list[list[Any]]:
    """The values a Stata file holds: null strings are empty, numbers are numbers, dates are dates."""
    columns = []
    for name, dtype in frame.schema.items():
        values = frame.get_column(name).to_list()
        if dtype == pl.String:
            values = ["" if v is None else v for v in values]
        elif dtype.is_numeric():
            values = [None if v is None else float(v) for v in values]
        columns.append(values)
    return columns


def _read_back(values: Any) -> list[Any]:
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and v != v) or v is pd.NaT:
            out.append(None)
        elif isinstance(v, datetime):  # pandas reads Stata dates as timestamps, pyreadstat as dates
            out.append(v.date())
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            out.append(float(v))
        else:
            out.append(v)
    return out


CASES = [("table", t.value) for t in NATIVE] + [("view", v) for v in VIEWS]


@pytest.mark.parametrize(("kind", "name"), CASES)
def test_dta_reads_back_the_same_with_pyreadstat_and_pandas(coded: Path, tmp_path: Path, kind: str, name: str) -> None:
    frame, dta = _frames(coded, tmp_path, kind, name)
    expected = _as_stata(frame)
    by_pyreadstat, meta = pyreadstat.read_dta(str(dta))
    by_pandas = pd.read_stata(dta, convert_categoricals=False)
    assert list(by_pyreadstat.columns) == [stata_name(c) for c in frame.columns]
    for reader in (by_pyreadstat, by_pandas):
        for column, values in zip(reader.columns, expected, strict=True):
            assert _read_back(reader[column].tolist()) == values, (name, column)
    for column, dtype in frame.schema.items():
        stata = stata_name(column)
        if dtype == pl.Date:
            assert meta.original_variable_types[stata] == "%td"  # a Stata date
        if dtype == pl.String:
            assert meta.readstat_variable_types[stata] == "string"  # codes stay strings: "04", not 4
        if column in VALUE_LABELS:
            assert meta.variable_value_labels[stata] == VALUE_LABELS[column]
        if stata != column:
            assert meta.column_names_to_labels[stata].startswith(column)  # the original name is in the label
        if column in DESCRIPTIONS:
            assert DESCRIPTIONS[column] in meta.column_names_to_labels[stata]


def test_dta_long_strings_and_exact_ids(coded: Path, tmp_path: Path) -> None:
    frame, dta = _frames(coded, tmp_path, "table", "articles")
    back, _ = pyreadstat.read_dta(str(dta))
    longest = max(frame.get_column("title").drop_nulls().to_list(), key=len)
    assert len(longest.encode()) > 2045 and longest in back["title"].tolist()  # str2045 cannot hold it: strL
    gdelt, dta = _frames(coded, tmp_path, "view", "gdelt")
    ids = pd.read_stata(dta)["GlobalEventID"].tolist()
    assert [int(i) for i in ids] == gdelt.get_column("GlobalEventID").to_list()  # 53 bits: exact as doubles


@pytest.mark.parametrize(("name", "expected"), [("Event ID", "Event_ID"), ("long", "long_"), ("1st", "_1st"),
                                                ("str80", "str80_"), ("x" * 40, "x" * 32)])  # fmt: skip
def test_stata_names(name: str, expected: str) -> None:
    assert stata_name(name) == expected


def test_dta_cannot_stream(coded: Path) -> None:
    with pytest.raises(StreamError):
        export_table(coded, "events", "-", fmt=ExportFormat.DTA, stdout=io.BytesIO())


# -- Parquet that R arrow and nanoparquet read -------------------------------------------------------


def _portable_types(schema: pa.Schema) -> list[str]:
    bad = []
    for field in schema:
        t = field.type
        while pa.types.is_list(t):
            t = t.value_type
        if (pa.types.is_unsigned_integer(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t)
                or pa.types.is_large_list(field.type) or pa.types.is_dictionary(t) or pa.types.is_large_binary(t)):
            bad.append(f"{field.name}: {field.type}")
    return bad


@pytest.mark.parametrize(("kind", "name"), CASES)
def test_parquet_uses_types_r_reads(coded: Path, tmp_path: Path, kind: str, name: str) -> None:
    target = tmp_path / f"{name}.parquet"
    (export_table if kind == "table" else export_view)(coded, name, target)
    assert _portable_types(pq.read_schema(target)) == []  # views were large_string/string_view before


def test_portable_arrow_casts() -> None:
    table = pa.table({"n": pa.array([1, 2], pa.uint32()), "s": pa.array(["a", None], pa.large_string()),
                      "l": pa.array([["x"], []], pa.large_list(pa.large_string()))})  # fmt: skip
    cast = portable_arrow(table)
    assert cast.schema == pa.schema([("n", pa.int64()), ("s", pa.string()), ("l", pa.list_(pa.string()))])
    assert cast.to_pylist() == table.to_pylist()
