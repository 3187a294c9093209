"""Issue 13: the Dask engine writes the same dataset as the local engine.

One LocalCluster of two worker processes serves the module (reached through
``scheduler=``, as ``--scheduler`` does); the CLI test starts its own. Inputs
are cut into tiny partitions, so byte ranges split files mid-way and ids
repeat across partitions.

The killed-worker test (item 6) starts its own LocalCluster, runs a Dask run
in a thread, and kills (SIGKILL) the worker process of the first attempt
seen writing parts: its pid is in the attempt's directory name
(:mod:`eventcoder.engine.attempts`). The dataset must equal a local run's.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from polars.testing import assert_frame_equal
from typer.testing import CliRunner

from eventcoder import code_corpus, load_codebook
from eventcoder.cli import app
from eventcoder.engine import Engine
from eventcoder.engine.attempts import ATTEMPTS
from eventcoder.engine.books import BookRef, resolve, ship_codebook
from eventcoder.errors import ClusterError, MissingExtraError
from eventcoder.export.schema import TABLES

MINI = Path(__file__).parents[1] / "data" / "mini_codebook"
SENTENCES = [
    "France condemned Russia on Monday.",
    "Iran called on Iraq to act.",
    "Israel was attacked by Iranian militias.",
    "France and Germany urged Iran.",
    "Masoud Barzani paid a rare visit to Baghdad.",
]


def text(i: int) -> str:
    return " ".join(SENTENCES[i % 5: i % 5 + 3])


def jsonl_lines(n: int, *, ids: bool) -> list[str]:
    """Records with or without ids, a blank line and a bad line among them."""
    lines = []
    for i in range(n):
        record = {"text": text(i), "published": f"2024-11-{1 + i % 28:02d}", "source": f"outlet{i % 3}"}
        if ids:
            record["id"] = f"a{i % 17}"  # ids repeat, within and across partitions
        lines.append(json.dumps(record))
    lines[5] = "{not json"
    lines[9] = ""
    return lines


def csv_text(n: int) -> str:
    """Rows whose quoted text spans lines (so byte ranges start inside fields), one row not valid CSV."""
    rows = ["id,text,published"]
    for i in range(n):
        body = text(i).replace(". ", '.\n\n"Yes," he said, ', 1)
        rows.append(f'r{i % 13},"{body.replace(chr(34), chr(34) * 2)}",2024-10-{1 + i % 28:02d}')
    rows[7] = 'bad,"unclosed'
    return "\n".join(rows) + "\n"


def parquet_file(path: Path, n: int) -> Path:
    rows = {"text": [text(i) for i in range(n)], "source": [f"p{i % 2}" for i in range(n)]}
    pq.write_table(pa.table(rows), path, row_group_size=7)
    return path


@pytest.fixture(scope="module")
def book():
    return load_codebook(MINI)


@pytest.fixture(scope="module")
def scheduler():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, list[Path]]:
    root = tmp_path_factory.mktemp("inputs")
    (root / "plain.jsonl").write_text("\n".join(jsonl_lines(60, ids=False)) + "\n", encoding="utf-8")
    (root / "ids.jsonl").write_text("\n".join(jsonl_lines(50, ids=True)), encoding="utf-8")  # no final break
    (root / "docs").mkdir()
    for i in range(4):
        (root / "docs" / f"d{i}.txt").write_text(f"Headline {i}\n\n{text(i)}\n", encoding="utf-8")
    (root / "docs" / "README").write_text("not data", encoding="utf-8")
    (root / "docs" / "plain.jsonl").write_text(json.dumps({"text": text(3)}) + "\n", encoding="utf-8")
    (root / "rows.csv").write_text("id,text\nc1,\"" + text(1) + "\"\nc2,\"" + text(2) + "\"\n", encoding="utf-8")
    parquet_file(root / "groups.parquet", 40)
    (root / "long.csv").write_text(csv_text(40), encoding="utf-8")
    return {
        "csv ranges": [root / "long.csv"],
        "jsonl ranges": [root / "plain.jsonl"],
        "repeated ids": [root / "ids.jsonl", root / "plain.jsonl"],
        "every format": [root / "ids.jsonl", root / "docs", root / "rows.csv", root / "groups.parquet",
                         root / "plain.jsonl"],
    }


def read(out: Path, table: str) -> pl.DataFrame:
    frame = pl.read_parquet(out / table / "*.parquet")
    keys = [name for name, dtype in frame.schema.items() if not isinstance(dtype, pl.List)]
    return frame.sort(keys, nulls_last=True)


def assert_same_dataset(local: Path, dask: Path) -> None:
    for table in TABLES:
        assert_frame_equal(read(local, table), read(dask, table), check_row_order=True)


@pytest.mark.parametrize("case", ["jsonl ranges", "repeated ids", "csv ranges", "every format"])
@pytest.mark.parametrize("partition_bytes", [700, 64 * 1024 * 1024])
def test_dask_dataset_equals_local(tmp_path, book, scheduler, inputs, case, partition_bytes):
    paths = inputs[case]
    local = code_corpus(paths, tmp_path / "local", book, batch_size=4)
    dask = code_corpus(paths, tmp_path / "dask", book, batch_size=4, engine=Engine.DASK, scheduler=scheduler,
                       partition_bytes=partition_bytes)
    assert_same_dataset(tmp_path / "local", tmp_path / "dask")
    assert (dask.articles, dask.sentences, dask.mentions, dask.rejects, dask.skipped_files) == (
        local.articles, local.sentences, local.mentions, local.rejects, local.skipped_files)
    assert dask.manifest["row_counts"] == local.manifest["row_counts"]


def test_dask_append_skips_known_ids(tmp_path, book, scheduler, inputs):
    first, second = inputs["repeated ids"]
    skipped = []
    for out, engine in ((tmp_path / "local", Engine.LOCAL), (tmp_path / "dask", Engine.DASK)):
        code_corpus([first], out, book)
        cluster = scheduler if engine is Engine.DASK else None
        result = code_corpus([first, second], out, book, append=True, engine=engine, scheduler=cluster,
                             partition_bytes=700)
        skipped.append(result.skipped_by_file)
    assert skipped[0] == skipped[1] == {str(first): 48}  # every record of the first file with an id
    assert_same_dataset(tmp_path / "local", tmp_path / "dask")


def test_cli_dask_engine_starts_a_local_cluster(tmp_path, inputs):
    pytest.importorskip("distributed")
    args = ["code", *map(str, inputs["jsonl ranges"]), "--codebook", str(MINI), "-q"]
    local = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "local")])
    dask = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "dask"), "--engine", "dask", "--workers", "2"])
    assert (local.exit_code, dask.exit_code) == (0, 0), dask.output
    assert_same_dataset(tmp_path / "local", tmp_path / "dask")
    manifest = json.loads((tmp_path / "dask" / "manifest.json").read_text())
    assert manifest["parameters"]["engine"] == "dask"


@pytest.mark.parametrize("call", ["library", "cli"])
def test_dask_engine_without_the_extra_names_it(tmp_path, monkeypatch, book, inputs, call):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed raises ImportError
    paths = inputs["jsonl ranges"]
    if call == "library":
        with pytest.raises(MissingExtraError, match=r"eventcoder\[dask\]"):
            code_corpus(paths, tmp_path / "out", book, engine=Engine.DASK)
    else:
        result = CliRunner().invoke(app, ["code", *map(str, paths), "--out", str(tmp_path / "out"),
                                          "--codebook", str(MINI), "--engine", "dask"])
        assert result.exit_code == 2
        assert "eventcoder[dask]" in result.output and "EC601" in result.output
    assert not (tmp_path / "out").exists()


_WAIT_SECONDS = 120


def corpus(path: Path, n: int) -> Path:
    lines = [json.dumps({"text": text(i), "published": f"2024-05-{1 + i % 28:02d}", "source": f"s{i % 4}"})
             for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def first_attempt_writing(root: Path, out: Path, run: threading.Thread) -> Path | None:
    """An attempt directory of the run's staging area that holds a written part, once there is one."""
    deadline = time.monotonic() + _WAIT_SECONDS
    while run.is_alive() and time.monotonic() < deadline:
        for part in root.glob(f".{out.name}.tmp-*/{ATTEMPTS}/*/articles/part-*.parquet"):
            return part.parents[1]
        time.sleep(0.01)
    return None


def test_killed_worker_leaves_the_dataset_as_a_clean_run(tmp_path):
    distributed = pytest.importorskip("distributed")
    book = load_codebook(MINI)
    source = corpus(tmp_path / "news.jsonl", 600)
    code_corpus([source], tmp_path / "local", book, batch_size=2)
    out = tmp_path / "dask"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        pids = set(distributed.Client(cluster).run(os.getpid).values())
        failure: list[BaseException] = []

        def run() -> None:
            try:
                code_corpus([source], out, book, batch_size=2, engine=Engine.DASK,
                            scheduler=cluster.scheduler_address, partition_bytes=8 * 1024)
            except BaseException as exc:  # noqa: BLE001 - handed to the test thread
                failure.append(exc)

        thread = threading.Thread(target=run)
        thread.start()
        attempt = first_attempt_writing(tmp_path, out, thread)
        assert attempt is not None, "no attempt was seen writing parts"
        pid = int(attempt.name.split("-")[1])
        assert pid in pids
        os.kill(pid, signal.SIGKILL)
        thread.join(_WAIT_SECONDS)
        assert not thread.is_alive()
    assert failure == []
    assert not attempt.exists()
    assert_same_dataset(tmp_path / "local", out)
    left = [p.name for p in out.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]
    assert left == []


@pytest.mark.parametrize("root", ["same directory", "no directory", "another codebook"])
def test_workers_load_the_codebook_or_are_sent_it(tmp_path, book, scheduler, inputs, root):
    """Workers load the codebook from its directory when that gives the same hash; else it is sent whole."""
    distributed = pytest.importorskip("distributed")
    roots = {"same directory": book.root, "no directory": tmp_path / "absent",
             "another codebook": Path(load_codebook().root)}
    moved = dataclasses.replace(book, root=roots[root])
    with distributed.Client(scheduler) as client:
        shipped = ship_codebook(client, moved)
    assert isinstance(shipped, BookRef) == (root == "same directory")
    code_corpus(inputs["jsonl ranges"], tmp_path / "local", book, batch_size=4)
    code_corpus(inputs["jsonl ranges"], tmp_path / "dask", moved, batch_size=4, engine=Engine.DASK,
                scheduler=scheduler, partition_bytes=700)
    assert_same_dataset(tmp_path / "local", tmp_path / "dask")


def test_a_worker_that_loads_another_codebook_fails_its_task(book):
    with pytest.raises(ClusterError, match="could not load the codebook"):
        resolve(BookRef(str(book.root), "0" * 64))
