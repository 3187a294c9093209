"""Issue 13 item 4: datasets, inputs and exports on an fsspec filesystem (``memory://`` here).

A run to a URL must give the same tables as a local run; every reader must
refuse a prefix without a complete manifest; a commit that fails half-way
must never leave a prefix that reads as a dataset.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fsspec
import polars as pl
import pytest
from polars.testing import assert_frame_equal
from typer.testing import CliRunner

from eventcoder import code_corpus, load_codebook
from eventcoder.cli import app
from eventcoder.errors import (
    DatasetError,
    IncompleteDatasetError,
    InputError,
    NotADatasetError,
    OutputError,
    OutputExistsError,
)
from eventcoder.export.exporting import export_table, export_view
from eventcoder.export.schema import TABLES
from eventcoder.panels import panel
from eventcoder.report import write_report
from eventcoder.scoring import evaluate_dataset
from eventcoder.storage import open_dataset
from eventcoder.summary import summarize

MINI = Path(__file__).parents[1] / "data" / "mini_codebook"
SENTENCES = ["France condemned Russia on Monday.", "Iran called on Iraq to act.",
             "Israel was attacked by Iranian militias.", "France and Germany urged Iran."]  # fmt: skip
runner = CliRunner()
memory = fsspec.filesystem("memory")


def records(first: int, n: int) -> str:
    rows = [{"id": f"a{i}", "text": " ".join(SENTENCES[i % 4: i % 4 + 2]), "published": f"2024-0{1 + i % 9}-15"}
            for i in range(first, first + n)]  # fmt: skip
    return "".join(json.dumps(r) + "\n" for r in rows)


def fresh_prefix() -> str:
    return f"memory://eventcoder-tests/{secrets.token_hex(4)}"


def table(where: Path, name: str) -> pl.DataFrame:
    frame = pl.read_parquet(where / name / "**" / "*.parquet", hive_partitioning=False)
    keys = [c for c, t in frame.schema.items() if not isinstance(t, pl.List)]
    return frame.sort(keys, nulls_last=True)


def assert_same_tables(a: Path, b: Path) -> None:
    for name in TABLES:
        assert_frame_equal(table(a, name), table(b, name))


@pytest.fixture(scope="module")
def book() -> Any:
    return load_codebook(MINI)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("memory-inputs") / "news.jsonl"
    path.write_text(records(0, 30), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def local_run(tmp_path_factory: pytest.TempPathFactory, corpus: Path, book: Any) -> Path:
    out = tmp_path_factory.mktemp("memory-local") / "run"
    code_corpus([corpus], out, book)
    return out


@pytest.fixture(scope="module")
def remote_run(corpus: Path, book: Any) -> str:
    url = fresh_prefix()
    result = code_corpus([corpus], url, book)
    assert result.out == url
    return url


def test_a_run_to_a_url_writes_the_local_runs_tables(remote_run: str, local_run: Path) -> None:
    with open_dataset(remote_run) as copy:
        assert_same_tables(local_run, copy)
        assert json.loads((copy / "manifest.json").read_text())["row_counts"] == \
            json.loads((local_run / "manifest.json").read_text())["row_counts"]
    assert not [p for p in memory.ls("/eventcoder-tests", detail=False) if ".tmp-" in p]  # staging removed


def test_remote_inputs_are_read_and_named_by_their_url(corpus: Path, book: Any, local_run: Path,
                                                       tmp_path: Path) -> None:  # fmt: skip
    source = fresh_prefix() + "/in/news.jsonl"
    memory.pipe_file(source.removeprefix("memory://"), corpus.read_bytes())
    out = tmp_path / "run"
    code_corpus([source], out, book)
    assert_frame_equal(table(out, "mentions"), table(local_run, "mentions"))
    origins = table(out, "articles").get_column("origin")
    assert origins.str.starts_with(source + ":").all(), origins.head(3)
    assert json.loads((out / "manifest.json").read_text())["inputs"] == [source]


def test_a_remote_prefix_reads_like_a_directory(book: Any, tmp_path: Path) -> None:
    prefix = fresh_prefix().removeprefix("memory://")
    memory.pipe_file(f"{prefix}/news/b.jsonl", records(5, 5).encode())
    memory.pipe_file(f"{prefix}/news/a.jsonl", records(0, 5).encode())
    memory.pipe_file(f"{prefix}/news/.hidden.jsonl", records(50, 5).encode())
    local = tmp_path / "news"
    local.mkdir()
    (local / "a.jsonl").write_text(records(0, 5), encoding="utf-8")
    (local / "b.jsonl").write_text(records(5, 5), encoding="utf-8")
    code_corpus([f"memory://{prefix}/news"], tmp_path / "remote", book)
    code_corpus([local], tmp_path / "local", book)
    assert_frame_equal(table(tmp_path / "remote", "mentions"), table(tmp_path / "local", "mentions"))
    assert table(tmp_path / "remote", "articles").height == 10


def test_a_missing_remote_input_is_named(book: Any, tmp_path: Path) -> None:
    missing = fresh_prefix() + "/nothing.jsonl"
    with pytest.raises(InputError, match="nothing.jsonl"):
        code_corpus([missing], tmp_path / "run", book)
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize("view", ["gdelt", "icews", "acled"])
def test_export_of_a_url_equals_the_local_export(remote_run: str, tmp_path: Path, view: str) -> None:
    with open_dataset(remote_run) as copy:  # the same run (GDELT's DATEADDED is the run's finishing time)
        export_view(copy, view, tmp_path / "local.csv")
    target = f"{fresh_prefix()}/{view}.csv"
    rows = export_view(remote_run, view, target)
    assert memory.cat_file(target.removeprefix("memory://")) == (tmp_path / "local.csv").read_bytes()
    assert rows > 0


def test_report_panel_evaluate_and_summary_read_a_url(remote_run: str, local_run: Path, tmp_path: Path) -> None:
    written = write_report(remote_run)
    assert written == f"{remote_run}.report.html"
    assert memory.cat_file(str(written).removeprefix("memory://")).startswith(b"<!DOCTYPE html>")
    assert_frame_equal(panel(remote_run, "dyad", "month"), panel(local_run, "dyad", "month"))
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"article_id": "a1", "events": [{"source": "FRA", "target": "RUS", "code": "111"}]})
                    + "\n", encoding="utf-8")  # fmt: skip
    assert evaluate_dataset(gold, remote_run).events == evaluate_dataset(gold, local_run).events
    assert summarize(remote_run).counts == summarize(local_run).counts


def test_append_to_a_url_adds_only_new_articles(tmp_path: Path, book: Any) -> None:
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(records(0, 12), encoding="utf-8")
    second.write_text(records(6, 12), encoding="utf-8")  # a6..a11 are known already
    url, local = fresh_prefix(), tmp_path / "local"
    for out in (url, local):
        code_corpus([first], out, book)
        result = code_corpus([second], out, book, append=True)
        assert (result.articles, result.skipped) == (6, 6)
    with open_dataset(url) as copy:
        assert_same_tables(local, copy)


def _without_manifest(url: str) -> str:
    memory.rm_file(url.removeprefix("memory://") + "/manifest.json")
    return url


READERS: dict[str, Callable[[str, Path], object]] = {
    "export": lambda url, tmp: export_view(url, "gdelt", tmp / "g.tsv"),
    "export table": lambda url, tmp: export_table(url, "events", tmp / "e.parquet"),
    "report": lambda url, tmp: write_report(url, tmp / "r.html"),
    "panel": lambda url, tmp: panel(url, "dyad", "year"),
    "summary": lambda url, tmp: summarize(url),
    "evaluate": lambda url, tmp: evaluate_dataset(tmp / "gold.jsonl", url),
}


@pytest.mark.parametrize("reader", sorted(READERS))
def test_every_reader_refuses_a_prefix_without_its_manifest(corpus: Path, book: Any, tmp_path: Path,
                                                            reader: str) -> None:  # fmt: skip
    url = fresh_prefix()
    code_corpus([corpus], url, book)
    gold = {"article_id": "a1", "events": [{"source": "FRA", "target": "RUS", "code": "111"}]}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    READERS[reader](url, tmp_path)  # reads while complete
    _without_manifest(url)
    with pytest.raises(IncompleteDatasetError, match="no complete manifest"):
        READERS[reader](url, tmp_path)
    with pytest.raises(IncompleteDatasetError):
        code_corpus([corpus], url, book, append=True)
    code_corpus([corpus], url, book, overwrite=True)  # --overwrite writes it again
    READERS[reader](url, tmp_path)


def test_load_refuses_a_prefix_without_its_manifest(corpus: Path, book: Any, tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    from eventcoder.load import load_dataset

    url = fresh_prefix()
    code_corpus([corpus], url, book)
    loaded = load_dataset(url, f"duckdb:///{tmp_path / 'x.duckdb'}")
    assert loaded.articles_added == 30
    _without_manifest(url)
    with pytest.raises(IncompleteDatasetError):
        load_dataset(url, f"duckdb:///{tmp_path / 'y.duckdb'}")


@pytest.mark.parametrize(
    ("existing", "flags", "error"),
    [("nothing", {"append": True}, DatasetError), ("foreign", {}, OutputExistsError),
     ("foreign", {"overwrite": True}, NotADatasetError), ("foreign", {"append": True}, NotADatasetError),
     ("dataset", {}, OutputExistsError)],
)  # fmt: skip
def test_a_remote_out_is_checked_like_a_directory(corpus: Path, book: Any, existing: str, flags: dict[str, bool],
                                                  error: type[Exception]) -> None:  # fmt: skip
    url = fresh_prefix()
    if existing == "foreign":
        memory.pipe_file(url.removeprefix("memory://") + "/notes.txt", b"mine")
    elif existing == "dataset":
        code_corpus([corpus], url, book)
    with pytest.raises(error):
        code_corpus([corpus], url, book, **flags)
    if existing == "foreign":
        assert memory.cat_file(url.removeprefix("memory://") + "/notes.txt") == b"mine"


def test_a_bucket_root_is_no_dataset(corpus: Path, book: Any) -> None:
    with pytest.raises(OutputError, match="root"):
        code_corpus([corpus], "memory://eventcoder-tests", book)


@pytest.mark.parametrize("failing", ["put_file", "copy", "pipe_file"])
def test_a_failed_commit_never_reads_as_a_dataset(corpus: Path, book: Any, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch, failing: str) -> None:  # fmt: skip
    url = fresh_prefix()
    code_corpus([corpus], url, book)
    export_view(url, "gdelt", tmp_path / "before.tsv")
    more = tmp_path / "more.jsonl"
    more.write_text(records(100, 5), encoding="utf-8")
    calls = {"n": 0}
    real = getattr(type(memory), failing)

    def broken(self: Any, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == (1 if failing == "pipe_file" else 2):  # once some files are written (pipe: the manifest)
            raise OSError("the network went away")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(type(memory), failing, broken)
    with pytest.raises(OutputError):
        code_corpus([more], url, book, append=True)
    monkeypatch.undo()
    if failing == "put_file":  # still staging: the previous dataset is untouched and readable
        export_view(url, "gdelt", tmp_path / "after.tsv")
        assert (tmp_path / "after.tsv").read_bytes() == (tmp_path / "before.tsv").read_bytes()
    else:  # in the commit: readers refuse the prefix until it is written again
        with pytest.raises(IncompleteDatasetError):
            export_view(url, "gdelt", tmp_path / "after.tsv")
        code_corpus([corpus, more], url, book, overwrite=True)
        assert export_view(url, "gdelt", tmp_path / "after.tsv") > 0


def test_cli_codes_exports_and_appends_on_a_url(corpus: Path, tmp_path: Path) -> None:
    url = fresh_prefix()
    result = runner.invoke(app, ["code", str(corpus), "--out", url, "-c", str(MINI)])
    assert result.exit_code == 0, result.output
    assert f"dataset {url}:" in result.output
    result = runner.invoke(app, ["export", url, "--table", "events", "--to", f"{url}-events.parquet"])
    assert result.exit_code == 0, result.output
    with memory.open(f"{url}-events.parquet".removeprefix("memory://"), "rb") as handle:
        assert pl.read_parquet(handle).height > 0
    result = runner.invoke(app, ["code", str(corpus), "--out", url, "--append", "-q", "-c", str(MINI)])
    assert result.exit_code == 0, result.output
    _without_manifest(url)
    result = runner.invoke(app, ["report", url, "--html", str(tmp_path / "r.html")])
    assert result.exit_code == 2 and "EC305" in result.output
