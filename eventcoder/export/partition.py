"""``--partition-by year|month``: mentions/ and events/ split into hive directories by event date.

A partitioned table reads as ``mentions/year=2024/month=03/part-00012.parquet``:
``polars.scan_parquet(DIR / "mentions", hive_partitioning=True)``, DuckDB's
``read_parquet('DIR/mentions/**/*.parquet', hive_partitioning = true)`` and
``pyarrow.dataset.dataset(DIR / "mentions", partitioning="hive")`` add the
``year`` (and ``month``) columns and prune by them. The part files keep
exactly the table's schema (``event_date`` included), so eventcoder's own
readers see the same rows and columns as in a flat dataset. Rows with no
event date go to Hive's null partition, ``year=__HIVE_DEFAULT_PARTITION__``,
which polars, DuckDB and Arrow all read as a null ``year``.

Parts are written flat while a run codes and aggregates, and split by
:func:`split_part` just before the manifest, one part at a time, so memory
holds one part. A split part keeps its number in every partition it lands in.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from eventcoder.fs.atomic import replacing

__all__ = ["NULL_PARTITION", "PARTITIONED_TABLES", "PartitionBy", "split_part"]

PARTITIONED_TABLES = ("mentions", "events")
"""The tables ``--partition-by`` splits; the others stay flat."""

NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
"""Hive's name for a null key: the partition of rows with no event date."""

DATE_COLUMN = "event_date"


class PartitionBy(str, Enum):
    """How deep mentions/ and events/ are split by event date."""

    YEAR = "year"
    MONTH = "month"

    def names(self) -> tuple[str, ...]:
        """The hive keys, outermost first."""
        return ("year",) if self is PartitionBy.YEAR else ("year", "month")


def _keys(table: pa.Table, by: PartitionBy) -> list[pa.Array]:
    """Per row, the partition values as text: ``2024``, ``03``, or the null partition."""
    dates = table.column(DATE_COLUMN)
    year = pc.fill_null(pc.cast(pc.year(dates), pa.string()), NULL_PARTITION)
    if by is PartitionBy.YEAR:
        return [year]
    month = pc.fill_null(pc.utf8_lpad(pc.cast(pc.month(dates), pa.string()), 2, "0"), NULL_PARTITION)
    return [year, month]


def split_part(part: Path, by: PartitionBy, compression: str) -> list[Path]:
    """Move the flat part ``part`` into its table's hive directories; return the files written.

    The rows keep their order and the part its schema; only the directory says the key.
    """
    table = pq.read_table(part)
    if table.num_rows == 0:
        return [part]  # an empty table keeps one flat part, so it still reads with its schema
    keys = _keys(table, by)
    combined = pa.table(dict(zip(by.names(), keys, strict=True)))
    written = []
    for values in combined.group_by(list(by.names()), use_threads=False).aggregate([]).to_pylist():
        mask = None
        for name, column in zip(by.names(), keys, strict=True):
            equal = pc.equal(column, values[name])
            mask = equal if mask is None else pc.and_(mask, equal)
        directory = part.parent.joinpath(*(f"{k}={values[k]}" for k in by.names()))
        target = directory / part.name
        with replacing(target) as temporary:
            pq.write_table(table.filter(mask), temporary, compression=compression)
        written.append(target)
    part.unlink()
    return written
