"""Load a dataset into a database schema, idempotently and incrementally, in one transaction.

What a load writes, table by table (all in one transaction; any failure, or
the loader being killed, rolls everything back):

- ``articles``, ``mentions``, ``actor_mentions``: rows of the articles the
  schema does not hold, and of the articles whose coding digest
  (:mod:`eventcoder.load.digest`) differs from the one it holds: their old
  rows are deleted first, so no article is ever held in two codings.
  Articles the schema holds and the dataset does not are kept. Only the
  articles that appear in a part file the schema has not loaded yet
  (:mod:`eventcoder.load.parts`) are digested at all.
- ``events``: the rows of the events those articles' mentions (old and new)
  refer to are compared with the dataset's, replaced where they differ, and
  deleted when no mention refers to them any more. An event's row is made
  from its mentions, so no other event can have changed.
- ``actors``: the whole (small) table is compared with the dataset's the
  same way, since re-clustering can change any actor.
- ``rejects``: those of new parts whose ``reject_id`` is new.
- the views (:mod:`eventcoder.load.sqlviews`): the rows of the changed
  events and articles are built again; a row is added to ``loads`` and the
  loaded parts to ``loaded_parts``.

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
from eventcoder.load.parts import Part, dataset_parts, row_count, table_files
from eventcoder.load.session import Only, Session
from eventcoder.load.sqlviews import Changed, codebook_tables, update_views, views_current
from eventcoder.load.tables import (
    LOADED_PARTS,
    LOADS,
    SPECS,
    Dialect,
    create_statements,
    key_checks,
    literal,
    orphan_checks,
    quote,
)  # fmt: skip
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
        return table_files(self.dataset, table)

    def run(self, result: LoadResult) -> None:
        for statement in create_statements(self.schema, self.db.dialect):
            self.db.execute(statement)
        last = self.db.scalar(f"SELECT fingerprint FROM {self.table(LOADS)} ORDER BY load_id DESC LIMIT 1")
        if last == self.fingerprint:
            result.skipped = True
            return
        parts = dataset_parts(self.dataset)
        unseen = self.unseen(parts)
        todo, replaced = self.articles(result, unseen)
        self.db.temp_table("_ec_todo", "SELECT CAST(NULL AS TEXT) AS article_id WHERE false")
        self.db.insert_frame("_ec_todo", todo.select("article_id"), [("article_id", pa.string())])
        events_held = int(self.db.scalar(f"SELECT count(*) FROM {self.table('events')}"))
        mentions_of_todo = f"FROM {self.table('mentions')} WHERE article_id IN (SELECT article_id FROM _ec_todo)"
        self.db.temp_table("_ec_old_events", f"SELECT DISTINCT event_id {mentions_of_todo}")
        self.replace_articles(result, replaced)
        self.insert_articles(result, todo)
        self.insert_rejects(result, [p.path for p in unseen if p.table == "rejects"])
        self.db.temp_table("_ec_events", f"SELECT event_id FROM _ec_old_events UNION "
                                         f"SELECT event_id {mentions_of_todo}")  # fmt: skip
        self.sync_derived(result, "events", ("mentions.event_id",), "_ec_events" if events_held else None)
        self.sync_derived(result, "actors", ("mentions.source_actor_id", "mentions.target_actor_id",
                                             "actor_mentions.actor_id"), None)  # fmt: skip
        if self.db.dialect is Dialect.DUCKDB:
            self.check_references()
        current = views_current(self.db, self.schema)
        if result.changed or not current:
            added = parse_time(self.manifest.get("finished"))
            changed = Changed("_ec_events", "_ec_todo") if current else None
            result.views = update_views(self.db, self.schema, codebook_tables(self.manifest), added, changed)
            self.record_parts(parts, reset=bool(result.articles_replaced))
            self.log(result)

    def unseen(self, parts: list[Part]) -> list[Part]:
        """The dataset's parts whose content the schema has not loaded with this codebook."""
        held = self.db.fetch(
            f"SELECT table_name, content_hash FROM {self.table(LOADED_PARTS)} "
            f"WHERE codebook_hash = {literal(self.codebook_hash)}",
            {"table_name": pl.String, "content_hash": pl.String},
        )
        seen = set(held.iter_rows())
        return [p for p in parts if (p.table, p.content_hash) not in seen]

    def articles(self, result: LoadResult, unseen: list[Part]) -> tuple[pl.DataFrame, pl.Series]:
        """The articles to write (new or re-coded, with their digests) and the re-coded ones' ids.

        Only articles with rows in an ``unseen`` part are digested: those of
        parts already loaded are in the schema as the parts hold them.
        """
        article_files = self.files("articles")
        files = {t: self.files(t) for t in ("articles", "mentions", "actor_mentions")}
        only_from = {t: [p.path for p in unseen if p.table == t] for t in files}
        everything = all(len(only_from[t]) == len(files[t]) for t in files)
        digests = article_digests(files, self.codebook_hash, None if everything else only_from)
        held = self.db.fetch(
            f"SELECT article_id, coding_digest AS held FROM {self.table('articles')}",
            {"article_id": pl.String, "held": pl.String},
        )
        joined = digests.join(held, on="article_id", how="left")
        todo = joined.filter(pl.col("held").is_null() | (pl.col("held") != pl.col("coding_digest")))
        replaced = todo.filter(pl.col("held").is_not_null()).get_column("article_id")
        result.articles_replaced = replaced.len()
        result.articles_added = todo.height - replaced.len()
        result.articles_unchanged = row_count(article_files) - todo.height
        return todo.drop("held"), replaced

    def replace_articles(self, result: LoadResult, replaced: pl.Series) -> None:
        """Delete every row of the re-coded articles; their new rows follow."""
        if replaced.is_empty():
            return
        for table in ("mentions", "actor_mentions", "articles"):
            deleted = self.db.change(
                f"DELETE FROM {self.table(table)} WHERE article_id IN (SELECT article_id FROM _ec_todo)"
            )
            result.deleted[table] = result.deleted.get(table, 0) + deleted

    def insert_articles(self, result: LoadResult, todo: pl.DataFrame) -> None:
        """The rows of the articles to write: ``articles`` with their digests, the rest streamed from their parts."""
        if todo.is_empty():
            return
        spec = SPECS["articles"]
        scan = scan_table(self.dataset, "articles")
        assert scan is not None  # the dataset has articles, or there would be nothing to do
        rows = scan.join(todo.lazy(), on="article_id", how="semi").collect().join(todo, on="article_id", how="left")
        result.inserted["articles"] = self.db.insert_frame(self.table("articles"), _conform(rows, spec.columns),
                                                           spec.columns)  # fmt: skip
        self.progress(LoadProgress("articles", result.inserted["articles"]))
        only = ("article_id", todo.get_column("article_id"))
        for name in ("mentions", "actor_mentions"):
            self.stream(result, name, only)

    def stream(self, result: LoadResult, name: str, only: Only | None) -> None:
        done = 0

        def on_rows(rows: int) -> None:
            nonlocal done
            done += rows
            self.progress(LoadProgress(name, done))

        columns = SPECS[name].dataset_columns
        result.inserted[name] = self.db.insert_parquet(self.table(name), self.files(name), columns, only, on_rows)

    def insert_rejects(self, result: LoadResult, files: list[Path]) -> None:
        rows = reject_rows(files)
        if rows.is_empty():
            return
        held = self.db.fetch(f"SELECT reject_id FROM {self.table('rejects')}", {"reject_id": pl.String})
        new = rows.join(held, on="reject_id", how="anti")
        spec = SPECS["rejects"]
        result.inserted["rejects"] = self.db.insert_frame(self.table("rejects"), _conform(new, spec.columns),
                                                          spec.columns)  # fmt: skip

    def sync_derived(self, result: LoadResult, name: str, referenced: tuple[str, ...], scope: str | None) -> None:
        """Replace the rows of ``name`` that differ from the dataset's, then drop those nothing refers to.

        With ``scope`` (a temporary table of keys), only the rows of those keys are compared and dropped.
        """
        spec = SPECS[name]
        columns = ", ".join(quote(c) for c, _ in spec.dataset_columns)
        key = quote(spec.primary_key[0])
        stage, changed = f"_ec_stage_{name}", f"_ec_changed_{name}"
        only: Only | None = None
        within = ""
        if scope is not None:
            keys = self.db.fetch(f"SELECT {key} FROM {scope}", {spec.primary_key[0]: pl.String})
            only = (spec.primary_key[0], keys.get_column(spec.primary_key[0]))
            within = f" WHERE {key} IN (SELECT {key} FROM {scope})"
        self.db.stage_parquet(stage, self.files(name), spec.dataset_columns, only, lambda _: None)
        self.db.temp_table(changed, f"SELECT {columns} FROM {stage} EXCEPT SELECT {columns} FROM "
                                    f"{self.table(name)}{within}")  # fmt: skip
        deleted = self.db.change(f"DELETE FROM {self.table(name)} WHERE {key} IN (SELECT {key} FROM {changed})")
        inserted = self.db.change(f"INSERT INTO {self.table(name)} ({columns}) SELECT {columns} FROM {changed}")
        self.progress(LoadProgress(name, inserted))
        unreferenced = " AND ".join(
            f"NOT EXISTS (SELECT 1 FROM {self.table(ref.split('.')[0])} r WHERE r.{quote(ref.split('.')[1])} = t.{key})"
            for ref in referenced
        )
        if scope is not None:
            unreferenced += f" AND t.{key} IN (SELECT {key} FROM {scope})"
        orphans = self.db.change(f"DELETE FROM {self.table(name)} t WHERE {unreferenced}")
        result.inserted[name] = inserted
        result.deleted[name] = deleted + orphans

    def check_references(self) -> None:
        """DuckDB has no keys or foreign keys here (see :mod:`eventcoder.load.tables`): check them before commit."""
        todo = "article_id IN (SELECT article_id FROM _ec_todo)"
        scope = {"articles": todo, "mentions": todo, "actor_mentions": todo,
                 "events": "event_id IN (SELECT event_id FROM _ec_events)"}  # fmt: skip
        checks = [*key_checks(self.schema, scope), *orphan_checks(self.schema, scope)]
        broken = [f"{what} ({n} rows)" for what, sql in checks if (n := int(self.db.scalar(sql)))]
        if broken:
            raise LoadError(f"the load would leave repeated keys or references to missing rows: {', '.join(broken)}; "
                            "rolled back")  # fmt: skip

    def record_parts(self, parts: list[Part], *, reset: bool) -> None:
        """Add the dataset's parts to ``loaded_parts``; after replacing articles, hold only this dataset's.

        A replacement may overwrite rows that another dataset's listed parts
        hold, so those must be read again if that dataset is loaded again.
        """
        if reset:
            self.db.execute(f"DELETE FROM {self.table(LOADED_PARTS)}")
        held = set(self.db.fetch(
            f"SELECT table_name, content_hash FROM {self.table(LOADED_PARTS)} "
            f"WHERE codebook_hash = {literal(self.codebook_hash)}",
            {"table_name": pl.String, "content_hash": pl.String},
        ).iter_rows())  # fmt: skip
        number = int(self.db.scalar(f"SELECT coalesce(max(load_id), 0) + 1 FROM {self.table(LOADS)}"))
        rows: dict[tuple[str, str], str] = {}
        for part in parts:
            if (part.table, part.content_hash) not in held:
                rows.setdefault((part.table, part.content_hash), part.relative(self.dataset))
        if rows:
            frame = pl.DataFrame(
                [(t, h, self.codebook_hash, path, number) for (t, h), path in rows.items()],
                schema={"table_name": pl.String, "content_hash": pl.String, "codebook_hash": pl.String,
                        "part": pl.String, "load_id": pl.Int64},
                orient="row",
            )  # fmt: skip
            types = [("table_name", pa.string()), ("content_hash", pa.string()), ("codebook_hash", pa.string()),
                     ("part", pa.string()), ("load_id", pa.int64())]  # fmt: skip
            self.db.insert_frame(self.table(LOADED_PARTS), frame, types)

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
