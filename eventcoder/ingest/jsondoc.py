"""A .json file: one object (one article) or a list of objects.

Unlike the line- and batch-based formats this parses the whole file at once;
JSON has no record boundaries to stream on. Large corpora belong in JSONL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from eventcoder.ingest.records import (
    RecordError,
    file_reject,
    json_kind,
    raw_snippet,
    record_to_article,
)
from eventcoder.model import Article, Reject


def read_json(path: Path) -> Iterator[Article | Reject]:
    """Yield one Article per object; a file that is not JSON is one Reject."""
    try:
        with path.open(encoding="utf-8-sig") as handle:
            document = json.load(handle)
    except (json.JSONDecodeError, RecursionError) as err:
        yield file_reject(path, f"invalid JSON: {err}")
        return
    if isinstance(document, dict):
        records = [document]
    elif isinstance(document, list):
        records = document
    else:
        yield file_reject(path, f"expected a JSON object or array, got {json_kind(document)}")
        return
    for number, record in enumerate(records, start=1):
        locator = f"record {number}"
        if not isinstance(record, dict):
            reason = f"expected a JSON object, got {json_kind(record)}"
            yield Reject(str(path), locator, reason, raw_snippet(record))
            continue
        try:
            yield record_to_article(
                record, stem=path.stem, number=number, origin=f"{path}#{number}"
            )
        except RecordError as err:
            yield Reject(str(path), locator, str(err), raw_snippet(record))
