"""URLs are refused before any work; `-` streams exports and is refused for datasets (issue 11, item 9)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from eventcoder.cli import app
from eventcoder.errors import RemotePathError, StreamError
from eventcoder.export.exporting import export_table, export_view
from eventcoder.export.formats import ExportFormat
from eventcoder.paths import local_path, run_paths

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "aid_yemen_prisoners.txt")
runner = CliRunner()

URLS = ["s3://bucket/run", "gs://bucket/run", "http://example.org/run", "https://example.org/a.tsv",
        "file:///tmp/run", "az://container/run", "hdfs://namenode/run"]  # fmt: skip


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("as_path", [False, True])  # pathlib folds "s3://b" into "s3:/b": still refused
def test_urls_are_refused(url: str, as_path: bool) -> None:
    with pytest.raises(RemotePathError, match="URL"):
        local_path(Path(url) if as_path else url, "--out")


@pytest.mark.parametrize("path", ["output/run", "/tmp/run", "C:/data/run", "a:b/c", "-", "run:2024"])
def test_local_paths_pass(path: str) -> None:
    assert local_path(path) == Path(path)


@pytest.mark.parametrize(
    ("inputs", "out", "error"),
    [(["s3://b/in.jsonl"], "o", RemotePathError), ([EXAMPLE], "gs://b/o", RemotePathError),
     ([EXAMPLE], "-", StreamError), (["-"], "o", None)],
)  # fmt: skip
def test_run_paths(inputs: list[str], out: str, error: type[Exception] | None) -> None:
    if error is None:
        assert run_paths(inputs, out) == Path(out)
    else:
        with pytest.raises(error):
            run_paths(inputs, out)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["code", EXAMPLE, "--out", "s3://bucket/run"], "EC320"),
        (["code", "s3://bucket/in.jsonl", "--out", "run"], "EC320"),
        (["code", EXAMPLE, "--out", "-"], "EC321"),
        (["code", EXAMPLE, "--out", "file:///tmp/eventcoder-run"], "EC320"),
        (["report", "s3://bucket/run"], "EC320"),
        (["export", "gs://bucket/run", "--view", "gdelt", "--to", "g.tsv"], "EC320"),
    ],
)
def test_cli_refuses_before_any_work(tmp_path: Path, args: list[str], code: str) -> None:
    before = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = runner.invoke(app, args)
    finally:
        os.chdir(before)
    assert result.exit_code == 2, result.output
    assert code in result.output
    assert list(tmp_path.iterdir()) == []  # was: a local directory s3:/bucket/run


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("paths") / "run"
    assert runner.invoke(app, ["code", EXAMPLE, "--out", str(out), "-q"]).exit_code == 0
    return out


def test_export_to_a_url_is_refused(dataset: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(dataset), "--view", "gdelt", "--to", "s3://bucket/g.tsv"])
    assert result.exit_code == 2 and "EC320" in result.output


@pytest.mark.parametrize("fmt", [ExportFormat.CSV, ExportFormat.TSV, ExportFormat.PARQUET])
def test_exports_stream_to_stdout(dataset: Path, tmp_path: Path, fmt: ExportFormat) -> None:
    file = tmp_path / f"events.{fmt.value}"
    export_table(dataset, "events", file)
    stream = io.BytesIO()
    rows = export_table(dataset, "events", "-", fmt=fmt, stdout=stream)
    if fmt is ExportFormat.PARQUET:
        assert pl.read_parquet(io.BytesIO(stream.getvalue())).equals(pl.read_parquet(file))
    else:
        assert stream.getvalue() == file.read_bytes() and rows > 0


def test_cli_streams_a_view(dataset: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(dataset), "--view", "gdelt", "--to", "-", "--format", "tsv",
                                 "--no-header"])  # fmt: skip
    assert result.exit_code == 0, result.output
    export_view(dataset, "gdelt", tmp_path / "g.tsv", header=False)
    assert result.stdout_bytes == (tmp_path / "g.tsv").read_bytes()  # the summary line goes to stderr
    assert not list(Path(".").glob("-"))


def test_stdout_default_format_is_csv(dataset: Path) -> None:
    stream = io.BytesIO()
    export_view(dataset, "icews", "-", stdout=stream)
    assert stream.getvalue().startswith(b"Event ID,Event Date,")
