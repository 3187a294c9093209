"""Load a dataset into a database schema, idempotently, in one transaction.

What a load writes, table by table (all in one transaction; any failure, or
the loader being killed, rolls everything back):

- ``articles``, ``mentions``, ``actor_mentions``: rows of the articles the
  schema does not hold, and of the articles whose coding digest
  (:mod:`eventcoder.load.digest`) differs from the one it holds: their old
  rows are deleted first, so no article is ever held in two codings.
  Articles the schema holds and the dataset does not are kept.
- ``events``, ``actors``: recomputed by every run over the whole dataset, so
  rows that differ from the database's are replaced and new ones inserted;
  then rows no longer referenced by any mention (an event or actor only a
  replaced coding had) are deleted.
- ``rejects``: those whose ``reject_id`` is new.
- the views (:mod:`eventcoder.load.sqlviews`) are rebuilt when anything changed,
  and a row added to ``loads``.

A load of the dataset that the last load loaded (same manifest) does
nothing at all; a load that finds nothing to change commits nothing.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa

from eventcoder.errors import DatasetError, LoadError
from eventcoder.export.exporting import parse_time
from eventcoder.export.reader import read_manifest, scan_table
from eventcoder.export.target import check_dataset
from eventcoder.load.digest import article_digests, reject_rows
from eventcoder.load.session import Session
from eventcoder.load.sqlviews import codebook_tables, rebuild_views, view_names
from eventcoder.load.tables import LOADS, SPECS, Dialect, create_statements, literal, orphan_checks, quote
from eventcoder.load.url import Backend, DatabaseUrl, check_schema_name, parse_url
from eventcoder.storage import open_dataset, url_of

__all__ = ["DEFAULT_SCHEMA", "LoadProgress", "LoadResult", "load_dataset"]

DEFAULT_SCHEMA = "eventcoder"


@dataclass(frozen=True, slots=True)
class LoadProgress:
    """Rows written so far into ``table`` (``total``: the dataset's rows of it, when all are loaded)."""

    table: str
    rows: int
    total: int | None = None


@dataclass(slots=True)
class LoadResult:
    """What a load did: rows inserted and deleted per table, articles by fate, view rows."""

    database: str
    schema: str
    skipped: bool = False
    articles_added: int = 0
    articles_replaced: int = 0
    articles_unchanged: int = 0
    inserted: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    views: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return any(self.inserted.values()) or any(self.deleted.values()) or bool(self.views)


def load_dataset(
    dataset: Path | str,
    db: DatabaseUrl | str,
    *,
    schema: str = DEFAULT_SCHEMA,
    progress: Callable[[LoadProgress], None] | None = None,
) -> LoadResult:
    """Load the dataset at ``dataset`` into ``schema`` of the database ``db`` (see the module docstring).

    ``dataset`` may be an fsspec URL: its complete dataset is read down first (:mod:`eventcoder.storage`).
    """
    with open_dataset(dataset, "load") as directory:
        source = dataset if isinstance(url_of(dataset), str) else None
        return _load(directory, str(source) if source is not None else None, db, schema, progress)


def _load(
    directory: Path, source: str | None, db: DatabaseUrl | str, schema: str,
    progress: Callable[[LoadProgress], None] | None,
) -> LoadResult:  # fmt: skip
    started = time.perf_counter()
    if not directory.is_dir():
        raise DatasetError(f"{directory} is not a directory")
    check_dataset(directory, "load")
    manifest = read_manifest(directory)
    target = db if isinstance(db, DatabaseUrl) else parse_url(db)
    check_schema_name(schema)
    session = _open(target, schema)
    result = LoadResult(str(target), schema)
    try:
        loader = _Loader(session, directory, manifest, schema, progress or (lambda _: None))
        loader.source = source or str(directory.resolve())
        loader.run(result)
        if result.changed:
            session.commit()
        else:
            session.rollback()
    except session.errors as exc:
        session.rollback()
        raise LoadError(f"loading {directory} into {target} failed, and was rolled back: {exc}".strip()) from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
    result.seconds = time.perf_counter() - started
    return result


def _open(target: DatabaseUrl, schema: str) -> Session:
    if target.backend is Backend.DUCKDB:
        from eventcoder.load.duck import open_duckdb

        return open_duckdb(target.target)
    from eventcoder.load.pg import open_postgresql

    return open_postgresql(target.target, schema)


def fingerprint(manifest: dict[str, Any]) -> str:
    """A digest of the manifest: a rewritten or appended dataset has another."""
    text = json.dumps(manifest, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class _Loader:
    """The steps of one load, over one session."""

    def __init__(
        self, session: Session, dataset: Path, manifest: dict[str, Any], schema: str,
        progress: Callable[[LoadProgress], None],
    ) -> None:  # fmt: skip
        self.db = session
        self.dataset = dataset
        self.manifest = manifest
        self.schema = schema
        self.progress = progress
        self.codebook_hash = str((manifest.get("codebook") or {}).get("content_hash") or "")
        self.fingerprint = fingerprint(manifest)
        self.source = str(dataset.resolve())
        """The dataset as the loads log names it: its directory, or the URL it was read from."""

    def table(self, name: str) -> str:
        return f"{quote(self.schema)}.{quote(name)}"

    def files(self, table: str) -> list[Path]:
        directory = self.dataset / table
        return sorted(directory.rglob("*.parquet")) if directory.is_dir() else []

    def run(self, result: LoadResult) -> None:
        for statement in create_statements(self.schema, self.db.dialect):
            self.db.execute(statement)
        last = self.db.scalar(f"SELECT fingerprint FROM {self.table(LOADS)} ORDER BY load_id DESC LIMIT 1")
        if last == self.fingerprint:
            result.skipped = True
            return
        todo, replaced = self.articles(result)
        self.replace_articles(result, replaced)
        self.insert_articles(result, todo)
        self.insert_rejects(result)
        for name, referenced in (("events", ("mentions.event_id",)),
                                 ("actors", ("mentions.source_actor_id", "mentions.target_actor_id",
                                             "actor_mentions.actor_id"))):  # fmt: skip
            self.sync_derived(result, name, referenced)
        if self.db.dialect is Dialect.DUCKDB:
            self.check_references()
        if result.changed or self.views_missing():
            added = parse_time(self.manifest.get("finished"))
            result.views = rebuild_views(self.db, self.schema, codebook_tables(self.manifest), added)
            self.log(result)

    def articles(self, result: LoadResult) -> tuple[pl.DataFrame, pl.Series]:
        """The articles to write (new or re-coded, with their digests) and the re-coded ones' ids."""
        digests = article_digests(self.dataset, self.codebook_hash)
        held = self.db.fetch(
            f"SELECT article_id, coding_digest AS held FROM {self.table('articles')}",
            {"article_id": pl.String, "held": pl.String},
        )
        joined = digests.join(held, on="article_id", how="left")
        todo = joined.filter(pl.col("held").is_null() | (pl.col("held") != pl.col("coding_digest")))
        replaced = todo.filter(pl.col("held").is_not_null()).get_column("article_id")
        result.articles_replaced = replaced.len()
        result.articles_added = todo.height - replaced.len()
        result.articles_unchanged = digests.height - todo.height
        return todo.drop("held"), replaced

    def replace_articles(self, result: LoadResult, replaced: pl.Series) -> None:
        """Delete every row of the re-coded articles; their new rows follow."""
        if replaced.is_empty():
            return
        self.db.temp_table("_ec_replaced", "SELECT CAST(NULL AS TEXT) AS article_id WHERE false")
        self.db.insert_frame("_ec_replaced", replaced.to_frame("article_id"), [("article_id", pa.string())])
        for table in ("mentions", "actor_mentions", "articles"):
            deleted = self.db.change(
                f"DELETE FROM {self.table(table)} WHERE article_id IN (SELECT article_id FROM _ec_replaced)"
            )
            result.deleted[table] = result.deleted.get(table, 0) + deleted

    def insert_articles(self, result: LoadResult, todo: pl.DataFrame) -> None:
        """The rows of the articles to write: ``articles`` from memory, the rest streamed from their parts."""
        if todo.is_empty():
            return
        spec = SPECS["articles"]
        scan = scan_table(self.dataset, "articles")
        assert scan is not None  # the dataset has articles, or there would be nothing to do
        rows = scan.join(todo.lazy(), on="article_id", how="semi").collect().join(todo, on="article_id", how="left")
        result.inserted["articles"] = self.db.insert_frame(self.table("articles"), _conform(rows, spec.columns),
                                                           spec.columns)  # fmt: skip
        self.progress(LoadProgress("articles", result.inserted["articles"]))
        only = todo.get_column("article_id")
        for name in ("mentions", "actor_mentions"):
            self.stream(result, name, only)

    def stream(self, result: LoadResult, name: str, only: pl.Series | None) -> None:
        done = 0

        def on_rows(rows: int) -> None:
            nonlocal done
            done += rows
            self.progress(LoadProgress(name, done))

        columns = SPECS[name].dataset_columns
        result.inserted[name] = self.db.insert_parquet(self.table(name), self.files(name), columns, only, on_rows)

    def insert_rejects(self, result: LoadResult) -> None:
        rows = reject_rows(self.dataset)
        if rows.is_empty():
            return
        held = self.db.fetch(f"SELECT reject_id FROM {self.table('rejects')}", {"reject_id": pl.String})
        new = rows.join(held, on="reject_id", how="anti")
        spec = SPECS["rejects"]
        result.inserted["rejects"] = self.db.insert_frame(self.table("rejects"), _conform(new, spec.columns),
                                                          spec.columns)  # fmt: skip

    def sync_derived(self, result: LoadResult, name: str, referenced: tuple[str, ...]) -> None:
        """Replace the rows of ``name`` that differ from the dataset's, then drop those nothing refers to."""
        spec = SPECS[name]
        columns = ", ".join(quote(c) for c, _ in spec.dataset_columns)
        key = quote(spec.primary_key[0])
        stage, changed = f"_ec_stage_{name}", f"_ec_changed_{name}"
        self.db.stage_parquet(stage, self.files(name), spec.dataset_columns, lambda _: None)
        self.db.temp_table(changed, f"SELECT {columns} FROM {stage} EXCEPT SELECT {columns} FROM {self.table(name)}")
        deleted = self.db.change(f"DELETE FROM {self.table(name)} WHERE {key} IN (SELECT {key} FROM {changed})")
        inserted = self.db.change(f"INSERT INTO {self.table(name)} ({columns}) SELECT {columns} FROM {changed}")
        self.progress(LoadProgress(name, inserted))
        unreferenced = " AND ".join(
            f"NOT EXISTS (SELECT 1 FROM {self.table(ref.split('.')[0])} r WHERE r.{quote(ref.split('.')[1])} = t.{key})"
            for ref in referenced
        )
        orphans = self.db.change(f"DELETE FROM {self.table(name)} t WHERE {unreferenced}")
        result.inserted[name] = inserted
        result.deleted[name] = deleted + orphans

    def check_references(self) -> None:
        """DuckDB has no usable foreign keys here (see :mod:`eventcoder.load.tables`): check them before commit."""
        broken = [f"{what} ({n} rows)" for what, sql in orphan_checks(self.schema) if (n := int(self.db.scalar(sql)))]
        if broken:
            raise LoadError(f"the load would leave references to missing rows: {', '.join(broken)}; rolled back")

    def views_missing(self) -> bool:
        held = self.db.scalar(
            f"SELECT count(*) FROM information_schema.tables WHERE table_schema = {literal(self.schema)} "
            f"AND table_name IN ({', '.join(literal(v) for v in view_names())})"
        )
        return int(held) < len(view_names())

    def log(self, result: LoadResult) -> None:
        number = int(self.db.scalar(f"SELECT coalesce(max(load_id), 0) + 1 FROM {self.table(LOADS)}"))
        values = [str(number), literal(self.source), literal(self.fingerprint),
                  literal(self.codebook_hash), literal(str(self.manifest.get("finished") or "")),
                  literal(datetime.now(timezone.utc).isoformat()), str(result.articles_added),
                  str(result.articles_replaced), str(sum(result.inserted.values()))]  # fmt: skip
        self.db.execute(f"INSERT INTO {self.table(LOADS)} VALUES ({', '.join(values)})")


def _conform(frame: pl.DataFrame, columns: Any) -> pl.DataFrame:
    """``frame`` with exactly ``columns`` (null where it lacks one), in order."""
    names = [n for n, _ in columns]
    missing = [pl.lit(None, dtype=pl.String).alias(n) for n in names if n not in frame.columns]
    return frame.with_columns(missing).select(names)
