"""The dataset tables the report reads, as lazy frames with every column it uses.

Only the columns the report needs are read (a million-event dataset's
sentence texts are read for the listed events only, see ``detail.py``), and a
column missing from an older or hand-made dataset is added as nulls, so the
aggregations never branch on what a table holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from eventcoder.errors import DatasetError
from eventcoder.export.reader import read_manifest, scan_table

__all__ = ["COLUMNS", "Tables", "read_tables", "with_columns"]

_S, _F, _I = pl.String, pl.Float64, pl.Int64
COLUMNS: Mapping[str, Mapping[str, Any]] = {
    "events": {
        "event_id": _S, "event_date": pl.Date, "source_code": _S, "target_code": _S, "event_code": _S,
        "root": _S, "quad_class": _I, "goldstein": _F, "num_mentions": _I, "first_article_id": _S,
        "location_name": _S, "admin1": _S, "country_code": _S, "latitude": _F, "longitude": _F,
        "fatalities": _I, "source_name": _S, "target_name": _S, "mention_ids": pl.List(_S),
    },
    "mentions": {
        "mention_id": _S, "event_id": _S, "article_id": _S, "sentence_text": _S, "source_actor_id": _S,
        "source_key": _S, "source_how": _S, "source_text": _S, "target_actor_id": _S, "target_key": _S,
        "target_how": _S, "target_text": _S, "date_precision": _S, "pattern_id": _S, "verb_text": _S,
    },
    "actors": {"actor_id": _S, "canonical_name": _S, "actor_code": _S, "variants": pl.List(_S),
               "mention_count": _I, "origin": _S},
    "articles": {"article_id": _S, "source": _S, "url": _S, "title": _S, "published": pl.Date, "status": _S},
    "rejects": {"kind": _S, "reason": _S, "origin": _S, "locator": _S},
}  # fmt: skip


@dataclass(frozen=True)
class Tables:
    """A dataset's tables (lazy, with :data:`COLUMNS`) and its manifest."""

    events: pl.LazyFrame
    mentions: pl.LazyFrame
    actors: pl.LazyFrame
    articles: pl.LazyFrame
    rejects: pl.LazyFrame
    manifest: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_frames(cls, manifest: Mapping[str, Any] | None = None, **frames: pl.DataFrame | pl.LazyFrame) -> Tables:
        """Tables from in-memory frames (tests, notebooks); a table not given is empty."""
        lazy = {name: with_columns(frames.get(name, pl.DataFrame()).lazy(), name) for name in COLUMNS}
        return cls(**lazy, manifest=dict(manifest or {}))


def read_tables(dataset_dir: Path) -> Tables:
    """The tables of the dataset at ``dataset_dir``; DatasetError when it has no events table."""
    dataset_dir = Path(dataset_dir)
    if scan_table(dataset_dir, "events") is None:
        raise DatasetError(f"{dataset_dir} has no events/ table")
    lazy = {}
    for name in COLUMNS:
        scan = scan_table(dataset_dir, name)
        lazy[name] = with_columns(scan if scan is not None else pl.LazyFrame(), name)
    return Tables(**lazy, manifest=read_manifest(dataset_dir))


def with_columns(frame: pl.LazyFrame, table: str) -> pl.LazyFrame:
    """``frame`` reduced to the report's columns of ``table``, missing ones added as nulls, types fixed."""
    present = frame.collect_schema().names()
    if not present:  # selecting literals from a frame without columns would make one row
        return pl.LazyFrame(schema=dict(COLUMNS[table]))
    return frame.select(
        (pl.col(name) if name in present else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in COLUMNS[table].items()
    )
