"""Parquet, read in record batches so memory stays flat on large files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from eventcoder.ingest.records import RecordError, file_reject, raw_snippet, record_to_article, reject_at
from eventcoder.model import Article, Location, Reject, RejectKind

BATCH_SIZE = 1024


def read_parquet(path: Path, row_groups: range | None = None) -> Iterator[Article | Reject]:
    """Stream the articles of a .parquet file, or of the ``row_groups`` given.

    A file that is not valid Parquet, or breaks part-way, becomes a file
    Reject; the records already yielded stand, because each was read whole.
    Records are numbered as in the whole file, whichever row groups are read.
    """
    try:
        parquet = pq.ParquetFile(path)
    except pa.ArrowException as err:
        yield file_reject(path, RejectKind.INVALID_PARQUET, f"not a readable Parquet file: {err}")
        return
    columns = parquet.schema_arrow.names
    if "text" not in columns and "body" not in columns:
        reason = f"Parquet file has no 'text' or 'body' column (columns: {', '.join(columns)})"
        yield file_reject(path, RejectKind.MISSING_COLUMN, reason)
        return
    groups = None if row_groups is None else list(row_groups)
    number = 0 if row_groups is None else sum(parquet.metadata.row_group(g).num_rows for g in range(row_groups.start))
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_SIZE, row_groups=groups):
            for record in batch.to_pylist():
                number += 1
                where = Location(str(path), f"record {number}")
                try:
                    yield record_to_article(
                        record, stem=path.stem, number=number, origin=f"{path}#{number}", location=where
                    )
                except RecordError as err:
                    yield reject_at(where, err.kind, str(err), raw_snippet(record))
    except pa.ArrowException as err:
        where = Location(str(path), f"record {number + 1}")
        yield reject_at(where, RejectKind.INVALID_PARQUET, f"Parquet data could not be read: {err}")
    finally:
        parquet.close()
