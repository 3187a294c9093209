"""Time bins of the report, chosen from the span of the dated events.

A corpus of three weeks is read by day, one of ten years by month: the
finest unit giving at most :data:`MAX_BINS` bins is taken (day, week, month,
quarter, year), so a chart never holds hundreds of slivers and its label says
the unit it counts. Weeks start on Monday (ISO 8601).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

import polars as pl

__all__ = ["MAX_BINS", "TimeBin", "Bins", "choose_bins"]

MAX_BINS = 120


class TimeBin(str, Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Bins:
    """The bins from ``first`` to ``last`` (both bin starts) in steps of ``unit``."""

    unit: TimeBin
    starts: tuple[date, ...]

    def index(self, column: str = "event_date") -> pl.Expr:
        """The bin number of each date in ``column`` (null for a null date), as a polars expression."""
        if not self.starts:
            return pl.lit(None, dtype=pl.Int32)
        day, first = pl.col(column), self.starts[0]
        if self.unit is TimeBin.DAY:
            return (day - pl.lit(first)).dt.total_days().cast(pl.Int32)
        if self.unit is TimeBin.WEEK:
            return ((day - pl.lit(first)).dt.total_days() // 7).cast(pl.Int32)
        months = (day.dt.year().cast(pl.Int32) * 12 + day.dt.month().cast(pl.Int32)) - (first.year * 12 + first.month)
        size = {TimeBin.MONTH: 1, TimeBin.QUARTER: 3, TimeBin.YEAR: 12}[self.unit]
        return (months // size).cast(pl.Int32)

    def labels(self) -> list[str]:
        """A label per bin that names its unit: 2024-11-03, 2024-W45, 2024-11, 2024 Q4, 2024."""
        return [label(self.unit, start) for start in self.starts]


def label(unit: TimeBin, start: date) -> str:
    if unit is TimeBin.DAY:
        return start.isoformat()
    if unit is TimeBin.WEEK:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if unit is TimeBin.MONTH:
        return f"{start.year}-{start.month:02d}"
    if unit is TimeBin.QUARTER:
        return f"{start.year} Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


def choose_bins(first: date | None, last: date | None) -> Bins:
    """The finest unit whose bins from ``first`` to ``last`` number at most MAX_BINS; no bins without dates."""
    if first is None or last is None:
        return Bins(TimeBin.DAY, ())
    for unit in TimeBin:
        starts = _starts(unit, first, last)
        if len(starts) <= MAX_BINS or unit is TimeBin.YEAR:
            return Bins(unit, tuple(starts))
    raise AssertionError("unreachable")  # pragma: no cover


def _starts(unit: TimeBin, first: date, last: date) -> list[date]:
    start = _truncate(unit, first)
    starts = []
    while start <= last:
        starts.append(start)
        start = _next(unit, start)
    return starts


def _truncate(unit: TimeBin, day: date) -> date:
    if unit is TimeBin.DAY:
        return day
    if unit is TimeBin.WEEK:
        return day - timedelta(days=day.weekday())
    if unit is TimeBin.MONTH:
        return day.replace(day=1)
    if unit is TimeBin.QUARTER:
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(day.year, 1, 1)


def _next(unit: TimeBin, start: date) -> date:
    if unit is TimeBin.DAY:
        return start + timedelta(days=1)
    if unit is TimeBin.WEEK:
        return start + timedelta(days=7)
    months = {TimeBin.MONTH: 1, TimeBin.QUARTER: 3, TimeBin.YEAR: 12}[unit]
    total = start.month - 1 + months
    return date(start.year + total // 12, total % 12 + 1, 1)
