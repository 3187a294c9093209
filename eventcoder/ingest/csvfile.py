"""CSV with a header row, read one row at a time and decoded one line at a time."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from eventcoder.ingest.lines import binary_lines
from eventcoder.ingest.records import (
    MAX_RECORD_BYTES,
    RecordError,
    bad_byte,
    file_reject,
    raw_snippet,
    record_to_article,
    reject_at,
)
from eventcoder.model import Article, Location, Reject, RejectKind

if TYPE_CHECKING:
    from _csv import Reader

_TEXT_COLUMNS = ("text", "body")


class _DecodedLines:
    """The file's lines as text for ``csv.reader``, remembering which held bytes that are not UTF-8.

    Undecodable bytes are passed on as surrogate escapes, so the CSV parser
    keeps its place in the file; the row holding them is then rejected.
    """

    def __init__(self, handle: BinaryIO, *, offset: int = 0, number: int = 0) -> None:
        self._handle = handle
        self._start = (offset, number)  # where ``handle`` stands, and the lines before it
        self.position = offset
        """Where the next line the parser has not taken starts: after a row, the next row's start."""
        self.bad: dict[int, tuple[str, int]] = {}  # line number -> (reason, byte offset)

    def __iter__(self) -> Iterator[str]:
        # No length limit here: a row may span lines; the csv field limit bounds each field.
        offset, number = self._start
        for line in binary_lines(self._handle, limit=None, offset=offset, number=number):
            self.position = line.offset + len(line.data)
            try:
                yield line.data.decode("utf-8")
            except UnicodeDecodeError as err:
                self.bad[line.number] = bad_byte(err, line.offset)
                yield line.data.decode("utf-8", "surrogateescape")

    def first_bad(self, first: int, last: int) -> tuple[str, int] | None:
        """The first decode problem on lines ``first``..``last``, forgetting those lines' problems."""
        found = [self.bad.pop(n) for n in range(first, last + 1) if n in self.bad]
        return found[0] if found else None


def read_csv(path: Path) -> Iterator[Article | Reject]:
    """Stream the articles of a .csv file.

    A file without a text column cannot hold a single article, so it is one
    Reject rather than one per row. Origins carry the line a row starts on
    (quoted fields may span lines).
    """
    return read_csv_range(path, 0, None)


def read_csv_range(path: Path, start: int, stop: int | None, breaks_before: int = 0) -> Iterator[Article | Reject]:
    """The rows of ``path`` that start in bytes ``start``..``stop``, read and numbered as in the whole file.

    ``start`` must be where a row starts in a read of the whole file (0, or a
    start found by :func:`~eventcoder.ingest.csvrange.scan_csv`) and
    ``breaks_before`` the line breaks before it. A range after the first reads
    the header for itself and yields nothing when the header is bad: the
    file's one Reject is the first range's.
    """
    # The field limit is the csv module's global; raising it to the record
    # limit only lets rows through that every other reader accepts too.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_RECORD_BYTES))
    with path.open("rb") as handle:
        lines = _DecodedLines(handle)
        reader = csv.reader(lines)
        header = _header(path, reader, lines)
        if isinstance(header, Reject):
            if start == 0:
                yield header
            return
        base = 0
        if start > 0:
            handle.seek(start)
            lines = _DecodedLines(handle, offset=start, number=breaks_before)
            reader = csv.reader(lines)
            base = breaks_before
        yield from _rows(path, reader, header, lines, base=base, stop=stop)


def _header(path: Path, reader: Reader, lines: _DecodedLines) -> list[str] | Reject:
    """The header row, or the file's one Reject when it is missing, unreadable or has no text column."""
    try:
        header = next(reader)
    except StopIteration:
        return file_reject(path, RejectKind.EMPTY_FILE, "CSV file is empty (expected a header row)")
    except csv.Error as err:
        return file_reject(path, RejectKind.INVALID_CSV, f"CSV header row could not be read: {err}")
    problem = lines.first_bad(1, reader.line_num)
    if problem is not None:
        return file_reject(path, RejectKind.NOT_UTF8, f"CSV header row is {problem[0]}", byte_offset=problem[1])
    if not any(column in header for column in _TEXT_COLUMNS):
        reason = f"CSV has no 'text' or 'body' column (columns: {', '.join(header)})"
        return file_reject(path, RejectKind.MISSING_COLUMN, reason)
    return header


def _rows(
    path: Path, reader: Reader, header: list[str], lines: _DecodedLines, *, base: int, stop: int | None
) -> Iterator[Article | Reject]:
    """The rows that start before ``stop``; ``base`` is the lines before the reader's first line."""
    while stop is None or lines.position < stop:
        line = base + reader.line_num + 1
        where = Location(str(path), f"line {line}", line)
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            lines.first_bad(line, base + reader.line_num)
            yield reject_at(where, RejectKind.INVALID_CSV, f"CSV row could not be read: {err}")
            continue
        item = _row(path, where, row, header, lines.first_bad(line, base + reader.line_num))
        if item is not None:
            yield item


def _row(
    path: Path, where: Location, row: list[str], header: list[str], problem: tuple[str, int] | None
) -> Article | Reject | None:
    """The Article or Reject of one parsed row; None for an empty row."""
    if not row:
        return None
    if problem is not None:
        return reject_at(where, RejectKind.NOT_UTF8, problem[0], raw_snippet(row), byte_offset=problem[1])
    if len(row) > len(header):
        reason = f"row has {len(row)} fields but the header has {len(header)}"
        return reject_at(where, RejectKind.INVALID_CSV, reason, raw_snippet(row))
    record = dict(zip(header, row + [""] * (len(header) - len(row)), strict=True))
    try:
        return record_to_article(
            record, stem=path.stem, number=where.line or 0, origin=f"{path}:{where.line}", location=where
        )
    except RecordError as err:
        return reject_at(where, err.kind, str(err), raw_snippet(record))
