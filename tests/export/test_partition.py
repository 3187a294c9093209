"""Issue 13 item 5: ``--partition-by year|month`` splits mentions/ and events/ into hive directories.

The split dataset must hold the same rows as a flat one, read with
``hive_partitioning`` in polars, DuckDB and Arrow (undated rows in Hive's
null partition), and every eventcoder reader must read it as a flat one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow.dataset as ds
import pytest
from dataset_tables import table
from polars.testing import assert_frame_equal
from typer.testing import CliRunner

from eventcoder import code_corpus, load_codebook
from eventcoder.cli import app
from eventcoder.errors import DatasetError
from eventcoder.export.exporting import export_table, export_view
from eventcoder.export.partition import NULL_PARTITION, PartitionBy
from eventcoder.export.schema import TABLES
from eventcoder.panels import panel
from eventcoder.report import write_report
from eventcoder.scoring import evaluate_dataset
from eventcoder.summary import summarize

MINI = Path(__file__).parents[1] / "data" / "mini_codebook"
SENTENCES = ["France condemned Russia on Monday.", "Iran called on Iraq to act.",
             "Israel was attacked by Iranian militias.", "France and Germany urged Iran."]  # fmt: skip
runner = CliRunner()


def records(first: int, n: int) -> str:
    """Articles over two years; every fourth has no date at all (its events have none)."""
    rows = []
    for i in range(first, first + n):
        row = {"id": f"a{i}", "text": " ".join(SENTENCES[i % 4: i % 4 + 2])}
        if i % 4:
            row["published"] = f"202{3 + i % 2}-{1 + i % 12:02d}-1{i % 9}"
        rows.append(json.dumps(row) + "\n")
    return "".join(rows)


@pytest.fixture(scope="module")
def book() -> Any:
    return load_codebook(MINI)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("partition-inputs") / "news.jsonl"
    path.write_text(records(0, 40), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, corpus: Path, book: Any) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("partition-runs")
    out = {}
    for by in (None, PartitionBy.YEAR, PartitionBy.MONTH):
        out[by.value if by else "flat"] = root / (by.value if by else "flat")
        code_corpus([corpus], out[by.value if by else "flat"], book, batch_size=7, partition_by=by)
    return out


@pytest.mark.parametrize("by", ["year", "month"])
def test_the_split_holds_the_flat_rows_in_hive_directories(runs: dict[str, Path], by: str) -> None:
    for name in TABLES:
        assert_frame_equal(table(runs[by], name), table(runs["flat"], name))
    depth = 2 if by == "year" else 3
    for name in ("mentions", "events"):
        parts = sorted((runs[by] / name).rglob("*.parquet"))
        assert parts and all(len(p.relative_to(runs[by] / name).parts) == depth for p in parts)
        assert (runs[by] / name / f"year={NULL_PARTITION}").is_dir()  # the undated rows
        assert all(p.parts[-depth].startswith("year=") for p in parts)
    assert json.loads((runs[by] / "manifest.json").read_text())["parameters"]["partition_by"] == by


@pytest.mark.parametrize("by", ["year", "month"])
@pytest.mark.parametrize("name", ["mentions", "events"])
def test_polars_duckdb_and_arrow_read_the_partitions(runs: dict[str, Path], by: str, name: str) -> None:
    flat = table(runs["flat"], name)
    expected = flat.with_columns(pl.col("event_date").dt.year().alias("year"),
                                 pl.col("event_date").dt.month().alias("month"))  # fmt: skip
    scanned = pl.scan_parquet(runs[by] / name, hive_partitioning=True).collect()
    keys = ["year"] if by == "year" else ["year", "month"]
    assert scanned.columns == [*flat.columns, *keys]
    got = scanned.sort(flat.columns[:3], nulls_last=True).select("event_date", *keys)
    assert_frame_equal(got, expected.sort(flat.columns[:3], nulls_last=True).select("event_date", *keys),
                       check_dtypes=False)  # fmt: skip
    one_year = pl.scan_parquet(runs[by] / name, hive_partitioning=True).filter(pl.col("year") == 2024).collect()
    assert one_year.height == flat.filter(pl.col("event_date").dt.year() == 2024).height > 0
    duckdb = pytest.importorskip("duckdb")
    glob = str(runs[by] / name / "**" / "*.parquet")
    nulls, total = duckdb.sql(f"SELECT count(*) FILTER (WHERE year IS NULL), count(*) FROM "
                              f"read_parquet('{glob}', hive_partitioning = true)").fetchall()[0]  # fmt: skip
    assert (nulls, total) == (flat.get_column("event_date").null_count(), flat.height)
    arrow = ds.dataset(runs[by] / name, partitioning="hive").to_table()
    assert arrow.num_rows == flat.height and arrow.column("year").null_count == nulls


@pytest.mark.parametrize("by", ["year", "month"])
def test_every_reader_reads_a_split_dataset_as_a_flat_one(runs: dict[str, Path], by: str, tmp_path: Path) -> None:
    flat, split = runs["flat"], runs[by]
    added = ["DATEADDED", "timestamp"]  # the runs' finishing times, a second or two apart
    for view in ("gdelt", "icews", "phoenix", "acled"):
        export_view(flat, view, tmp_path / "flat.parquet")
        export_view(split, view, tmp_path / "split.parquet")
        a, b = (pl.read_parquet(tmp_path / f).drop(added, strict=False) for f in ("flat.parquet", "split.parquet"))
        assert_frame_equal(a, b, check_row_order=False)
    for name in ("events", "mentions"):
        export_table(flat, name, tmp_path / "f.parquet")
        export_table(split, name, tmp_path / "s.parquet")
        assert pl.read_parquet(tmp_path / "s.parquet").columns == TABLES[name].names
        assert pl.read_parquet(tmp_path / "f.parquet").height == pl.read_parquet(tmp_path / "s.parquet").height
    assert_frame_equal(panel(split, "dyad", "month"), panel(flat, "dyad", "month"))
    assert summarize(split).counts == summarize(flat).counts
    assert write_report(split, tmp_path / "r.html") == tmp_path / "r.html"
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"article_id": "a1", "events": [{"source": "IRN", "target": "IRQ", "code": "10"}]})
                    + "\n", encoding="utf-8")  # fmt: skip
    assert evaluate_dataset(gold, split).events == evaluate_dataset(gold, flat).events


@pytest.mark.parametrize("by", ["year", "month"])
def test_load_reads_a_split_dataset(runs: dict[str, Path], by: str, tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    from eventcoder.load import load_dataset

    flat = load_dataset(runs["flat"], f"duckdb:///{tmp_path / 'flat.duckdb'}")
    split = load_dataset(runs[by], f"duckdb:///{tmp_path / 'split.duckdb'}")
    assert split.inserted == flat.inserted and split.views == flat.views


def test_append_keeps_the_layout_and_refuses_another(tmp_path: Path, book: Any) -> None:
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(records(0, 20), encoding="utf-8")
    second.write_text(records(10, 20), encoding="utf-8")
    split, flat = tmp_path / "split", tmp_path / "flat"
    code_corpus([first], split, book, partition_by=PartitionBy.MONTH)
    code_corpus([first], flat, book)
    result = code_corpus([second], split, book, append=True)  # no --partition-by: the dataset's is kept
    code_corpus([second], flat, book, append=True)
    assert (result.articles, result.skipped) == (10, 10)
    assert not list((split / "mentions").glob("*.parquet"))  # nothing flat beside the partitions
    for name in TABLES:
        assert_frame_equal(table(split, name), table(flat, name))
    with pytest.raises(DatasetError, match="partitioned by month"):
        code_corpus([second], split, book, append=True, partition_by=PartitionBy.YEAR)
    with pytest.raises(DatasetError, match="flat parts"):
        code_corpus([second], flat, book, append=True, partition_by=PartitionBy.YEAR)


def test_cli_partition_by(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    result = runner.invoke(app, ["code", str(corpus), "--out", str(out), "--partition-by", "year", "-c", str(MINI)])
    assert result.exit_code == 0, result.output
    assert "events by CAMEO root code" in result.output
    assert {p.name for p in (out / "events").iterdir()} >= {"year=2023", "year=2024", f"year={NULL_PARTITION}"}
    result = runner.invoke(app, ["code", str(corpus), "--out", str(out), "--partition-by", "week"])
    assert result.exit_code == 2
