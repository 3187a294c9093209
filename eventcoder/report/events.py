"""One row per event with what the report needs of its mentions: the event frame.

An event aggregates mentions; the report also wants, per event:

- ``precision``: the finest date precision of its mentions (0 day, 1 week,
  2 month, 3 year, 4 none);
- ``unknown``, ``fuzzy``, ``context``: whether any of its mentions has an
  actor resolved that way (``folded`` names count as fuzzy), for the quality
  panel;
- ``source_named``, ``target_named``: the named actor (a codebook actor or an
  unresolved proper name: keys ``actor:`` and ``name:``) behind each side, the
  first such among its mentions; a composed code (``code:SUDMIL``) names a
  country-role group, which the event's codes already give;
- ``first_mention``: the mention whose sentence the event list shows.
"""

from __future__ import annotations

from enum import Enum

import polars as pl

from eventcoder.report.tables import Tables

__all__ = ["Precision", "Resolution", "event_frame", "NAMED_KEY"]

NAMED_KEY = r"^(actor|name):"


class Precision(int, Enum):
    DAY = 0
    WEEK = 1
    MONTH = 2
    YEAR = 3
    NONE = 4


class Resolution(str, Enum):
    """Actor resolutions the quality panel counts (values of the mentions' ``*_how``)."""

    UNKNOWN = "unknown"
    FUZZY = "fuzzy"
    CONTEXT = "context"


_FUZZY_HOWS = (Resolution.FUZZY.value, "folded")


def event_frame(tables: Tables) -> pl.LazyFrame:
    """The events, each with its mentions' precision, resolution flags, named actors and first mention."""
    return (
        tables.events.with_columns(
            pl.col("mention_ids").list.first().alias("first_mention"), pl.col("quad_class").fill_null(0)
        )
        .join(_per_event(tables.mentions), on="event_id", how="left")
        .with_columns(
            pl.col("precision").fill_null(Precision.NONE.value),
            *(pl.col(r.value).fill_null(False) for r in Resolution),
        )
    )


def _per_event(mentions: pl.LazyFrame) -> pl.LazyFrame:
    precision = pl.col("date_precision").replace_strict(
        {p.name.lower(): p.value for p in Precision}, default=Precision.NONE.value, return_dtype=pl.Int8
    )
    hows = (pl.col("source_how"), pl.col("target_how"))

    def any_how(values: tuple[str, ...]) -> pl.Expr:
        return pl.any_horizontal(how.is_in(values).fill_null(False) for how in hows).any()

    def named(side: str) -> pl.Expr:
        is_named = pl.col(f"{side}_key").str.contains(NAMED_KEY).fill_null(False)
        return pl.col(f"{side}_actor_id").filter(is_named).first().alias(f"{side}_named")

    return mentions.group_by("event_id").agg(
        precision.min().alias("precision"),
        any_how((Resolution.UNKNOWN.value,)).alias(Resolution.UNKNOWN.value),
        any_how(_FUZZY_HOWS).alias(Resolution.FUZZY.value),
        any_how((Resolution.CONTEXT.value,)).alias(Resolution.CONTEXT.value),
        named("source"),
        named("target"),
    )
