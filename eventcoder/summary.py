"""Short summaries of a written dataset: events by root code, top dyads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from .errors import DatasetError
from .storage import open_dataset


@dataclass(frozen=True)
class Summary:
    by_root: pl.DataFrame
    top_dyads: pl.DataFrame
    counts: dict[str, int]


def summarize(out: str | Path, top: int = 10) -> Summary:
    """Mentions and events per CAMEO root, and the most frequent dyads (``out`` may be a dataset's URL)."""
    tables = ("mentions", "events", "articles", "actors", "rejects")
    with open_dataset(out, "summarize", tables) as root:
        if not (root / "manifest.json").is_file():
            raise DatasetError(f"{root} holds no eventcoder dataset (no manifest.json)")
        return _summary(root, tables, top)


def _summary(root: Path, tables: tuple[str, ...], top: int) -> Summary:
    mentions = pl.scan_parquet(root / "mentions" / "**" / "*.parquet")
    events = pl.scan_parquet(root / "events" / "**" / "*.parquet")
    by_root = (
        mentions.group_by("event_root_code")
        .agg(pl.len().alias("mentions"))
        .join(
            events.group_by(pl.col("root").alias("event_root_code")).agg(pl.len().alias("events")),
            on="event_root_code",
            how="full",
            coalesce=True,
        )
        .fill_null(0)
        .sort("event_root_code")
        .collect()
    )
    dyads = (
        mentions.group_by("source_code", "target_code")
        .agg(pl.len().alias("mentions"))
        .sort(["mentions", "source_code", "target_code"], descending=[True, False, False])
        .head(top)
        .collect()
    )
    counts = {
        name: pl.scan_parquet(root / name / "**" / "*.parquet").select(pl.len()).collect().item()
        for name in tables
    }
    return Summary(by_root, dyads, counts)
