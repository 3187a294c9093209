"""URLs are meant as given (never a local ``s3:/`` directory), unknown schemes are refused before any work;
`-` streams exports and is refused for datasets (issues 11 item 9, 13 item 4)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from eventcoder.cli import app
from eventcoder.errors import StreamError
from eventcoder.export.exporting import export_table, export_view
from eventcoder.export.formats import ExportFormat
from eventcoder.paths import run_paths
from eventcoder.storage import is_url, url_of

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "aid_yemen_prisoners.txt")
runner = CliRunner()

@pytest.mark.parametrize(
    ("given", "meant"),
    [("s3://bucket/run", "s3://bucket/run"), (Path("s3://bucket/run"), "s3://bucket/run"),  # pathlib folds "//"
     ("memory://b/r", "memory://b/r"), ("gs://b/x.tsv", "gs://b/x.tsv"),
     ("file:///tmp/run", Path("/tmp/run")), (Path("file:///tmp/run"), Path("/tmp/run")),
     ("output/run", Path("output/run")), ("C:/data/run", Path("C:/data/run")), ("a:b/c", Path("a:b/c")),
     ("run:2024", Path("run:2024")), ("-", Path("-"))],
)  # fmt: skip
def test_url_of(given: str | Path, meant: str | Path) -> None:
    assert url_of(given) == meant
    assert is_url(given) == isinstance(meant, str)


@pytest.mark.parametrize(("inputs", "out", "error"), [([EXAMPLE], "-", StreamError), (["-"], "o", None),
                                                     (["s3://b/in.jsonl"], "gs://b/o", None)])  # fmt: skip
def test_run_paths(inputs: list[str], out: str, error: type[Exception] | None) -> None:
    if error is None:
        run_paths(inputs, out)
    else:
        with pytest.raises(error):
            run_paths(inputs, out)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["code", EXAMPLE, "--out", "nosuchscheme://bucket/run"], "EC320"),
        (["code", "nosuchscheme://bucket/in.jsonl", "--out", "run"], "EC320"),
        (["code", EXAMPLE, "--out", "-"], "EC321"),
        (["code", EXAMPLE, "--out", "gs://bucket/run"], "EC601"),  # gcsfs is not installed: the message says so
        (["report", "nosuchscheme://bucket/run"], "EC320"),
        (["export", "nosuchscheme://bucket/run", "--view", "gdelt", "--to", "g.tsv"], "EC320"),
        (["code", EXAMPLE, "--out", "memory://eventcoder-paths/absent", "--append"], "EC302"),
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
    assert list(tmp_path.iterdir()) == []  # never a local directory such as s3:/bucket/run


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("paths") / "run"
    assert runner.invoke(app, ["code", EXAMPLE, "--out", str(out), "-q"]).exit_code == 0
    return out


def test_export_to_an_unknown_scheme_is_refused(dataset: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(dataset), "--view", "gdelt", "--to", "nosuchscheme://bucket/g.tsv"])
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
