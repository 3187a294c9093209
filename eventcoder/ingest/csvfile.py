"""CSV with a header row, read one row at a time."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from eventcoder.ingest.records import RecordError, file_reject, raw_snippet, record_to_article
from eventcoder.model import Article, Reject

_TEXT_COLUMNS = ("text", "body")


def read_csv(path: Path) -> Iterator[Article | Reject]:
    """Stream the articles of a .csv file.

    A file without a text column cannot hold a single article, so it is one
    Reject rather than one per row. Origins carry the line a row starts on
    (quoted fields may span lines).
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            yield file_reject(path, "CSV file is empty (expected a header row)")
            return
        except csv.Error as err:
            yield file_reject(path, f"CSV header row could not be read: {err}")
            return
        if not any(column in header for column in _TEXT_COLUMNS):
            yield file_reject(
                path, f"CSV has no 'text' or 'body' column (columns: {', '.join(header)})"
            )
            return
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                yield Reject(str(path), f"line {line}", f"CSV row could not be read: {err}")
                continue
            if not row:
                continue
            if len(row) > len(header):
                reason = f"row has {len(row)} fields but the header has {len(header)}"
                yield Reject(str(path), f"line {line}", reason, raw_snippet(row))
                continue
            record = dict(zip(header, row + [""] * (len(header) - len(row)), strict=True))
            try:
                yield record_to_article(
                    record, stem=path.stem, number=line, origin=f"{path}:{line}"
                )
            except RecordError as err:
                yield Reject(str(path), f"line {line}", str(err), raw_snippet(record))
