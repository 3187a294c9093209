"""Where the rows of a byte range of a CSV file start, found without reading the file from its start.

A quoted field may hold line breaks, so the first line start after a split
point may be inside a row. Python's csv reader takes whole lines, starts
every row afresh on a new line and reads nothing ahead, so a read that
starts at a true row start yields exactly the rows a read of the whole file
yields from there. That gives a two-step plan, each step parallel:

1. Each range is scanned (:func:`scan_csv`) from its first line start as if
   a row started there: the scan reports where the first row at or after
   the range's end starts (``end``), the lines it passed, and the first row
   starts it met.
2. The ranges are chained in order (:func:`settle`): range 0 starts at 0,
   and each next range must start at the previous one's ``end``. A range
   whose guess was wrong (a multi-line field straddled the split) is scanned
   again from the right start, but only until it meets a row start its
   first scan also met: from there on both scans read the same rows.

Only the scans touch the file; the driver that chains them reads nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from eventcoder.ingest.lines import binary_lines, skip_to_line_start
from eventcoder.ingest.records import MAX_RECORD_BYTES

__all__ = ["SYNC_STARTS", "CsvScan", "scan_csv", "settle"]

SYNC_STARTS = 64
"""Row starts a scan reports, for a second scan of its range to meet."""


@dataclass(frozen=True, slots=True)
class CsvScan:
    """One scan of a range: rows read from ``first``, the first row start at or after the range's end.

    ``lines`` counts the lines from ``first`` to ``end``; ``starts`` holds the
    first row starts met, each with the lines before it (from ``first``).
    """

    first: int
    end: int
    lines: int
    starts: tuple[tuple[int, int], ...] = ()


class _Lines:
    """The file's lines for ``csv.reader``, counting them and where the next one starts."""

    def __init__(self, handle: BinaryIO, offset: int) -> None:
        self._handle = handle
        self.position = offset
        self.count = 0

    def __iter__(self) -> Iterator[str]:
        for line in binary_lines(self._handle, limit=None, offset=self.position):
            self.position = line.offset + len(line.data)
            self.count += 1
            # The csv reader sees the same characters the row reader gives it,
            # whatever bytes are not UTF-8 (those rows are rejected there).
            yield line.data.decode("utf-8", "surrogateescape")


def scan_csv(path: str | Path, start: int, stop: int, *, exact: bool = False,
             sync: CsvScan | None = None) -> CsvScan:
    """Scan bytes ``start``..``stop`` of ``path`` (a task of its own on a cluster worker).

    Without ``exact`` the scan starts at the first line start at or after
    ``start``, guessing that a row starts there; with it ``start`` is known
    to be a row start. ``sync`` is an earlier scan of the same range: when
    this scan meets one of its row starts it ends and takes the rest from it.
    """
    csv.field_size_limit(max(csv.field_size_limit(), MAX_RECORD_BYTES))
    met = dict(sync.starts) if sync is not None else {}
    with open(path, "rb") as handle:
        first = start if exact else skip_to_line_start(handle, start)[0]
        handle.seek(first)
        lines = _Lines(handle, first)
        reader = csv.reader(lines)
        starts: list[tuple[int, int]] = []
        while lines.position < stop:
            here = lines.position
            if sync is not None and here in met:
                return CsvScan(first, sync.end, lines.count + sync.lines - met[here])
            if len(starts) < SYNC_STARTS:
                starts.append((here, lines.count))
            try:
                next(reader)
            except StopIteration:
                break
            except csv.Error:
                continue  # the row reader rejects this row; the next row starts on the next line
        return CsvScan(first, lines.position, lines.count, tuple(starts))


def settle(scans: Sequence[CsvScan], rescan: Callable[[int, int, CsvScan], CsvScan]) -> list[tuple[int, int]]:
    """Each range's true row start and the line breaks before it, from the scans of one file's ranges in order.

    ``rescan(i, start, scan)`` scans range ``i`` again from the row start
    ``start``, given its first ``scan`` (see :func:`scan_csv`'s ``sync``).
    """
    settled: list[tuple[int, int]] = []
    expected = 0
    breaks = 0
    for index, scan in enumerate(scans):
        if scan.first != expected:
            scan = rescan(index, expected, scan)
        settled.append((scan.first, breaks))
        breaks += scan.lines
        expected = scan.end
    return settled
