"""Parquet, read in record batches so memory stays flat on large files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from eventcoder.ingest.records import RecordError, file_reject, raw_snippet, record_to_article
from eventcoder.model import Article, Reject

BATCH_SIZE = 1024


def read_parquet(path: Path) -> Iterator[Article | Reject]:
    """Stream the articles of a .parquet file.

    A file that is not valid Parquet, or breaks part-way, becomes a file
    Reject; the records already yielded stand, because each was read whole.
    """
    try:
        parquet = pq.ParquetFile(path)
    except pa.ArrowException as err:
        yield file_reject(path, f"not a readable Parquet file: {err}")
        return
    columns = parquet.schema_arrow.names
    if "text" not in columns and "body" not in columns:
        yield file_reject(
            path, f"Parquet file has no 'text' or 'body' column (columns: {', '.join(columns)})"
        )
        return
    number = 0
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_SIZE):
            for record in batch.to_pylist():
                number += 1
                try:
                    yield record_to_article(
                        record, stem=path.stem, number=number, origin=f"{path}#{number}"
                    )
                except RecordError as err:
                    yield Reject(str(path), f"record {number}", str(err), raw_snippet(record))
    except pa.ArrowException as err:
        yield Reject(str(path), f"record {number + 1}", f"Parquet data could not be read: {err}")
    finally:
        parquet.close()
