"""Write one frame (a view or a table) as Parquet, CSV, TSV or Stata, to a file or a stream.

- Parquet: the Arrow types R's arrow package and nanoparquet read
  (:func:`portable_arrow`): no unsigned integers (widened to the next signed
  type), no large or view types (``large_string`` and ``string_view`` become
  ``string``, ``large_list`` becomes ``list``), dictionaries decoded. List
  columns stay lists of strings (nanoparquet reads them from 0.5.0).
- CSV and TSV: a header row unless ``header`` is False, dates as
  YYYY-MM-DD, list columns joined with ``;`` (:func:`flat`).
- Stata ``.dta``: see :mod:`eventcoder.export.stata` (list columns joined
  as for CSV). A Stata file needs a seekable file, so it cannot go to a stream.

A file is written beside its target and renamed into place (readers see the
old file or the new one); a stream gets the bytes in one write.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import BinaryIO

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from eventcoder.errors import ExportError, OutputError, StreamError
from eventcoder.fs.atomic import replacing

__all__ = ["LIST_SEPARATOR", "ExportFormat", "flat", "format_for", "portable_arrow", "write_frame"]

LIST_SEPARATOR = ";"
_COMPRESSION = "zstd"


class ExportFormat(str, Enum):
    PARQUET = "parquet"
    CSV = "csv"
    TSV = "tsv"
    DTA = "dta"


_SUFFIXES = {".parquet": ExportFormat.PARQUET, ".csv": ExportFormat.CSV, ".tsv": ExportFormat.TSV,
             ".tab": ExportFormat.TSV, ".txt": ExportFormat.TSV, ".dta": ExportFormat.DTA}  # fmt: skip


def format_for(to: Path | None, given: ExportFormat | None) -> ExportFormat:
    """The format ``given``, else the one the suffix of ``to`` names; ``to`` None is a stream (CSV by default)."""
    if given is not None:
        return given
    if to is None:
        return ExportFormat.CSV
    found = _SUFFIXES.get(to.suffix.lower())
    if found is None:
        raise ExportError(f"cannot tell the format of {to.name}: use .parquet, .csv, .tsv or .dta, or --format")
    return found


def write_frame(
    frame: pl.DataFrame,
    to: Path | BinaryIO,
    fmt: ExportFormat,
    *,
    header: bool = True,
    labels: Mapping[str, str] | None = None,
) -> None:
    """Write ``frame`` to the file ``to`` (atomically) or the binary stream ``to``.

    ``labels`` (column -> description) become Stata variable labels.
    """
    if isinstance(to, Path):
        try:
            with replacing(to) as temporary:
                _write(frame, temporary, fmt, header, labels)
        except OSError as exc:
            raise OutputError(f"cannot write {to}: {exc}") from exc
        return
    if fmt is ExportFormat.DTA:
        raise StreamError("a Stata file cannot be written to standard output (--to -): it needs a file")
    buffer = io.BytesIO()
    _write(frame, buffer, fmt, header, labels)
    to.write(buffer.getvalue())
    to.flush()


def _write(
    frame: pl.DataFrame, target: Path | BinaryIO, fmt: ExportFormat, header: bool, labels: Mapping[str, str] | None
) -> None:
    if fmt is ExportFormat.PARQUET:
        pq.write_table(portable_arrow(frame.to_arrow()), target, compression=_COMPRESSION)
    elif fmt is ExportFormat.DTA:
        from eventcoder.export.stata import write_dta  # pyreadstat loads only for Stata files

        assert isinstance(target, Path)
        write_dta(flat(frame), target, labels or {})
    else:
        flat(frame).write_csv(
            target,
            separator="\t" if fmt is ExportFormat.TSV else ",",
            include_header=header,
            quote_style="necessary",
            date_format="%Y-%m-%d",
        )


def flat(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with each list column joined into one string (``a;b``; an empty list is null)."""
    lists = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.List)]
    if not lists:
        return frame
    return frame.with_columns(
        pl.col(name).cast(pl.List(pl.String)).list.join(LIST_SEPARATOR).replace("", None) for name in lists
    )


def portable_arrow(table: pa.Table) -> pa.Table:
    """``table`` cast to the Arrow types R arrow and nanoparquet read (see the module docstring)."""
    schema = pa.schema([pa.field(f.name, _portable(f.type), f.nullable) for f in table.schema])
    return table.cast(schema) if schema != table.schema else table


_UNSIGNED = {pa.uint8(): pa.int16(), pa.uint16(): pa.int32(), pa.uint32(): pa.int64(), pa.uint64(): pa.int64()}


def _portable(t: pa.DataType) -> pa.DataType:
    if pa.types.is_dictionary(t):
        return _portable(t.value_type)
    if pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return pa.string()
    if pa.types.is_large_binary(t) or pa.types.is_binary_view(t):
        return pa.binary()
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_list_view(t) or pa.types.is_large_list_view(t):
        return pa.list_(_portable(t.value_type))
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, _portable(f.type), f.nullable) for f in t])
    return _UNSIGNED.get(t, t)
