"""Issue 13 item 4 on S3: a moto S3 server started here on a free localhost port, reached through s3fs.

The server is moto's own HTTP server (not a mock of the client), so the
requests s3fs sends are the ones a real bucket gets. The tests skip with the
reason when moto's server or s3fs is not installed (``pip install
'eventcoder[test]'`` brings both).
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from dataset_tables import table
from polars.testing import assert_frame_equal
from typer.testing import CliRunner

from eventcoder import code_corpus, load_codebook
from eventcoder.cli import app
from eventcoder.errors import IncompleteDatasetError
from eventcoder.export.exporting import export_view
from eventcoder.export.partition import PartitionBy
from eventcoder.export.schema import TABLES
from eventcoder.storage import open_dataset

pytest.importorskip("s3fs", reason="s3:// needs s3fs: pip install 'eventcoder[remote]'")
moto_server = pytest.importorskip("moto.server", reason="the S3 server is moto's: pip install 'moto[server]'")

MINI = Path(__file__).parents[1] / "data" / "mini_codebook"
SENTENCES = ["France condemned Russia on Monday.", "Iran called on Iraq to act.",
             "Israel was attacked by Iranian militias.", "France and Germany urged Iran."]  # fmt: skip
BUCKET = "eventcoder-test"
runner = CliRunner()


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A moto S3 server on 127.0.0.1 (a free port), one bucket, and the s3fs filesystem that reaches it."""
    import s3fs

    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    patch = pytest.MonkeyPatch()
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": f"http://{host}:{port}"}.items():
        patch.setenv(name, value)
    patch.delenv("AWS_PROFILE", raising=False)
    s3fs.S3FileSystem.clear_instance_cache()
    fs = s3fs.S3FileSystem()
    fs.mkdir(BUCKET)
    try:
        yield fs
    finally:
        s3fs.S3FileSystem.clear_instance_cache()
        patch.undo()
        server.stop()


def prefix() -> str:
    return f"s3://{BUCKET}/{secrets.token_hex(4)}"


def records(first: int, n: int) -> str:
    rows = [{"id": f"a{i}", "text": " ".join(SENTENCES[i % 4: i % 4 + 2]),
             "published": f"202{3 + i % 2}-0{1 + i % 9}-15"} for i in range(first, first + n)]  # fmt: skip
    return "".join(json.dumps(r) + "\n" for r in rows)


@pytest.fixture(scope="module")
def book() -> Any:
    return load_codebook(MINI)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("s3-inputs") / "news.jsonl"
    path.write_text(records(0, 24), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def local_run(tmp_path_factory: pytest.TempPathFactory, corpus: Path, book: Any) -> Path:
    out = tmp_path_factory.mktemp("s3-local") / "run"
    code_corpus([corpus], out, book)
    return out


def test_round_trip_through_s3(s3: Any, corpus: Path, book: Any, local_run: Path, tmp_path: Path) -> None:
    source, url = prefix() + "/in/news.jsonl", prefix()
    s3.put_file(str(corpus), source.removeprefix("s3://"))
    result = code_corpus([source], url, book)
    assert result.out == url and result.articles == 24
    keys = s3.find(url.removeprefix("s3://"))
    assert f"{url.removeprefix('s3://')}/manifest.json" in keys
    with open_dataset(url) as copy:
        for name in TABLES:
            if name != "articles":  # articles name their origin, here the input's URL
                assert_frame_equal(table(copy, name), table(local_run, name))
        assert table(copy, "articles").get_column("origin").str.starts_with(source).all()
    target = url + "-gdelt.csv"
    assert export_view(url, "gdelt", target) > 0
    with s3.open(target.removeprefix("s3://"), "rb") as handle:
        assert handle.read().startswith(b"GlobalEventID")
    assert not [k for k in s3.ls(BUCKET) if ".tmp-" in k]  # no staging prefix left


def test_append_and_the_manifest_guard_on_s3(s3: Any, corpus: Path, book: Any, tmp_path: Path) -> None:
    url = prefix()
    more = tmp_path / "more.jsonl"
    more.write_text(records(20, 10), encoding="utf-8")
    code_corpus([corpus], url, book, partition_by=PartitionBy.YEAR)
    result = code_corpus([more], url, book, append=True)
    assert (result.articles, result.skipped) == (6, 4)
    assert s3.isdir(f"{url.removeprefix('s3://')}/events/year=2024")
    s3.rm_file(f"{url.removeprefix('s3://')}/manifest.json")
    with pytest.raises(IncompleteDatasetError):
        export_view(url, "gdelt", tmp_path / "g.tsv")
    with pytest.raises(IncompleteDatasetError):
        code_corpus([more], url, book, append=True)


def test_polars_and_duckdb_read_the_s3_dataset(s3: Any, corpus: Path, book: Any) -> None:
    """What the README tells users: read the tables straight from the bucket."""
    url = prefix()
    code_corpus([corpus], url, book, partition_by=PartitionBy.MONTH)
    options = {"aws_endpoint_url": s3.client_kwargs.get("endpoint_url") or _endpoint(), "aws_region": "us-east-1",
               "aws_access_key_id": "testing", "aws_secret_access_key": "testing", "aws_allow_http": "true"}
    events = pl.scan_parquet(f"{url}/events/", hive_partitioning=True, storage_options=options)
    assert events.filter(pl.col("year") == 2024).collect().height > 0
    duckdb = pytest.importorskip("duckdb")
    with open_dataset(url) as copy:
        expected = table(copy, "events").height
    fs_events = duckdb.connect()
    fs_events.register_filesystem(s3)
    rows = fs_events.sql(f"SELECT count(*) FROM read_parquet('{url}/events/**/*.parquet', hive_partitioning = true)")
    assert rows.fetchall()[0][0] == expected


def _endpoint() -> str:
    return os.environ["AWS_ENDPOINT_URL"]


def test_dask_engine_writes_to_s3(s3: Any, corpus: Path, local_run: Path) -> None:
    """Workers write parts into the driver's local spool, so a LocalCluster serves; the driver splits the
    tables by month and commits to S3. The dataset holds the local engine's rows."""
    pytest.importorskip("distributed")
    url = prefix()
    result = runner.invoke(app, ["code", str(corpus), "--out", url, "--engine", "dask", "--workers", "2",
                                 "--partition-by", "month", "-q", "-c", str(MINI)])  # fmt: skip
    assert result.exit_code == 0, result.output
    with open_dataset(url) as copy:
        assert (copy / "mentions" / "year=2024" / "month=02").is_dir()
        for name in TABLES:
            assert_frame_equal(table(copy, name), table(local_run, name))
