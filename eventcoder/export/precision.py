"""Date precision in the views: ``--min-precision`` and the side column.

An event dated only to a month or a year (``in July``, ``last year``) has the
first day of that month or year as its ``event_date``, and ``date_precision``
says so in the mentions table. GDELT, ICEWS and Phoenix have a day column and
no precision column, so such an event reads as if it happened on the 1st.
Exports therefore can

- drop the events known less precisely than a given precision
  (:func:`precision_filter`; ``--min-precision day`` keeps only exact days);
- write the precision in a side column after the format's own columns
  (:data:`SIDE_COLUMNS`), where the format is read by column name.

An event's precision is the finest of its mentions' (see
:mod:`eventcoder.export.frame`); an event whose mentions carry no precision
counts as exact to the day, the precision of a publication date.
"""

from __future__ import annotations

from enum import Enum

import polars as pl

__all__ = ["SIDE_COLUMNS", "DatePrecision", "finest_precision", "precision_filter"]


class DatePrecision(str, Enum):
    """How exactly a date is known, from the finest to the coarsest."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"

    @property
    def rank(self) -> int:
        return _ORDER.index(self)


_ORDER = list(DatePrecision)
_RANKS = {p.value: p.rank for p in DatePrecision}

SIDE_COLUMNS = {"icews": "Date Precision", "phoenix": "DatePrecision"}
"""The side column each view gets when its file is read by column name.

GDELT's files are positional (no header, a fixed schema in BigQuery) and ACLED
has its own ``time_precision``, so neither gets one.
"""


def finest_precision(column: str) -> pl.Expr:
    """An aggregation: the finest precision among the values of ``column`` (null when none)."""
    ranks = pl.col(column).replace_strict(_RANKS, default=None, return_dtype=pl.Int8)
    names = {p.rank: p.value for p in DatePrecision}
    return ranks.min().replace_strict(names, default=None, return_dtype=pl.String)


def precision_filter(minimum: DatePrecision, column: str = "_date_precision") -> pl.Expr:
    """True for the rows dated at least as precisely as ``minimum`` (a row with no precision counts as a day)."""
    ranks = pl.col(column).replace_strict(_RANKS, default=0, return_dtype=pl.Int8)
    return ranks <= minimum.rank
