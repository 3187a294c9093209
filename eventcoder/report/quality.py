"""The quality panel's run-wide numbers: what was rejected, what coded nothing, how actors were found.

These describe the run, not a selection of events, so the page shows them as
they are; the event shares (actor resolution, date precision, located) are
counted by the page from the fact table's flags and follow the filters.
"""

from __future__ import annotations

import polars as pl

from eventcoder.report.tables import Tables

__all__ = ["run_quality"]


def run_quality(tables: Tables) -> dict[str, object]:
    """Rejects by kind (with one reason each), articles by status, actors by origin."""
    rejects = (
        tables.rejects.group_by(pl.col("kind").fill_null("unknown"))
        .agg(pl.len().alias("n"), pl.col("reason").drop_nulls().first().alias("example"))
        .sort(["n", "kind"], descending=[True, False])
        .collect()
    )
    return {
        "rejects": rejects.to_dicts(),
        "articles": _counts(tables.articles, "status"),
        "actors": _counts(tables.actors, "origin"),
    }


def _counts(frame: pl.LazyFrame, column: str) -> list[dict[str, object]]:
    counted = (
        frame.group_by(pl.col(column).fill_null("unknown").alias("value"))
        .len("n")
        .sort(["n", "value"], descending=[True, False])
        .collect()
    )
    return counted.to_dicts()
