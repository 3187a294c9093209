"""Aggregate event mentions (one per sentence) into events.

Many sentences, often in many articles, report the same event. The modes:

- ``"one-a-day"`` (the Phoenix convention): one event per (event_date,
  source_code, target_code, event_code);
- ``"article"``: the same key plus ``article_id``, so each article counts once;
- ``"none"``: one event per mention (``mention_id`` must be unique).

An event's id is the first 16 hex digits of a BLAKE2b hash of its key (with the
mode), so rerunning on the same mentions, in any order, gives the same ids;
:func:`assign_event_ids` writes the same id into each mention.

Per event: ``num_mentions`` counts mentions, ``num_articles`` distinct
articles, ``num_sources`` distinct non-null outlets (at least 1).
``first_article_id`` is the smallest article_id in string order: articles carry
no reliable publication time, and the minimum is independent of input order.
Location fields all come from one mention: the first, in document order
(article_id, sentence_index, char_start, mention_id), that has any location
field. ``fatalities`` is the maximum over the mentions, never the sum: several
reports of one event repeat the same toll. ``source_name`` and ``target_name``
are the most frequent name, ties broken alphabetically.

Everything is polars expressions; the only Python step hashes each distinct
event key once.
"""

from __future__ import annotations

import hashlib

import polars as pl
import pyarrow as pa

from eventcoder.export.schema import EVENTS, MENTIONS

__all__ = ["EVENT_MODES", "aggregate_events", "assign_event_ids", "event_key"]

EVENT_MODES = ("one-a-day", "article", "none")

_BASE_KEY = ("event_date", "source_code", "target_code", "event_code")
_MODE_KEY: dict[str, tuple[str, ...]] = {
    "one-a-day": _BASE_KEY,
    "article": (*_BASE_KEY, "article_id"),
    "none": (*_BASE_KEY, "article_id", "mention_id"),
}
_DOCUMENT_ORDER = ("article_id", "sentence_index", "char_start", "mention_id")
_LOCATION = ("location_name", "country_code", "latitude", "longitude", "admin1", "geo_precision", "geo_feature_id")
_KEY = "_event_key"
_SEPARATOR = "\x1f"  # ASCII unit separator: does not occur in codes or ids
_NULL = "\x00"
_KEY_VERSION = "v1"


def _polars_schema(schema: pa.Schema) -> pl.Schema:
    frame = pl.from_arrow(schema.empty_table())
    assert isinstance(frame, pl.DataFrame)
    return frame.schema


_MENTION_TYPES = _polars_schema(MENTIONS)
_EVENT_TYPES = _polars_schema(EVENTS)


def aggregate_events(
    mentions: pl.LazyFrame | pl.DataFrame, mode: str = "one-a-day"
) -> pl.DataFrame:
    """Aggregate rows of the mentions schema into rows of the events schema.

    Columns of the mentions schema missing from ``mentions`` are treated as
    null. The result has exactly the columns and types of
    :data:`eventcoder.export.schema.EVENTS`, sorted by (event_date, event_id).
    """
    keyed = _with_key(_conformed(mentions), mode)
    order = list(_DOCUMENT_ORDER)
    has_location = pl.any_horizontal(pl.col(c).is_not_null() for c in _LOCATION)
    located_first = [(~has_location).alias("_no_location"), *order]
    grouped = keyed.group_by(_KEY).agg(
        pl.col(list(_BASE_KEY)).first(),
        pl.col("event_root_code").drop_nulls().min().alias("root"),
        pl.col("quad_class").drop_nulls().min(),
        pl.col("goldstein").drop_nulls().min(),
        pl.len().alias("num_mentions"),
        pl.col("outlet").drop_nulls().n_unique().alias("num_sources"),
        pl.col("article_id").drop_nulls().n_unique().alias("num_articles"),
        pl.col("article_id").min().alias("first_article_id"),
        pl.struct(list(_LOCATION))
        .sort_by(located_first, nulls_last=True)
        .first()
        .alias("_location"),
        pl.col("fatalities").max(),
        _most_common("source_name"),
        _most_common("target_name"),
        pl.col("mention_id").drop_nulls().sort().alias("mention_ids"),
    )
    events = (
        grouped.with_columns(
            pl.coalesce(pl.col("root"), pl.col("event_code").str.slice(0, 2)).alias("root"),
            pl.max_horizontal(pl.col("num_sources"), pl.lit(1)).alias("num_sources"),
        )
        .unnest("_location")
        .collect(engine="streaming")  # memory bounded by the number of events, not of mentions
    )
    events = events.with_columns(_event_ids(events.get_column(_KEY)).alias("event_id"))
    return events.select(pl.col(name).cast(dtype) for name, dtype in _EVENT_TYPES.items()).sort(
        ["event_date", "event_id"], nulls_last=True
    )


def assign_event_ids(mentions: pl.DataFrame, mode: str = "one-a-day") -> pl.DataFrame:
    """Return ``mentions`` with ``event_id`` set to the id of its event.

    Rows, their order and the other columns are kept; ``event_id`` is added
    if absent. The ids are those :func:`aggregate_events` gives in ``mode``.
    """
    keyed = _with_key(_conformed(mentions), mode).select(_KEY).collect()
    keys = keyed.get_column(_KEY)
    distinct = keys.unique(maintain_order=True)
    ids = keys.replace_strict(distinct, _event_ids(distinct), return_dtype=pl.String)
    if "event_id" in mentions.columns:
        return mentions.with_columns(ids.alias("event_id"))
    return mentions.with_columns(ids.alias("event_id")).select(*mentions.columns, "event_id")


def event_key(mode: str) -> tuple[str, ...]:
    """The mention columns that identify an event in ``mode``."""
    try:
        return _MODE_KEY[mode]
    except KeyError:
        raise ValueError(f"unknown event mode {mode!r}; expected one of {EVENT_MODES}") from None


def _conformed(mentions: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame:
    """The mentions lazily, with every schema column present and typed."""
    frame = mentions.lazy()
    present = frame.collect_schema().names()
    return frame.with_columns(
        pl.col(name).cast(dtype) if name in present else pl.lit(None, dtype=dtype).alias(name)
        for name, dtype in _MENTION_TYPES.items()
    )


def _with_key(mentions: pl.LazyFrame, mode: str) -> pl.LazyFrame:
    """Add the textual event key: mode and key columns, nulls marked."""
    parts = [pl.lit(f"{_KEY_VERSION}:{mode}")]
    parts.extend(pl.col(name).cast(pl.String).fill_null(_NULL) for name in event_key(mode))
    return mentions.with_columns(pl.concat_str(parts, separator=_SEPARATOR).alias(_KEY))


def _most_common(column: str) -> pl.Expr:
    """The most frequent non-null value of ``column``; ties: alphabetical."""
    return pl.col(column).drop_nulls().mode().min().alias(column)


def _event_ids(keys: pl.Series) -> pl.Series:
    """Hash each key (already distinct, one per event) to 16 hex digits."""
    return pl.Series(
        [hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest() for key in keys],
        dtype=pl.String,
    )
