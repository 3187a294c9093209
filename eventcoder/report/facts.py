"""The fact table: events counted by every dimension the page filters or draws by.

One row per distinct (time bin, event code, source code, target code, source
named actor, target named actor, place, quality flags), with the number of
events and their fatalities. The page recounts every panel from these rows
when a filter changes, so filters stay exact without shipping the events:
a million events over a few years by month collapse to far fewer rows, and
every column is a small integer (see ``encode.py``).

Flags: bits 0-2 the date precision (:class:`~eventcoder.report.events.Precision`),
bit 3 an actor resolved as unknown, bit 4 fuzzy, bit 5 from context.
"""

from __future__ import annotations

import polars as pl

from eventcoder.report.bins import Bins
from eventcoder.report.dims import Dimensions, event_code_key, place_key
from eventcoder.report.events import Resolution

__all__ = ["FACT_COLUMNS", "UNDATED", "fact_table", "with_indices"]

UNDATED = 65535  # the bin of an event without a date
FACT_COLUMNS = ("bin", "ev", "src", "tgt", "srcn", "tgtn", "place", "flags", "n", "dead")
_FLAG_BITS = {Resolution.UNKNOWN: 3, Resolution.FUZZY: 4, Resolution.CONTEXT: 5}


def with_indices(events: pl.DataFrame, dims: Dimensions, bins: Bins) -> pl.DataFrame:
    """The event frame with each dimension's index (``bin``, ``ev``, ``src``, ... ``flags``) added."""
    frame = events.with_columns(
        bins.index().fill_null(UNDATED).clip(0, UNDATED).cast(pl.UInt16).alias("bin"),
        event_code_key(),
        place_key(),
        _flags().alias("flags"),
    )
    for column, alias in (("source_code", "src"), ("target_code", "tgt")):
        frame = frame.join(_renamed(dims.code_index, "code", alias, column), on=column, how="left")
    for column, alias in (("source_named", "srcn"), ("target_named", "tgtn")):
        frame = frame.join(_renamed(dims.named_index, "actor_id", alias, column), on=column, how="left")
    frame = frame.join(_renamed(dims.event_code_index, "event_code_key", "ev"), on="event_code_key", how="left")
    frame = frame.join(_renamed(dims.place_index, "place_key", "place"), on="place_key", how="left")
    return frame.with_columns(pl.col("src", "tgt", "srcn", "tgtn", "place").fill_null(0))


def _renamed(frame: pl.DataFrame, on: str, alias: str, key: str | None = None) -> pl.DataFrame:
    """An index frame renamed for one join: its key column as ``key``, its ``idx`` as ``alias``."""
    return frame.rename({on: key or on, "idx": alias})


def fact_table(indexed: pl.DataFrame) -> pl.DataFrame:
    """The facts of an indexed event frame (:func:`with_indices`), sorted so equal bins and dyads are adjacent."""
    keys = [c for c in FACT_COLUMNS if c not in ("n", "dead")]
    return (
        indexed.group_by(keys)
        .agg(
            pl.len().cast(pl.UInt32).alias("n"),
            pl.col("fatalities").sum().clip(0, 2**32 - 1).cast(pl.UInt32).alias("dead"),
        )
        .sort(["bin", "src", "tgt", "ev", "srcn", "tgtn", "place", "flags"])
        .select(FACT_COLUMNS)
    )


def _flags() -> pl.Expr:
    flags = pl.col("precision").cast(pl.UInt8)
    for resolution, bit in _FLAG_BITS.items():
        flags = flags | (pl.col(resolution.value).cast(pl.UInt8) * (1 << bit))
    return flags
