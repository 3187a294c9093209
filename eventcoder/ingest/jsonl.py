"""JSON Lines: one JSON object per line, read and decoded one line at a time."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from eventcoder.ingest.lines import binary_lines
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
    for line in binary_lines(handle, MAX_RECORD_BYTES):
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
