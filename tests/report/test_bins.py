"""Time bins follow the span: the finest unit with at most MAX_BINS bins, labelled by that unit."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from eventcoder.report.bins import MAX_BINS, TimeBin, choose_bins


@pytest.mark.parametrize(
    ("first", "last", "unit", "n", "first_label", "last_label"),
    [
        (date(2024, 11, 1), date(2024, 11, 1), TimeBin.DAY, 1, "2024-11-01", "2024-11-01"),
        (date(2024, 11, 1), date(2025, 2, 28), TimeBin.DAY, 120, "2024-11-01", "2025-02-28"),
        (date(2024, 11, 1), date(2025, 3, 1), TimeBin.WEEK, 18, "2024-W44", "2025-W09"),
        (date(2024, 12, 30), date(2025, 1, 5), TimeBin.DAY, 7, "2024-12-30", "2025-01-05"),
        (date(2023, 1, 1), date(2025, 6, 1), TimeBin.MONTH, 30, "2023-01", "2025-06"),
        (date(2008, 3, 1), date(2015, 5, 1), TimeBin.MONTH, 87, "2008-03", "2015-05"),  # issue 15's 2008/2015 corpus
        (date(1995, 2, 1), date(2020, 12, 31), TimeBin.QUARTER, 104, "1995 Q1", "2020 Q4"),
        (date(1900, 1, 1), date(2020, 1, 1), TimeBin.YEAR, 121, "1900", "2020"),
    ],
)
def test_bins_follow_the_span(
    first: date, last: date, unit: TimeBin, n: int, first_label: str, last_label: str
) -> None:
    bins = choose_bins(first, last)
    assert bins.unit is unit
    assert len(bins.starts) == n
    assert bins.labels()[0] == first_label and bins.labels()[-1] == last_label
    assert n <= MAX_BINS or unit is TimeBin.YEAR


def test_iso_week_labels_across_the_new_year() -> None:
    bins = choose_bins(date(2024, 12, 1), date(2025, 6, 1))
    assert bins.unit is TimeBin.WEEK
    assert "2025-W01" in bins.labels()  # the week of Monday 2024-12-30
    assert bins.starts[bins.labels().index("2025-W01")] == date(2024, 12, 30)


@pytest.mark.parametrize(
    ("first", "last", "day", "expected"),
    [
        (date(2024, 11, 1), date(2024, 11, 30), date(2024, 11, 3), 2),
        (date(2024, 11, 1), date(2025, 3, 1), date(2024, 11, 4), 1),  # weeks from Monday 2024-10-28
        (date(2023, 1, 15), date(2025, 6, 1), date(2024, 2, 29), 13),
        (date(1995, 2, 1), date(2020, 12, 31), date(1995, 4, 1), 1),
        (date(1900, 1, 1), date(2020, 1, 1), date(1950, 7, 1), 50),
    ],
)
def test_index_counts_bins_from_the_first(first: date, last: date, day: date, expected: int) -> None:
    bins = choose_bins(first, last)
    frame = pl.DataFrame({"event_date": [day, None]}, schema={"event_date": pl.Date})
    assert frame.select(bins.index()).to_series().to_list() == [expected, None]
    assert bins.starts[expected] <= day < (bins.starts[expected + 1] if expected + 1 < len(bins.starts) else date.max)


def test_no_dates_no_bins() -> None:
    assert choose_bins(None, None).starts == ()
