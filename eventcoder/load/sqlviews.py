"""The export views (GDELT, ICEWS, Phoenix, ACLED) as SQL views of the loaded schema.

A view's rows are computed by the same function as ``eventcoder export``
(:func:`eventcoder.export.views.build_view`), from the database's own
``events``, ``mentions``, ``articles`` and ``actors`` after the load, and
kept in a table ``_view_<name>``; the SQL view ``<name>`` selects exactly
``COLUMNS[view]`` from it, in order (ICEWS and Phoenix then their date
precision, as their exports do). So ``SELECT * FROM eventcoder.gdelt`` returns
what ``eventcoder export DIR --view gdelt`` writes, including the ACLED
mapping and the country tables that SQL alone cannot express.

Each backing table also holds a key column (``_event_id``; for
``gdelt-mentions``, ``_article_id``) that the SQL view leaves out. A load
deletes the rows of the events and articles it changed and builds them
again (:func:`update_views`), in batches, in the same transaction as the
tables: an append costs its own events, not the whole schema. One
consequence: after an append, the rows of older events keep the GDELT
``DATEADDED`` and ACLED ``timestamp`` of the dataset that first brought them
(when they were added), where an export of the appended dataset stamps every
row with the appended dataset's time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import polars as pl
import pyarrow as pa

from eventcoder.codebook.acled import AcledMapping
from eventcoder.export import exporting
from eventcoder.export.precision import SIDE_COLUMNS
from eventcoder.export.views import SCHEMAS, VIEWS, build_view
from eventcoder.load.session import Session
from eventcoder.load.tables import SPECS, literal, quote

__all__ = ["ARTICLE_BATCH", "VIEW_BATCH", "Changed", "ViewTables", "codebook_tables", "sql_name", "update_views",
           "view_names", "views_current"]  # fmt: skip

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


VIEW_BATCH = 50_000
ARTICLE_BATCH = 5_000
"""Events whose view rows are built at once (articles for ``gdelt-mentions``): memory holds one batch."""

_KEY = {view: ("_article_id" if view == "gdelt-mentions" else "_event_id") for view in VIEWS}


@dataclass(frozen=True, slots=True)
class Changed:
    """What a load changed: temporary tables (one ``event_id`` or ``article_id`` column) of the rows to rebuild."""

    events: str
    articles: str


def views_current(session: Session, schema: str) -> bool:
    """Whether every view and its backing table (with its key column) exists, so views can be updated in place."""
    names = [literal("_view_" + sql_name(v)) for v in VIEWS] + [literal(sql_name(v)) for v in VIEWS]
    held = session.scalar(
        f"SELECT count(*) FROM information_schema.tables WHERE table_schema = {literal(schema)} "
        f"AND table_name IN ({', '.join(names)})"
    )
    backing = ", ".join(literal("_view_" + sql_name(v)) for v in VIEWS)
    keys = session.scalar(
        f"SELECT count(*) FROM information_schema.columns WHERE table_schema = {literal(schema)} "
        f"AND column_name IN ('_event_id', '_article_id') AND table_name IN ({backing})"
    )
    return int(held) == len(names) and int(keys) == len(VIEWS)


def update_views(
    session: Session, schema: str, tables: ViewTables, added: datetime | None, changed: Changed | None
) -> dict[str, int]:
    """Rebuild the view rows of the ``changed`` events and articles (every row when None); return each view's rows.

    The rows come from the schema's tables after the load, a batch of
    :data:`VIEW_BATCH` events (or articles) at a time, each built by the
    same function as ``eventcoder export``.
    """
    if changed is None:
        for view in VIEWS:
            for statement in _replace_statements(schema, view):
                session.execute(statement)
            session.execute(_view_statement(schema, view))
        changed = Changed(_table(schema, "events"), _table(schema, "articles"))
    else:
        for view in VIEWS:
            key, source = _KEY[view], changed.articles if view == "gdelt-mentions" else changed.events
            column = key.lstrip("_")
            session.execute(
                f"DELETE FROM {_backing(schema, view)} WHERE {quote(key)} IN (SELECT {column} FROM {source})"
            )
    actors = _read(session, schema, "actors", "")
    for where in _batches(session, changed.events, "event_id", VIEW_BATCH):
        frames = {
            "events": _read(session, schema, "events", f"event_id IN ({where})"),
            "mentions": _read(session, schema, "mentions", f"event_id IN ({where})"),
        }
        frames["articles"] = _read(session, schema, "articles", f"article_id IN (SELECT article_id FROM "
                                   f"{_table(schema, 'mentions')} WHERE event_id IN ({where}) UNION SELECT "
                                   f"first_article_id FROM {_table(schema, 'events')} WHERE event_id IN ({where}))")
        for view in VIEWS:
            if view != "gdelt-mentions":
                _insert(session, schema, view, _build(view, frames, actors, tables, added))
    for where in _batches(session, changed.articles, "article_id", ARTICLE_BATCH):
        frames = {name: _read(session, schema, name, f"article_id IN ({where})")
                  for name in ("mentions", "articles", "actor_mentions")}  # fmt: skip
        frames["events"] = pl.DataFrame()
        _insert(session, schema, "gdelt-mentions", _build("gdelt-mentions", frames, actors, tables, added))
    return {sql_name(v): int(session.scalar(f"SELECT count(*) FROM {_backing(schema, v)}")) for v in VIEWS}


def _batches(session: Session, source: str, column: str, size: int) -> Iterator[str]:
    """SQL selecting each batch of ``size`` ids of ``source`` in turn."""
    numbered = f"_ec_batch_{column}"
    session.temp_table(numbered, f"SELECT {column}, row_number() OVER (ORDER BY {column}) AS n "
                                 f"FROM (SELECT DISTINCT {column} FROM {source}) s")  # fmt: skip
    total = int(session.scalar(f"SELECT count(*) FROM {numbered}"))
    for start in range(0, total, size):
        yield f"SELECT {column} FROM {numbered} WHERE n > {start} AND n <= {start + size}"


def _build(view: str, frames: dict[str, pl.DataFrame], actors: pl.DataFrame, tables: ViewTables,
           added: datetime | None) -> pl.DataFrame:  # fmt: skip
    mapping, penta, labels = tables
    return build_view(view, frames["events"], frames["mentions"], frames["articles"], actors, mapping,
                      penta_class=penta, labels=labels, added=added, actor_mentions=frames.get("actor_mentions"),
                      precision_column=True, key_column=_KEY[view])  # fmt: skip


def _insert(session: Session, schema: str, view: str, frame: pl.DataFrame) -> None:
    if frame.height:
        session.insert_frame(_backing(schema, view), frame, [(c, pa.null()) for c in [*_columns(view), _KEY[view]]])


def _read(session: Session, schema: str, table: str, where: str) -> pl.DataFrame:
    spec = dict(SPECS[table].dataset_columns)
    columns = _READ[table] or tuple(spec)
    types = {c: _POLARS[spec[c]] for c in columns}
    select = ", ".join(quote(c) for c in columns)
    condition = f" WHERE {where}" if where else ""
    return session.fetch(f"SELECT {select} FROM {_table(schema, table)}{condition}", types)


def _table(schema: str, table: str) -> str:
    return f"{quote(schema)}.{quote(table)}"


def _backing(schema: str, view: str) -> str:
    return f"{quote(schema)}.{quote('_view_' + sql_name(view))}"


def _replace_statements(schema: str, view: str) -> Iterator[str]:
    yield f"DROP VIEW IF EXISTS {quote(schema)}.{quote(sql_name(view))}"
    yield f"DROP TABLE IF EXISTS {_backing(schema, view)}"
    columns = ", ".join(f"{quote(c)} {_sql_type(t)}" for c, t in _columns(view).items())
    yield f"CREATE TABLE {_backing(schema, view)} ({columns}, {quote(_KEY[view])} TEXT)"
    index = quote(f"_view_{sql_name(view)}_key_idx")
    yield f"CREATE INDEX {index} ON {_backing(schema, view)} ({quote(_KEY[view])})"


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
