"""Lines of a file read as bytes, so that each line is decoded on its own.

Decoding line by line means one byte that is not UTF-8 costs one record,
not the whole file; reading with a length limit means one huge line costs
one record, not the machine's memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from eventcoder.ingest.records import RAW_LIMIT

_BOM = b"\xef\xbb\xbf"
_SKIP_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class RawLine:
    """One line as bytes, with the line break.

    ``offset`` is the byte offset of ``data``'s first byte in the file, so an
    error's position inside ``data`` plus ``offset`` is its place in the file.
    A line longer than the limit is ``too_long`` and keeps only its start.
    """

    number: int
    offset: int
    data: bytes
    too_long: bool = False


def binary_lines(
    handle: BinaryIO, limit: int | None, *, offset: int = 0, number: int = 0, stop: int | None = None
) -> Iterator[RawLine]:
    """Yield the lines of ``handle`` (numbered from 1), a UTF-8 byte order mark taken off the first.

    Lines longer than ``limit`` bytes (None: no limit) are ``too_long``. A
    byte range of a file reads from a line start: ``offset`` is where the
    handle stands, ``number`` the lines before it, and only lines that start
    before ``stop`` are read (a line belongs to the range it starts in).
    """
    while stop is None or offset < stop:
        data = handle.readline(limit + 1) if limit is not None else handle.readline()
        if not data:
            return
        number += 1
        start = offset
        offset += len(data)
        if start == 0 and data.startswith(_BOM):
            data, start = data[len(_BOM):], start + len(_BOM)
        if limit is not None and len(data) > limit and not data.endswith(b"\n"):
            offset += _skip_to_line_end(handle)
            yield RawLine(number, start, data[:RAW_LIMIT], too_long=True)
            continue
        yield RawLine(number, start, data)


def skip_to_line_start(handle: BinaryIO, position: int) -> tuple[int, int]:
    """Move ``handle`` to the first line start at or after ``position``; return it and the line breaks passed.

    The breaks counted are those at or after ``position``, so a range's first
    line number is the breaks before ``position`` plus these plus one.
    """
    if position == 0:
        handle.seek(0)
        return 0, 0
    handle.seek(position - 1)
    if handle.read(1) == b"\n":
        return position, 0
    while True:
        chunk = handle.readline(_SKIP_CHUNK)
        position += len(chunk)
        if not chunk:
            return position, 0
        if chunk.endswith(b"\n"):
            return position, 1


def count_breaks(handle: BinaryIO, start: int, stop: int) -> int:
    """The line breaks in bytes ``start``..``stop`` of ``handle``, read in bounded chunks."""
    handle.seek(start)
    breaks = 0
    left = stop - start
    while left > 0:
        chunk = handle.read(min(_SKIP_CHUNK, left))
        if not chunk:
            break
        breaks += chunk.count(b"\n")
        left -= len(chunk)
    return breaks


def _skip_to_line_end(handle: BinaryIO) -> int:
    """Read past the rest of an overlong line in bounded chunks; return the bytes skipped."""
    skipped = 0
    while True:
        chunk = handle.readline(_SKIP_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped
