"""What every column view reads: one row per event with its mentions' facts and parsed actors.

:func:`event_frame` joins a dataset's events, mentions, articles and actors
into one frame; the view builders (:mod:`eventcoder.export.views`,
:mod:`eventcoder.export.gdelt`) pick their columns from it. Columns whose
name starts with ``_`` are derived here:

- ``_sentence``, ``_sentence_index``, ``_mention_article``: the event's first
  mention in document order;
- ``_date_precision``: the finest date precision of its mentions (a mention
  dated to the day makes the event's day known);
- ``_root``: a mention stands in the first three sentences (headline and lead);
- ``_urls``, ``_outlets``: the distinct urls and outlets of its articles;
- ``_admin1``, ``_geo_precision``, ``_feature_id``: the event's, else its
  first located mention's;
- ``_{source,target}_{country,group,roles}``: the actor codes split into
  ISO3 country, known group (after IGO/NGO/MNC) and role segments.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import polars as pl

from eventcoder.codebook.acled import AcledMapping
from eventcoder.enrich.geo import countries
from eventcoder.export.precision import finest_precision

__all__ = [
    "GROUP_PREFIXES",
    "ROOT_SENTENCES",
    "KEEP",
    "Columns",
    "ViewContext",
    "as_expr",
    "country_expr",
    "event_frame",
    "precision_expr",
    "split_code",
    "utc",
    "with_columns",
]

_S, _I = pl.String, pl.Int64
GROUP_PREFIXES = ("IGO", "NGO", "MNC", "NGM")
ROOT_SENTENCES = 3


def as_expr(value: Any) -> pl.Expr:
    return value if isinstance(value, pl.Expr) else pl.lit(value)


Columns = dict[str, Any]
KEEP = "__keep__"  # a builder's Columns entry under this name is a filter: the rows it keeps


@dataclass(frozen=True)
class ViewContext:
    """What every view builder may read besides the event frame: the codebook's tables and the dataset's date."""

    mapping: AcledMapping
    penta: Mapping[str, int]
    labels: Mapping[str, str]
    added: datetime | None



def event_frame(
    events: pl.DataFrame, mentions: pl.DataFrame, articles: pl.DataFrame, actors: pl.DataFrame
) -> pl.DataFrame:
    """One row per event with everything the views read, parsed actors included."""
    ev = with_columns(
        events,
        {
            "admin1": _S,
            "geo_precision": _I,
            "geo_feature_id": _S,
            "source_name": _S,
            "target_name": _S,
            "fatalities": _I,
        },
    )
    me = with_columns(
        mentions,
        {
            "event_id": _S,
            "article_id": _S,
            "sentence_index": _I,
            "char_start": _I,
            "mention_id": _S,
            "sentence_text": _S,
            "date_precision": _S,
            "outlet": _S,
            "admin1": _S,
            "geo_precision": _I,
            "geo_feature_id": _S,
            "location_name": _S,
        },
    )
    ar = with_columns(articles, {"article_id": _S, "url": _S, "source": _S})
    me = me.join(
        ar.select("article_id", pl.col("url").alias("_url"), pl.col("source").alias("_outlet")),
        on="article_id",
        how="left",
    )
    ordered = me.sort(["event_id", "article_id", "sentence_index", "char_start", "mention_id"], nulls_last=True)
    located = pl.col("location_name").is_not_null()
    per_event = ordered.group_by("event_id", maintain_order=True).agg(
        pl.col("sentence_text").first().alias("_sentence"),
        pl.col("sentence_index").first().alias("_sentence_index"),
        pl.col("article_id").first().alias("_mention_article"),
        finest_precision("date_precision").alias("_date_precision"),
        (pl.col("sentence_index").min() < ROOT_SENTENCES).alias("_root"),
        pl.col("_url").drop_nulls().unique(maintain_order=True).alias("_urls"),
        pl.coalesce("outlet", "_outlet").drop_nulls().unique(maintain_order=True).alias("_outlets"),
        pl.col("admin1").filter(located).first().alias("_m_admin1"),
        pl.col("geo_precision").filter(located).first().alias("_m_geo_precision"),
        pl.col("geo_feature_id").filter(located).first().alias("_m_geo_feature_id"),
    )
    frame = ev.join(per_event, on="event_id", how="left").join(
        ar.select(
            pl.col("article_id").alias("first_article_id"),
            pl.col("url").alias("_first_url"),
            pl.col("source").alias("_first_outlet"),
        ),
        on="first_article_id",
        how="left",
    )
    frame = frame.with_columns(
        pl.coalesce("admin1", "_m_admin1").alias("_admin1"),
        pl.coalesce("geo_precision", "_m_geo_precision").alias("_geo_precision"),
        pl.coalesce("geo_feature_id", "_m_geo_feature_id").alias("_feature_id"),
        pl.col("_urls").fill_null([]),
        pl.col("_outlets").fill_null([]),
    )
    return with_actor_parts(frame, actors).sort(["event_date", "event_id"], nulls_last=True)


def with_columns(frame: pl.DataFrame, wanted: Mapping[str, Any]) -> pl.DataFrame:
    """``frame`` with each ``wanted`` column present (null when missing)."""
    missing = [pl.lit(None, dtype=t).alias(c) for c, t in wanted.items() if c not in frame.columns]
    return frame.with_columns(missing) if missing else frame


def with_actor_parts(frame: pl.DataFrame, actors: pl.DataFrame) -> pl.DataFrame:
    """Split source and target codes into country, known group and roles."""
    frame = frame.with_columns(pl.col("source_code", "target_code").cast(_S))  # an all-null column has no type
    known: dict[str, str | None] = {}
    if {"actor_code", "country_code"} <= set(actors.columns):
        for code, country in actors.select("actor_code", "country_code").unique().iter_rows():
            if code is not None and (code not in known or known[code] is None):
                known[code] = country
    codes = set(frame.get_column("source_code").drop_nulls()) | set(frame.get_column("target_code").drop_nulls())
    parts = {code: split_code(code, known) for code in codes}
    columns = []
    for side in ("source", "target"):
        table = pl.DataFrame(
            {
                f"{side}_code": list(parts),
                f"_{side}_country": [p[0] for p in parts.values()],
                f"_{side}_group": [p[1] for p in parts.values()],
                f"_{side}_roles": [list(p[2]) for p in parts.values()],
            },
            schema={f"{side}_code": _S, f"_{side}_country": _S, f"_{side}_group": _S, f"_{side}_roles": pl.List(_S)},
        )
        columns.append(table)
    for table in columns:
        frame = frame.join(table, on=table.columns[0], how="left")
    return frame


def split_code(code: str, known: Mapping[str, str | None]) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(country ISO3, known group, roles) of a CAMEO actor code."""
    segments = [code[i : i + 3] for i in range(0, len(code), 3)]
    if not segments:
        return None, None, ()
    head = segments[0]
    if head in GROUP_PREFIXES:
        return None, segments[1] if len(segments) > 1 else None, (head, *segments[2:])
    country = known.get(code)
    if country is None and code not in known and head in countries():
        country = head
    if country is not None and head == country:
        return country, None, tuple(segments[1:])
    return None, None, tuple(segments)



def country_expr(column: str, pick: Any, dtype: Any = _S) -> pl.Expr:
    """A property of the ISO3 country in ``column`` (name, FIPS, numeric)."""
    table = {iso3: pick(info) for iso3, info in countries().items()}
    return pl.col(column).replace_strict(table, default=None, return_dtype=dtype)


def precision_expr() -> pl.Expr:
    """geo_precision: the column when present, else 3 for a country-named location, else 1."""
    names = sorted({info.name for info in countries().values()})
    has_place = pl.col("location_name").is_not_null() | pl.col("latitude").is_not_null()
    return (
        pl.when(pl.col("_geo_precision").is_not_null())
        .then(pl.col("_geo_precision"))
        .when(~has_place)
        .then(None)
        .when(pl.col("location_name").is_in(names))
        .then(3)
        .otherwise(1)
        .cast(pl.Int64)
    )


def utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)

