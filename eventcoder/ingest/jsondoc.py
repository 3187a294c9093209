"""A .json file: one object (one article) or a list of objects.

Unlike the line- and batch-based formats this parses the whole file at once;
JSON has no record boundaries to stream on. Large corpora belong in JSONL.
Bytes that are not UTF-8 cost only the records holding them: the file is
decoded with them escaped, and each record that holds one is rejected.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventcoder.ingest.records import (
    RecordError,
    bad_byte,
    file_reject,
    has_surrogates,
    json_kind,
    raw_snippet,
    record_to_article,
    reject_at,
)
from eventcoder.model import Article, Location, Reject, RejectKind

_BOM = "\ufeff"


def read_json(path: Path) -> Iterator[Article | Reject]:
    """Yield one Article per object; a file that is not JSON is one Reject."""
    data = path.read_bytes()
    problem: tuple[str, int] | None = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        problem = bad_byte(err)
        text = data.decode("utf-8", "surrogateescape")
    try:
        document = json.loads(text.removeprefix(_BOM))
    except (json.JSONDecodeError, RecursionError) as err:
        kind, reason = RejectKind.INVALID_JSON, f"invalid JSON: {err}"
        if problem is not None:
            kind, reason = RejectKind.NOT_UTF8, f"{problem[0]}; then {reason}"
        yield file_reject(path, kind, reason, byte_offset=problem[1] if problem else None)
        return
    if isinstance(document, dict):
        records = [document]
    elif isinstance(document, list):
        records = document
    else:
        reason = f"expected a JSON object or array, got {json_kind(document)}"
        yield file_reject(path, RejectKind.NOT_AN_OBJECT, reason)
        return
    for number, record in enumerate(records, start=1):
        yield _record(path, number, record, problem)


def _record(path: Path, number: int, record: Any, problem: tuple[str, int] | None) -> Article | Reject:
    where = Location(str(path), f"record {number}")
    if not isinstance(record, dict):
        reason = f"expected a JSON object, got {json_kind(record)}"
        return reject_at(where, RejectKind.NOT_AN_OBJECT, reason, raw_snippet(record))
    if problem is not None and has_surrogates(json.dumps(record, ensure_ascii=False, default=str)):
        reason = f"record holds bytes that are not UTF-8 (the file's first is {problem[0].removeprefix('not UTF-8: ')})"
        return reject_at(where, RejectKind.NOT_UTF8, reason, raw_snippet(record))
    try:
        return record_to_article(record, stem=path.stem, number=number, origin=f"{path}#{number}", location=where)
    except RecordError as err:
        return reject_at(where, err.kind, str(err), raw_snippet(record))
