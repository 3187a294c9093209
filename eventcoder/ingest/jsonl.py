"""JSON Lines: one JSON object per line, read and decoded one line at a time."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from eventcoder.ingest.lines import RawLine, binary_lines, skip_to_line_start
from eventcoder.ingest.records import (
    MAX_RECORD_BYTES,
    RAW_LIMIT,
    RecordError,
    bad_byte,
    json_kind,
    raw_snippet,
    record_to_article,
    reject_at,
)
from eventcoder.model import Article, Location, Reject, RejectKind


def read_jsonl(path: Path) -> Iterator[Article | Reject]:
    """Stream the articles of a .jsonl/.ndjson file."""
    with path.open("rb") as handle:
        yield from read_jsonl_binary(handle, name=str(path), stem=path.stem)


def read_jsonl_binary(handle: BinaryIO, *, name: str, stem: str) -> Iterator[Article | Reject]:
    """Parse JSON Lines from bytes, decoding each line on its own.

    A line that is not UTF-8 or is longer than the record limit is one
    Reject (with the offset of its first bad byte); the other lines are read.
    """
    yield from _records(binary_lines(handle, MAX_RECORD_BYTES), name=name, stem=stem)


def _records(lines: Iterable[RawLine], *, name: str, stem: str) -> Iterator[Article | Reject]:
    for line in lines:
        where = Location(name, f"line {line.number}", line.number)
        if line.too_long:
            reason = f"line is longer than the record limit of {MAX_RECORD_BYTES:,} bytes"
            yield reject_at(where, RejectKind.TOO_LARGE, reason, _shown(line.data))
            continue
        try:
            text = line.data.decode("utf-8")
        except UnicodeDecodeError as err:
            reason, offset = bad_byte(err, line.offset)
            yield reject_at(where, RejectKind.NOT_UTF8, reason, _shown(line.data), byte_offset=offset)
            continue
        item = parse_line(text, where, stem)
        if item is not None:
            yield item


def read_jsonl_lines(lines: Iterable[str], *, name: str, stem: str) -> Iterator[Article | Reject]:
    """Parse JSON Lines from text lines (a text stream given as stdin)."""
    for number, line in enumerate(lines, start=1):
        item = parse_line(line, Location(name, f"line {number}", number), stem)
        if item is not None:
            yield item


def parse_line(line: str, where: Location, stem: str) -> Article | Reject | None:
    """The Article or Reject of one line; None for a blank line, which separates and is not a record."""
    if not line.strip():
        return None
    raw = raw_snippet(line.rstrip("\r\n"))
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as err:
        return reject_at(where, RejectKind.INVALID_JSON, f"invalid JSON: {err}", raw)
    if not isinstance(record, dict):
        return reject_at(where, RejectKind.NOT_AN_OBJECT, f"expected a JSON object, got {json_kind(record)}", raw)
    assert where.line is not None
    try:
        return record_to_article(
            record, stem=stem, number=where.line, origin=f"{where.file}:{where.line}", location=where
        )
    except RecordError as err:
        return reject_at(where, err.kind, str(err), raw)


def _shown(data: bytes) -> str:
    """The start of a line that could not be decoded, bad bytes shown as U+FFFD."""
    return raw_snippet(data[: 4 * RAW_LIMIT].decode("utf-8", "replace").rstrip("\r\n"))


def read_jsonl_range(path: Path, start: int, stop: int, breaks_before: int) -> Iterator[Article | Reject]:
    """The records of the lines of ``path`` that start in bytes ``start``..``stop``, numbered as in the whole file.

    ``breaks_before`` is the count of line breaks before ``start``
    (:func:`~eventcoder.ingest.lines.count_breaks`), so generated ids and
    locations are those a read of the whole file gives.
    """
    with path.open("rb") as handle:
        offset, passed = skip_to_line_start(handle, start)
        lines = binary_lines(handle, MAX_RECORD_BYTES, offset=offset, number=breaks_before + passed, stop=stop)
        yield from _records(lines, name=str(path), stem=path.stem)
