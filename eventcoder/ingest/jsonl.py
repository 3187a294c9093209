"""JSON Lines: one JSON object per line, read one line at a time."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventcoder.ingest.records import RecordError, json_kind, raw_snippet, record_to_article
from eventcoder.model import Article, Reject


def read_jsonl(path: Path) -> Iterator[Article | Reject]:
    """Stream the articles of a .jsonl/.ndjson file."""
    with path.open(encoding="utf-8-sig") as handle:
        yield from read_jsonl_lines(handle, name=str(path), stem=path.stem)


def read_jsonl_lines(lines: Iterable[str], *, name: str, stem: str) -> Iterator[Article | Reject]:
    """Parse JSON Lines from any line source (a file, or stdin for ``-``).

    Blank lines are separators, not records. Each bad line becomes a Reject
    and the lines after it are still read.
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as err:
            yield Reject(
                name, f"line {number}", f"invalid JSON: {err}", raw_snippet(line.rstrip("\n"))
            )
            continue
        if not isinstance(record, dict):
            reason = f"expected a JSON object, got {json_kind(record)}"
            yield Reject(name, f"line {number}", reason, raw_snippet(line.rstrip("\n")))
            continue
        try:
            yield record_to_article(record, stem=stem, number=number, origin=f"{name}:{number}")
        except RecordError as err:
            yield Reject(name, f"line {number}", str(err), raw_snippet(line.rstrip("\n")))
