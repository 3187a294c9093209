"""How far a run is and how long it has left, from its progress counts: pure functions, for any engine.

A run knows its partitions up front (the Dask engine's partitions; for the
local engine each input file is one) and their bytes, and it knows the
number of records to read when every input is Parquet (the footers say).
The done fraction is taken from the records when they are known, else from
the bytes of the partitions done, else from their count; the time left is
the time so far scaled by what is left.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..coding import Progress

__all__ = ["Estimate", "describe", "estimate", "parquet_rows"]


@dataclass(frozen=True, slots=True)
class Estimate:
    """The part of the run done (0..1) and the seconds left; None when not known yet."""

    fraction: float | None
    seconds_left: float | None


def estimate(p: Progress, elapsed: float) -> Estimate:
    """The done fraction and time left of ``p``, ``elapsed`` seconds into the run."""
    fraction = _fraction(p)
    if fraction is None or fraction <= 0 or elapsed <= 0:
        return Estimate(fraction, None)
    if fraction >= 1:
        return Estimate(1.0, 0.0)
    return Estimate(fraction, elapsed * (1 - fraction) / fraction)


def _fraction(p: Progress) -> float | None:
    if p.articles_total:
        return min(1.0, (p.articles + p.rejects + p.skipped) / p.articles_total)
    if p.bytes_total:
        return min(1.0, p.bytes_done / p.bytes_total)
    if p.partitions_total:
        return min(1.0, p.partitions_done / p.partitions_total)
    return None


def describe(p: Progress, elapsed: float) -> str:
    """The progress line: partitions and articles done of their totals when known, counts, time left."""
    parts = []
    if p.partitions_total is not None:
        parts.append(f"{p.partitions_done:,}/{p.partitions_total:,} partitions")
    total = f"/{p.articles_total:,}" if p.articles_total is not None else ""
    parts.append(f"{p.articles:,}{total} articles")
    parts.append(f"{p.sentences:,} sentences, {p.mentions:,} event mentions, {p.rejects:,} rejects")
    left = estimate(p, elapsed).seconds_left
    if left is not None:
        parts.append(f"ETA {_clock(left)}")
    return ", ".join(parts)


def _clock(seconds: float) -> str:
    """``seconds`` as h:mm:ss (m:ss under an hour)."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def parquet_rows(files: Iterable[tuple[Path, range | None]]) -> int | None:
    """The rows of these Parquet files (or of their row groups ``range``), from the footers; None if one fails."""
    total = 0
    for path, groups in files:
        try:
            meta = pq.read_metadata(path)
        except (OSError, pa.ArrowException):
            return None
        total += meta.num_rows if groups is None else sum(meta.row_group(g).num_rows for g in groups)
    return total
