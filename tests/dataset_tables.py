"""A dataset table read whole and in a fixed order, for comparing two runs' datasets row by row."""

from __future__ import annotations

from pathlib import Path

import polars as pl


def table(where: Path, name: str) -> pl.DataFrame:
    """Every part of table ``name`` under ``where`` (flat or hive-partitioned), sorted by its plain columns."""
    frame = pl.read_parquet(where / name / "**" / "*.parquet", hive_partitioning=False)
    return frame.sort([c for c, t in frame.schema.items() if not isinstance(t, pl.List)], nulls_last=True)
