"""The export views (GDELT, ICEWS, Phoenix, ACLED) as SQL views of the loaded schema.

A view's rows are computed by the same function as ``eventcoder export``
(:func:`eventcoder.export.views.build_view`), from the database's own
``events``, ``mentions``, ``articles`` and ``actors`` after the load, and
kept in a table ``_view_<name>``; the SQL view ``<name>`` selects exactly
``COLUMNS[view]`` from it, in order (ICEWS and Phoenix then their date
precision, as their exports do). So ``SELECT * FROM eventcoder.gdelt`` returns
what ``eventcoder export DIR --view gdelt`` writes, including the ACLED
mapping and the country tables that SQL alone cannot express. Every load
that changes a table rebuilds the views in the same transaction.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

import polars as pl
import pyarrow as pa

from eventcoder.codebook.acled import AcledMapping
from eventcoder.export import exporting
from eventcoder.export.precision import SIDE_COLUMNS
from eventcoder.export.views import SCHEMAS, VIEWS, build_view
from eventcoder.load.session import Session
from eventcoder.load.tables import SPECS, quote

__all__ = ["ViewTables", "codebook_tables", "rebuild_views", "sql_name", "view_names"]

ViewTables = tuple[AcledMapping, dict[str, int], dict[str, str]]
"""The ACLED mapping, PentaClass by root code and labels by event code."""

_READ: dict[str, tuple[str, ...] | None] = {
    "events": tuple(n for n, _ in SPECS["events"].dataset_columns if n != "mention_ids"),
    "mentions": ("mention_id", "event_id", "article_id", "sentence_index", "char_start", "sentence_text",
                 "date_precision", "outlet", "admin1", "geo_precision", "geo_feature_id", "location_name",
                 "source_actor_id", "target_actor_id", "source_code", "target_code", "source_name", "target_name",
                 "event_code", "event_date", "quad_class", "goldstein", "country_code", "latitude", "longitude",
                 # gdelt-mentions: offsets, verb and how each actor was found
                 "char_end", "verb_text", "source_text", "target_text", "source_how", "target_how", "source_score",
                 "target_score"),
    "articles": ("article_id", "url", "source", "published"),
    "actors": ("actor_id", "actor_code", "country_code"),
    "actor_mentions": ("article_id", "sentence_index", "char_start", "char_end", "actor_id", "code", "name", "text"),
}  # fmt: skip
_POLARS = {pa.string(): pl.String, pa.date32(): pl.Date, pa.int8(): pl.Int8, pa.int32(): pl.Int32,
           pa.int64(): pl.Int64, pa.float64(): pl.Float64}  # fmt: skip


def sql_name(view: str) -> str:
    """The SQL name of a view: ``gdelt-mentions`` is ``gdelt_mentions``."""
    return view.replace("-", "_")


def view_names() -> tuple[str, ...]:
    return tuple(sql_name(v) for v in VIEWS)


def codebook_tables(manifest: Mapping[str, Any]) -> ViewTables:
    """The tables ``eventcoder export`` uses without ``--codebook``: those of the dataset's codebook."""
    return exporting.codebook_tables(exporting.dataset_codebook(manifest))


def rebuild_views(session: Session, schema: str, tables: ViewTables, added: datetime | None) -> dict[str, int]:
    """Recompute every view from the schema's tables; return the rows of each."""
    accepts = inspect.signature(build_view).parameters
    wanted = [n for n in _READ if n != "actor_mentions" or "actor_mentions" in accepts]  # only gdelt-mentions reads it
    frames = {name: _read(session, schema, name) for name in wanted}
    mapping, penta, labels = tables
    counts: dict[str, int] = {}
    for view in VIEWS:
        extra: dict[str, Any] = {}
        if "actor_mentions" in accepts:
            extra["actor_mentions"] = frames["actor_mentions"]
        frame = build_view(view, frames["events"], frames["mentions"], frames["articles"], frames["actors"], mapping,
                           penta_class=penta, labels=labels, added=added, precision_column=True,
                           **extra)  # fmt: skip
        for statement in _replace_statements(schema, view):
            session.execute(statement)
        session.insert_frame(_backing(schema, view), frame, [(c, pa.null()) for c in _columns(view)])
        session.execute(_view_statement(schema, view))
        counts[sql_name(view)] = frame.height
    return counts


def _read(session: Session, schema: str, table: str) -> pl.DataFrame:
    spec = dict(SPECS[table].dataset_columns)
    columns = _READ[table] or tuple(spec)
    types = {c: _POLARS[spec[c]] for c in columns}
    select = ", ".join(quote(c) for c in columns)
    return session.fetch(f"SELECT {select} FROM {quote(schema)}.{quote(table)}", types)


def _backing(schema: str, view: str) -> str:
    return f"{quote(schema)}.{quote('_view_' + sql_name(view))}"


def _replace_statements(schema: str, view: str) -> Iterator[str]:
    yield f"DROP VIEW IF EXISTS {quote(schema)}.{quote(sql_name(view))}"
    yield f"DROP TABLE IF EXISTS {_backing(schema, view)}"
    columns = ", ".join(f"{quote(c)} {_sql_type(t)}" for c, t in _columns(view).items())
    yield f"CREATE TABLE {_backing(schema, view)} ({columns})"


def _columns(view: str) -> dict[str, Any]:
    """The view's columns and types: the format's, then its date precision where it has one, as exports write."""
    side = {SIDE_COLUMNS[view]: pl.String} if view in SIDE_COLUMNS else {}
    return {**SCHEMAS[view], **side}


def _view_statement(schema: str, view: str) -> str:
    columns = ", ".join(quote(c) for c in _columns(view))
    return f"CREATE VIEW {quote(schema)}.{quote(sql_name(view))} AS SELECT {columns} FROM {_backing(schema, view)}"


def _sql_type(dtype: Any) -> str:
    """The SQL type of a view column's polars type (both backends spell these alike)."""
    if dtype == pl.Int64:
        return "BIGINT"
    if dtype == pl.Float64:
        return "DOUBLE PRECISION"
    if dtype == pl.Date:
        return "DATE"
    return "TEXT"
