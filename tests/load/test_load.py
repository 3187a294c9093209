"""eventcoder load (issue 16): idempotent, incremental, replacing, all or nothing; the same on DuckDB and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from conftest import ROOT, Datasets, Target

from eventcoder.errors import DatabaseUrlError, DatasetError, LoadError
from eventcoder.export.reader import read_table
from eventcoder.export.views import VIEWS, export_view
from eventcoder.load import Backend, load_dataset, parse_url
from eventcoder.load import run as load_run
from eventcoder.load.sqlviews import sql_name
from eventcoder.load.tables import SPECS

TABLES = tuple(SPECS)


def query(target: Target, sql: str) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` ({schema} is the target's schema), from a connection of its own."""
    sql = sql.format(schema=target.schema)
    if target.backend == "duckdb":
        import duckdb

        with duckdb.connect(target.url.removeprefix("duckdb://"), read_only=True) as db:
            return db.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(target.url) as db:
        return db.execute(sql).fetchall()


def snapshot(target: Target) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: two equal snapshots are two equal databases."""
    found = query(target, "SELECT table_name FROM information_schema.tables WHERE table_schema = '{schema}'")
    names = sorted(name for (name,) in found)
    return {name: sorted(map(repr, query(target, f"SELECT * FROM {{schema}}.{name}"))) for name in names}  # type: ignore[misc]


def counts(target: Target) -> dict[str, int]:
    return {t: query(target, f"SELECT count(*) FROM {{schema}}.{t}")[0][0] for t in TABLES}


def dataset_counts(dataset: Path) -> dict[str, int]:
    found = {t: read_table(dataset, t).height for t in TABLES}
    rejects = read_table(dataset, "rejects")
    found["rejects"] = rejects.select("origin", "locator", "kind", "reason").unique().height
    return found


def load(dataset: Path, target: Target) -> load_run.LoadResult:
    return load_dataset(dataset, target.url, schema=target.schema)


def test_a_load_holds_every_row_of_the_dataset(datasets: Datasets, target: Target) -> None:
    result = load(datasets.base, target)
    assert counts(target) == dataset_counts(datasets.base)
    assert result.articles_added == dataset_counts(datasets.base)["articles"] and result.articles_replaced == 0
    held = {row[0] for row in query(target, "SELECT mention_id FROM {schema}.mentions")}
    assert held == set(read_table(datasets.base, "mentions").get_column("mention_id"))


def test_loading_twice_changes_nothing(datasets: Datasets, target: Target) -> None:
    load(datasets.base, target)
    before = snapshot(target)
    again = load(datasets.base, target)
    assert again.skipped and not again.changed
    assert snapshot(target) == before


def test_a_rewritten_but_equal_dataset_writes_nothing(datasets: Datasets, target: Target, tmp_path: Path) -> None:
    load(datasets.base, target)
    before = snapshot(target)
    copy = tmp_path / "copy"
    subprocess_copy(datasets.base, copy)
    manifest = copy / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"finished"', '"finished_again": 1, "finished"', 1))
    result = load(copy, target)
    assert not result.skipped and not result.changed
    assert result.articles_unchanged == dataset_counts(copy)["articles"]
    assert snapshot(target) == before


def subprocess_copy(source: Path, target: Path) -> None:
    import shutil

    shutil.copytree(source, target)


def test_an_appended_dataset_loads_only_what_is_new(datasets: Datasets, target: Target) -> None:
    load(datasets.base, target)
    old = dataset_counts(datasets.base)["articles"]
    result = load(datasets.appended, target)
    new = dataset_counts(datasets.appended)
    assert result.articles_added == new["articles"] - old
    assert result.articles_unchanged + result.articles_replaced == old
    assert result.inserted["mentions"] < new["mentions"] or result.articles_replaced
    assert counts(target) == new


def test_a_recoded_dataset_replaces_its_articles(datasets: Datasets, target: Target) -> None:
    load(datasets.base, target)
    result = load(datasets.recoded, target)
    assert result.articles_replaced == dataset_counts(datasets.recoded)["articles"]
    assert counts(target) == dataset_counts(datasets.recoded)
    held = {row[0] for row in query(target, "SELECT mention_id FROM {schema}.mentions")}
    assert held == set(read_table(datasets.recoded, "mentions").get_column("mention_id"))
    books = query(target, "SELECT DISTINCT codebook_hash FROM {schema}.articles")
    assert len(books) == 1, "an article held in two codings"


def test_a_failed_load_leaves_the_database_as_it_was(
    datasets: Datasets, target: Target, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(datasets.base, target)
    before = snapshot(target)

    def broken(self: Any, *args: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(load_run._Loader, "sync_derived", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        load(datasets.recoded, target)  # articles were replaced, then the load failed
    assert snapshot(target) == before


def test_a_database_error_is_a_load_error_and_rolls_back(
    datasets: Datasets, target: Target, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(datasets.base, target)
    before = snapshot(target)
    monkeypatch.setattr(load_run, "LOADS", "no_such_table")
    with pytest.raises(LoadError, match="rolled back"):
        load(datasets.appended, target)
    monkeypatch.undo()
    assert snapshot(target) == before


def test_killing_the_loader_mid_load_leaves_the_database_as_it_was(datasets: Datasets, target: Target) -> None:
    load(datasets.base, target)
    before = snapshot(target)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "eventcoder", "load", str(datasets.recoded), "--db", target.url,
               "--schema", target.schema]  # fmt: skip
    child = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    assert child.stderr is not None
    for line in child.stderr:  # the old rows are deleted and new ones written: now kill it
        if line.startswith("mentions:"):
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL, "the load ended before it could be killed"
    time.sleep(0.2)
    assert snapshot(target) == before


def test_views_have_the_columns_and_rows_of_export(datasets: Datasets, target: Target, tmp_path: Path) -> None:
    load(datasets.base, target)
    for view in VIEWS:
        written = tmp_path / f"{view}.parquet"
        export_view(datasets.base, view, written)
        expected = pl.read_parquet(written)
        name = sql_name(view)
        columns = query(target, "SELECT column_name FROM information_schema.columns WHERE table_schema = '{schema}' "
                        f"AND table_name = '{name}' ORDER BY ordinal_position")  # fmt: skip
        assert [c for (c,) in columns] == expected.columns, view
        rows = query(target, f"SELECT * FROM {{schema}}.{name}")
        assert sorted(map(repr, rows)) == sorted(map(repr, expected.rows())), view


def test_keys_references_indexes_and_comments(datasets: Datasets, target: Target) -> None:
    load(datasets.base, target)
    if target.backend == "postgresql":
        keys = query(target, "SELECT table_name, count(*) FROM information_schema.table_constraints WHERE "
                     "table_schema = '{schema}' AND constraint_type = 'PRIMARY KEY' GROUP BY table_name")  # fmt: skip
        assert {t for t, _ in keys} >= set(TABLES)
        fks = query(target, "SELECT count(*) FROM information_schema.table_constraints "
                    "WHERE table_schema = '{schema}' AND constraint_type = 'FOREIGN KEY'")  # fmt: skip
        assert fks[0][0] == sum(len(s.foreign_keys) for s in SPECS.values())
        comment = query(target, "SELECT col_description('{schema}.mentions'::regclass, 14)")  # event_code
        indexes = query(target, "SELECT count(*) FROM pg_indexes WHERE schemaname = '{schema}'")
        assert indexes[0][0] >= sum(len(s.indexes) for s in SPECS.values())
    else:  # no ART keys or indexes (they would hold the whole table in memory): the comments name the keys
        comment = query(target, "SELECT comment FROM duckdb_columns() WHERE schema_name = '{schema}' "
                        "AND table_name = 'mentions' AND column_name = 'event_code'")  # fmt: skip
        tables = dict(query(target, "SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = '{schema}'"))
        for name, spec in SPECS.items():
            assert f"key, checked by eventcoder load: {','.join(spec.primary_key)}" in tables[name]
    assert comment[0][0].startswith("CAMEO event code")


def _with_a_repeated_mention(source: Path, target: Path) -> None:
    """A copy of ``source`` whose last mentions part repeats its first row (same mention and pattern ids)."""
    import shutil

    shutil.copytree(source, target)
    part = sorted((target / "mentions").glob("*.parquet"))[-1]
    rows = pl.read_parquet(part)
    pl.concat([rows, rows.head(1)]).write_parquet(part)
    manifest = target / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"finished"', '"finished_broken": 1, "finished"', 1))


def test_a_repeated_key_fails_the_load_and_rolls_it_back(datasets: Datasets, target: Target, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    _with_a_repeated_mention(datasets.base, broken)
    load(datasets.base, target)
    before = snapshot(target)
    with pytest.raises(LoadError, match="rolled back"):
        load(broken, target)
    assert snapshot(target) == before


def test_views_after_an_append_have_the_rows_of_export(datasets: Datasets, target: Target, tmp_path: Path) -> None:
    """Equal to an export of the appended dataset but for the time stamps: older rows keep when they were added."""
    stamped = {"gdelt": ("DATEADDED",), "gdelt-mentions": ("EventTimeDate", "MentionTimeDate"), "acled": ("timestamp",)}
    load(datasets.base, target)
    load(datasets.appended, target)
    for view in VIEWS:
        written = tmp_path / f"{view}.parquet"
        export_view(datasets.appended, view, written)
        expected = pl.read_parquet(written).drop(stamped.get(view, ()))
        columns = ", ".join(f'"{c}"' for c in expected.columns)
        rows = query(target, f"SELECT {columns} FROM {{schema}}.{sql_name(view)}")
        assert sorted(map(repr, rows)) == sorted(map(repr, expected.rows())), view


def test_an_append_digests_only_the_articles_of_new_parts(
    datasets: Datasets, target: Target, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    digested: list[int] = []
    real = load_run.article_digests

    def counting(*args: Any, **kwargs: Any) -> pl.DataFrame:
        frame = real(*args, **kwargs)
        digested.append(frame.height)
        return frame

    monkeypatch.setattr(load_run, "article_digests", counting)
    load(datasets.base, target)
    copy = tmp_path / "copy"
    subprocess_copy(datasets.base, copy)
    manifest = copy / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"finished"', '"finished_again": 1, "finished"', 1))
    load(copy, target)
    result = load(datasets.appended, target)
    base_parts = {_hash(f) for f in datasets.base.rglob("*.parquet")}
    fresh = [f for t in ("articles", "mentions", "actor_mentions") for f in (datasets.appended / t).glob("*.parquet")
             if _hash(f) not in base_parts]  # fmt: skip
    expected = pl.concat([pl.read_parquet(f).select("article_id") for f in fresh]).unique().height
    assert digested == [dataset_counts(datasets.base)["articles"], 0, expected]
    assert expected < dataset_counts(datasets.appended)["articles"], "the append rewrote every part: nothing tested"
    assert result.articles_added + result.articles_replaced <= expected


def _hash(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("text", "backend", "target"),
    [
        ("duckdb:///data/events.duckdb", Backend.DUCKDB, "/data/events.duckdb"),
        ("duckdb://events.duckdb", Backend.DUCKDB, "events.duckdb"),
        ("out/events.duckdb", Backend.DUCKDB, "out/events.duckdb"),
        ("postgresql://me@db.example/events", Backend.POSTGRESQL, "postgresql://me@db.example/events"),
        ("postgres://me@/events?host=/tmp", Backend.POSTGRESQL, "postgres://me@/events?host=/tmp"),
    ],
)
def test_database_urls(text: str, backend: Backend, target: str) -> None:
    url = parse_url(text)
    assert (url.backend, url.target) == (backend, target)


@pytest.mark.parametrize("text", ["mysql://me@db/events", "events.sqlite", "duckdb://", ""])
def test_unknown_database_urls_are_refused(text: str) -> None:
    with pytest.raises(DatabaseUrlError):
        parse_url(text)


def test_a_password_is_never_shown() -> None:
    assert "secret" not in str(parse_url("postgresql://me:secret@db/events"))


@pytest.mark.parametrize("schema", ["drop table x", "1abc", "a-b", ""])
def test_a_schema_must_be_an_identifier(datasets: Datasets, tmp_path: Path, schema: str) -> None:
    with pytest.raises(DatabaseUrlError):
        load_dataset(datasets.base, f"duckdb:///{tmp_path / 'x.duckdb'}", schema=schema)


def test_only_a_dataset_is_loaded(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(DatasetError):
        load_dataset(tmp_path, f"duckdb:///{tmp_path / 'x.duckdb'}")
    with pytest.raises(DatasetError):
        load_dataset(tmp_path / "missing", f"duckdb:///{tmp_path / 'x.duckdb'}")


def test_lists_with_quotes_and_backslashes_survive_copy(pg_server: Any) -> None:
    import psycopg
    import pyarrow as pa

    from eventcoder.load.pg import PgSession

    values = [["plain", 'say "no"', "back\\slash", "comma, and {brace}", ""], [], None]
    frame = pl.DataFrame({"variants": values}, schema={"variants": pl.List(pl.String)})
    connection = psycopg.connect(pg_server.url)
    try:
        session = PgSession(connection, (psycopg.Error,))
        session.execute("CREATE TEMP TABLE t (n serial, variants text[])")
        session.insert_frame("t", frame, [("variants", pa.list_(pa.string()))])
        rows = connection.execute("SELECT variants FROM t ORDER BY n").fetchall()
    finally:
        connection.close()
    assert [r[0] for r in rows] == values
