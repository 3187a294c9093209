"""`eventcoder export`: a dataset's view or native table written to a file or to standard output.

:func:`export_view` writes one of the column views (:mod:`eventcoder.export.views`),
:func:`export_table` one of the dataset's own tables, as Parquet, CSV, TSV or
Stata (:mod:`eventcoder.export.formats`). Both refuse URLs before reading
anything (:mod:`eventcoder.paths`) and take ``-`` as ``to`` for a binary
stream given as ``stdout`` (CSV unless ``fmt`` says otherwise; never Stata).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any, BinaryIO

import polars as pl

from eventcoder.codebook import Codebook, default_codebook_path, load_codebook
from eventcoder.codebook.acled import AcledMapping, load_acled_mapping
from eventcoder.errors import ExportError, StreamError
from eventcoder.export.formats import ExportFormat, format_for, write_frame
from eventcoder.export.gdelt import BIGQUERY_NAMES
from eventcoder.export.precision import DatePrecision
from eventcoder.export.reader import read_manifest, read_table
from eventcoder.export.schema import TABLES
from eventcoder.export.views import SCHEMAS, VIEWS, build_view
from eventcoder.paths import is_stream
from eventcoder.storage import open_dataset, output_file, url_of

__all__ = ["ColumnNames", "Table", "export_dataset", "export_table", "export_view", "parse_time", "read_view"]


class Table(str, Enum):
    """The dataset's own tables, as ``--table`` names them."""

    EVENTS = "events"
    MENTIONS = "mentions"
    ACTORS = "actors"
    ARTICLES = "articles"
    ACTOR_MENTIONS = "actor_mentions"
    REJECTS = "rejects"


class ColumnNames(str, Enum):
    """How a view's columns are named: as the published files, or as GDELT's BigQuery tables."""

    FILE = "file"
    BIGQUERY = "bigquery"


_BIGQUERY_VIEWS = ("gdelt", "gdelt-mentions")


def export_view(
    dataset_dir: str | Path,
    view: str,
    to: str | Path,
    *,
    codebook: Codebook | None = None,
    mapping: AcledMapping | None = None,
    penta_class: Mapping[str, int] | None = None,
    labels: Mapping[str, str] | None = None,
    header: bool = True,
    fmt: ExportFormat | None = None,
    min_precision: DatePrecision | None = None,
    names: ColumnNames = ColumnNames.FILE,
    stdout: BinaryIO | None = None,
) -> int:
    """Write ``view`` of the dataset at ``dataset_dir`` to ``to``; return the rows written.

    The format is ``fmt``, else the extension of ``to``: ``.parquet``, ``.csv``,
    ``.tsv`` or ``.dta``. Text files have a header row unless ``header`` is
    False (GDELT's own files have none); read them back with :func:`read_view`
    to keep codes as text. Rows dated less precisely than ``min_precision``
    are left out; ICEWS and Phoenix files read by column name (Parquet,
    Stata, text with a header) end with a date-precision column.
    ``names=ColumnNames.BIGQUERY`` names the GDELT views' columns as BigQuery does.
    ``mapping``, ``penta_class`` and ``labels`` default to those of
    ``codebook`` (its ``acled.yaml``, PentaClass and labels); without
    a codebook, to those of the codebook recorded in the dataset's manifest
    (:func:`dataset_codebook`). A codebook without ``acled.yaml`` maps with
    the default codebook's.
    """
    if view not in VIEWS:
        raise ExportError(f"unknown view {view!r}; expected one of {VIEWS}")
    if names is ColumnNames.BIGQUERY and view not in _BIGQUERY_VIEWS:
        raise ExportError(f"--names bigquery applies to the GDELT views ({', '.join(_BIGQUERY_VIEWS)}), not {view}")
    dataset, target, fmt = _resolve(dataset_dir, to, fmt, stdout)
    names_read = ("events", "mentions", "articles", "actors", "actor_mentions")
    with open_dataset(dataset, "export", names_read) as local:
        tables = {name: read_table(local, name, required=name in ("events", "mentions")) for name in names_read}
        manifest = read_manifest(local)
    mapping, penta_class, labels = _codebook_data(codebook, manifest, mapping, penta_class, labels)
    frame = build_view(
        view,
        tables["events"],
        tables["mentions"],
        tables["articles"],
        tables["actors"],
        mapping,
        penta_class=penta_class,
        labels=labels,
        added=parse_time(manifest.get("finished")),
        actor_mentions=tables["actor_mentions"],
        min_precision=min_precision,
        precision_column=header or fmt in (ExportFormat.PARQUET, ExportFormat.DTA),
    )
    if names is ColumnNames.BIGQUERY:
        frame = frame.rename({k: v for k, v in BIGQUERY_NAMES.items() if k in frame.columns})
    _write(frame, target, fmt, header)
    return frame.height


def export_table(
    dataset_dir: str | Path,
    table: Table | str,
    to: str | Path,
    *,
    header: bool = True,
    fmt: ExportFormat | None = None,
    stdout: BinaryIO | None = None,
) -> int:
    """Write the dataset's own ``table`` to ``to`` (as :func:`export_view` does); return the rows written.

    The columns are the table's (:data:`eventcoder.export.schema.TABLES`), in
    its order; list columns (``variants``, ``mention_ids``) stay lists in
    Parquet and are joined with ``;`` in CSV, TSV and Stata files.
    """
    try:
        name = Table(table).value
    except ValueError:
        raise ExportError(f"unknown table {table!r}; expected one of {[t.value for t in Table]}") from None
    dataset, target, fmt = _resolve(dataset_dir, to, fmt, stdout)
    with open_dataset(dataset, "export", (name,)) as local:
        found = read_table(local, name, required=True)
    empty = pl.from_arrow(TABLES[name].empty_table())
    assert isinstance(empty, pl.DataFrame)
    frame = pl.concat([empty, found.select([c for c in empty.columns if c in found.columns])], how="diagonal_relaxed")
    _write(frame.select(empty.columns), target, fmt, header)
    return frame.height


def _write(frame: pl.DataFrame, target: str | Path | BinaryIO, fmt: ExportFormat, header: bool) -> None:
    """Write to the stream, or to a local file or a URL (written locally, then put whole)."""
    if isinstance(target, (str, Path)):
        with output_file(target, "--to") as path:
            write_frame(frame, path, fmt, header=header)
    else:
        write_frame(frame, target, fmt, header=header)


def read_view(path: Path, view: str, *, header: bool = True) -> pl.DataFrame:
    """Read a file written by :func:`export_view` with the view's column types."""
    path = Path(path)
    schema = SCHEMAS[view]
    if path.suffix.lower() == ".parquet":
        return pl.read_parquet(path)
    separator = "," if path.suffix.lower() == ".csv" else "\t"
    if header:
        return pl.read_csv(path, separator=separator, schema_overrides=schema)
    return pl.read_csv(path, separator=separator, has_header=False, new_columns=list(schema), schema=schema)


def _resolve(
    dataset_dir: str | Path, to: str | Path, fmt: ExportFormat | None, stdout: BinaryIO | None
) -> tuple[str | Path, str | Path | BinaryIO, ExportFormat]:
    """The dataset path or URL, the target (a path, a URL or the stream) and the format, checked before any work."""
    dataset = url_of(dataset_dir)
    if is_stream(to):
        if stdout is None:
            raise StreamError("--to - needs a stream to write to")
        fmt = format_for(None, fmt)
        if fmt is ExportFormat.DTA:
            raise StreamError("a Stata file cannot be written to standard output (--to -): it needs a file")
        return dataset, stdout, fmt
    target = url_of(to)
    return dataset, target, format_for(Path(str(target)), fmt)


def _codebook_data(
    codebook: Codebook | None,
    manifest: Mapping[str, Any],
    mapping: AcledMapping | None,
    penta_class: Mapping[str, int] | None,
    labels: Mapping[str, str] | None,
) -> tuple[AcledMapping, Mapping[str, int], Mapping[str, str]]:
    """The ACLED mapping, PentaClass table and labels: given, else the codebook's, else the dataset's codebook's."""
    if mapping is None or penta_class is None or labels is None:
        book_mapping, book_penta, book_labels = codebook_tables(codebook or dataset_codebook(manifest))
        mapping = mapping or book_mapping
        penta_class = penta_class if penta_class is not None else book_penta
        labels = labels if labels is not None else book_labels
    return mapping, penta_class, labels


def codebook_tables(book: Codebook) -> tuple[AcledMapping, dict[str, int], dict[str, str]]:
    """The codebook's ACLED mapping (the default codebook's when it has none), PentaClass by root, labels by code."""
    mapping = book.acled or load_acled_mapping(default_codebook_path() / "acled.yaml")
    return mapping, {c.root: c.penta_class for c in book.codes.values()}, {c.code: c.label for c in book.codes.values()}


def dataset_codebook(manifest: Mapping[str, Any]) -> Codebook:
    """The codebook a dataset's manifest records: at its path, else the default one if it has the same content.

    A codebook that cannot be found raises ExportError; one that fails to load
    raises its CodebookError. A codebook without ``acled.yaml`` maps with
    the default codebook's (see :func:`export_view`).
    """
    recorded = manifest.get("codebook") or {}
    path = recorded.get("path") if isinstance(recorded, Mapping) else None
    if path and Path(str(path)).is_dir():
        return load_codebook(str(path))
    default = load_codebook()
    content = recorded.get("content_hash") if isinstance(recorded, Mapping) else None
    if content in (None, default.content_hash):
        return default
    raise ExportError(
        f"the dataset was coded with codebook {recorded.get('name', '?')!r} at {path}, which is not there",
        hint="pass that codebook with --codebook PATH",
    )


def parse_time(value: Any) -> datetime | None:
    """A manifest timestamp (ISO 8601, ``Z`` allowed), or None when absent or unreadable."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def export_dataset(
    dataset_dir: str | Path,
    to: str | Path,
    *,
    view: str | None = None,
    table: Table | str | None = None,
    **options: Any,
) -> int:
    """:func:`export_view` of ``view`` or :func:`export_table` of ``table`` (exactly one); the rows written.

    ``options`` are those functions' keyword arguments; the table export takes
    only ``header``, ``fmt`` and ``stdout``.
    """
    if (view is None) == (table is None):
        raise ExportError("give either --view or --table, not both or neither")
    if table is not None:
        unused = sorted(k for k, v in options.items() if k not in _TABLE_OPTIONS and v not in (None, ColumnNames.FILE))
        if unused:
            raise ExportError(f"{', '.join(unused)} apply to views, not to --table {getattr(table, 'value', table)}")
        return export_table(dataset_dir, table, to, **{k: v for k, v in options.items() if k in _TABLE_OPTIONS})
    assert view is not None
    return export_view(dataset_dir, view, to, **options)


_TABLE_OPTIONS = ("header", "fmt", "stdout")
