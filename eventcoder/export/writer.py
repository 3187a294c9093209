"""Write an output directory: one Parquet dataset per table, then manifest.json.

Everything is written into a staging directory beside ``out`` and swapped into
place by :meth:`DatasetWriter.finish` (see :mod:`eventcoder.fs.atomic`), so
``out`` only ever holds a complete dataset: the previous one or the new one.
From :meth:`DatasetWriter.open` to the swap the writer holds the dataset's
lock (:mod:`eventcoder.export.lock`), so two writers never lose each other's
rows; only a directory that is an eventcoder dataset
(:mod:`eventcoder.export.target`) is ever replaced.

Layout of a finished dataset::

    out/
      articles/part-00000.parquet, part-00001.parquet, ...
      mentions/part-00000.parquet, ...
      events/part-00000.parquet
      actors/part-00000.parquet
      rejects/part-00000.parquet, ...
      <views written with write_view>/part-00000.parquet
      manifest.json                      (written last)

With ``partition_by`` (``--partition-by``), mentions/ and events/ are split
into ``year=YYYY[/month=MM]/`` directories at :meth:`DatasetWriter.finish`
(:mod:`eventcoder.export.partition`); parts are listed recursively, so an
append keeps that layout.

Every part of a table has exactly the schema of that table in
:data:`eventcoder.export.schema.TABLES`, so each table directory reads with
``polars.scan_parquet(out / "mentions" / "*.parquet")`` and
``pyarrow.dataset.dataset(out / "mentions")``, even when a run coded nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from types import TracebackType
from typing import Any, TypeAlias

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from eventcoder.errors import DatasetError, OutputError, OutputExistsError
from eventcoder.export.lock import DatasetLock, LockHolder
from eventcoder.export.partition import PARTITIONED_TABLES, PartitionBy, split_part
from eventcoder.export.schema import TABLES
from eventcoder.export.target import MANIFEST, check_dataset, stamp
from eventcoder.fs.atomic import (
    fsync_tree,
    remove_stale_staging,
    replacing,
    staging_dir,
    swap_into_place,
)

__all__ = ["APPENDABLE_TABLES", "MANIFEST", "DatasetWriter", "conform", "write_part_file"]

APPENDABLE_TABLES = ("articles", "mentions", "actor_mentions", "rejects")
"""Tables whose parts an appending run keeps; the others are recomputed."""

_PART = re.compile(r"^part-(\d+)\.parquet$")
_VIEW_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
_COMPRESSION = "zstd"

TableData: TypeAlias = pa.Table | pl.DataFrame | Mapping[str, Any]


class DatasetWriter:
    """Stage a dataset directory and swap it into place on :meth:`finish`.

    Use it as a context manager; leaving the block without calling
    :meth:`finish` (normally or by an exception) deletes the staging directory
    and leaves ``out`` untouched. Not thread-safe: write from one thread.

    ``overwrite`` replaces an existing dataset; ``append`` keeps the parts of
    its ``articles``, ``mentions`` and ``rejects`` tables and adds new parts
    beside them (``events`` and ``actors`` are recomputed by the caller). A
    non-empty ``out`` without either flag raises :class:`OutputExistsError`.

    The target is checked at once, and again under the lock in :meth:`open`.
    When another writer holds the lock, ``open`` waits (calling ``on_wait``
    with the holder first) or, with ``wait=False``, raises
    :class:`~eventcoder.errors.DatasetLockedError`.
    """

    def __init__(
        self,
        out: Path,
        *,
        overwrite: bool = False,
        append: bool = False,
        wait: bool = True,
        on_wait: Callable[[LockHolder], None] | None = None,
        partition_by: PartitionBy | None = None,
    ) -> None:
        if overwrite and append:
            raise ValueError("overwrite and append exclude each other")
        given = Path(out)
        self._given = given
        self._out = given.resolve() if given.is_symlink() else given
        self._append = append
        self._overwrite = overwrite
        self._wait = wait
        self._on_wait = on_wait
        self._lock = DatasetLock(self._out)
        self._staged: Path | None = None
        self._finished = False
        self._next_part: dict[str, int] = {}
        self.partition_by = partition_by
        """How mentions/ and events/ are split by date at :meth:`finish` (see :mod:`eventcoder.export.partition`)."""
        self.previous_manifest: dict[str, Any] | None = None
        """The manifest of the dataset being appended to, else None."""
        self._clean_and_check()

    def _clean_and_check(self) -> None:
        try:
            remove_stale_staging(self._out)
        except OSError as exc:
            raise OutputError(f"cannot clean up beside {self._out}: {exc}") from exc
        self._check_target(overwrite=self._overwrite)

    # -- lifecycle ---------------------------------------------------------

    def __enter__(self) -> DatasetWriter:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self._finished:
            self.abort()

    def open(self) -> None:
        """Take the dataset's lock, check the target again, and stage (copying parts when appending)."""
        if self._staged is not None:
            return
        try:
            self._lock.acquire(wait=self._wait, on_wait=self._on_wait)
            self._clean_and_check()  # another writer may have changed it while this one waited
            self._staged = staging_dir(self._out)
            if self._append:
                self._copy_previous()
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot stage a dataset beside {self._out}: {exc}") from exc
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Delete the staging directory and release the lock; ``out`` is left as it was."""
        try:
            if self._staged is not None:
                shutil.rmtree(self._staged, ignore_errors=True)
                self._staged = None
        finally:
            self._lock.release()

    @property
    def out(self) -> Path:
        return self._given

    @property
    def staging(self) -> Path:
        """The directory being written (valid between open and finish)."""
        if self._staged is None or self._finished:
            raise RuntimeError("DatasetWriter is not open: use it in a `with` block")
        return self._staged

    # -- writing -----------------------------------------------------------

    def write_part(self, table: str, data: TableData) -> None:
        """Add one Parquet part to ``table``, cast to the table's schema.

        ``data`` is an Arrow table, a polars DataFrame or a dict of columns.
        Missing nullable columns become nulls; an unknown column, or values
        that cannot be cast to the column's type, raise ValueError naming it.
        Casts never turn numbers into strings, so CAMEO codes keep their zeros.
        """
        directory = self.staging / table
        number = self._next_part.get(table)
        if number is None:
            number = _next_part_number(directory) if directory.is_dir() else 0
        write_part_file(self.staging, table, number, data)
        self._next_part[table] = number + 1

    def free_part_number(self) -> int:
        """A part number above every part staged so far in any table: where parts written elsewhere may start."""
        numbers = [_next_part_number(self.staging / t) for t in TABLES if (self.staging / t).is_dir()]
        self._next_part.clear()  # parts may now appear that this writer did not write
        return max(numbers, default=0)

    def write_table(self, table: str, data: TableData) -> None:
        """Replace every part of ``table`` with ``data`` (events, actors).

        Collect any :meth:`scan` of the same table before calling this.
        """
        schema = _schema_of(table)
        arrow = conform(data, schema, table=table)  # validate before deleting
        self._clear(table)
        self.write_part(table, arrow)

    def rewrite_parts(self, table: str, transform: Callable[[pl.DataFrame], pl.DataFrame]) -> None:
        """Replace each staged part of ``table`` by ``transform`` of it, one part at a time.

        Memory holds one part. Each new part is written beside the old and
        renamed over it, so a part hard-linked from the dataset being appended
        to is replaced, never changed in place.
        """
        schema = _schema_of(table)
        for path in self._parts(table):
            try:
                arrow = conform(transform(pl.read_parquet(path)), schema, table=table)
                with replacing(path) as temporary:
                    pq.write_table(arrow, temporary, compression=_COMPRESSION)
            except OSError as exc:
                raise OutputError(f"cannot rewrite {path}: {exc}") from exc

    def write_view(self, name: str, data: pa.Table | pl.DataFrame) -> None:
        """Write an extra dataset directory ``name`` (a column view) as is.

        Views have their own schemas, so nothing is cast; ``name`` must not be
        one of the contract tables. The directory is replaced wholly.
        """
        if not _VIEW_NAME.match(name) or name in TABLES or name == MANIFEST:
            raise ValueError(f"invalid view name {name!r}")
        arrow = data.to_arrow() if isinstance(data, pl.DataFrame) else data
        self._clear(name)
        directory = self.staging / name
        try:
            directory.mkdir()
            pq.write_table(arrow, directory / "part-00000.parquet", compression=_COMPRESSION)
        except OSError as exc:
            raise OutputError(f"cannot write view {name} to {self.staging}: {exc}") from exc

    # -- reading back ------------------------------------------------------

    def scan(self, table: str) -> pl.LazyFrame:
        """A lazy scan over the parts staged so far (an empty frame if none)."""
        schema = _schema_of(table)
        parts = self._parts(table)
        if not parts:
            empty = pl.from_arrow(schema.empty_table())
            assert isinstance(empty, pl.DataFrame)
            return empty.lazy()
        return pl.scan_parquet([str(p) for p in parts])

    def existing_ids(self, table: str, column: str) -> set[str]:
        """The distinct non-null values of ``column`` in the staged ``table``.

        When appending, call it before writing to get the ids of the previous
        dataset, e.g. ``existing_ids("articles", "article_id")`` to skip
        articles already coded.
        """
        if column not in _schema_of(table).names:
            raise ValueError(f"{table} has no column {column!r}")
        values = (
            self.scan(table)
            .select(pl.col(column).cast(pl.String))
            .drop_nulls()
            .unique()
            .collect()
            .to_series()
        )
        return set(values.to_list())

    def row_counts(self) -> dict[str, int]:
        """Rows staged so far per table of the contract (for the manifest)."""
        return {
            table: sum(pq.ParquetFile(p).metadata.num_rows for p in self._parts(table))
            for table in TABLES
        }

    # -- finishing ---------------------------------------------------------

    def finish(self, manifest: Mapping[str, Any]) -> Path:
        """Complete the dataset, write ``manifest.json`` last and swap it in.

        Dates and datetimes in ``manifest`` are written as ISO strings. Returns
        ``out``; after this the writer is closed.
        """
        text = json.dumps(
            stamp(dict(manifest)), indent=2, sort_keys=True, ensure_ascii=False, default=_json_default
        )
        staged = self.staging
        for table, schema in TABLES.items():
            if not self._parts(table):
                self.write_part(table, schema.empty_table())
        try:
            if self.partition_by is not None:
                for table in PARTITIONED_TABLES:
                    for part in sorted((staged / table).glob("part-*.parquet")):  # the flat parts of this run
                        split_part(part, self.partition_by, _COMPRESSION)
            (staged / MANIFEST).write_text(text + "\n", encoding="utf-8")
            fsync_tree(staged)
            swap_into_place(staged, self._out)
        except OSError as exc:
            raise OutputError(f"cannot put the dataset in place at {self._out}: {exc}") from exc
        self._finished = True
        self._staged = None
        self._lock.release()
        return self._given

    # -- internals ---------------------------------------------------------

    def _check_target(self, *, overwrite: bool) -> None:
        out = self._out
        if os.path.lexists(out) and not out.is_dir():
            raise OutputError(f"{out} exists and is not a directory")
        has_content = out.is_dir() and any(out.iterdir())
        if self._append:
            if not has_content:
                raise DatasetError(f"cannot append to {out}: it holds no dataset")
            self.previous_manifest = check_dataset(out, "append to")
            self._inherit_partitioning(self.previous_manifest)
        elif has_content and not overwrite:
            raise OutputExistsError(f"{out} already exists and is not empty")
        elif has_content:
            # Guard against `--out ~ --overwrite`: only datasets are replaced.
            check_dataset(out, "overwrite")

    def _inherit_partitioning(self, manifest: Mapping[str, Any]) -> None:
        """An append keeps the dataset's ``--partition-by``; asking for another is refused."""
        found = (manifest.get("parameters") or {}).get("partition_by")
        previous = PartitionBy(found) if found else None
        if self.partition_by is None:
            self.partition_by = previous
        elif previous is not self.partition_by:
            raise DatasetError(f"cannot append to {self._out} with --partition-by {self.partition_by.value}: it is "
                               f"partitioned by {previous.value if previous else 'nothing (flat parts)'}; "
                               "leave out --partition-by to keep its layout")

    def _copy_previous(self) -> None:
        """Stage the previous dataset's appendable tables (hive directories kept): links, or copies."""
        for table in APPENDABLE_TABLES:
            source = self._out / table
            if not source.is_dir():
                continue
            (self.staging / table).mkdir()
            schema = TABLES[table]
            for part in sorted(source.rglob("part-*.parquet")):
                if not _PART.match(part.name):
                    continue
                target = self.staging / table / part.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                found = pq.read_schema(part)
                if _same_columns(found, schema):
                    _link_or_copy(part, target)
                    continue
                try:  # written by an older version: add the new columns
                    arrow = conform(pq.read_table(part), schema, table=table)
                except ValueError as exc:
                    raise DatasetError(
                        f"cannot append to {self._out}: {part} does not fit"
                        f" the {table} schema ({exc})"
                    ) from exc
                pq.write_table(arrow, target, compression=_COMPRESSION)

    def _parts(self, table: str) -> list[Path]:
        directory = self.staging / table
        if not directory.is_dir():
            return []
        return sorted(p for p in directory.rglob("part-*.parquet") if _PART.match(p.name))

    def _clear(self, name: str) -> None:
        directory = self.staging / name
        if directory.exists():
            shutil.rmtree(directory)
        self._next_part.pop(name, None)


def write_part_file(staging: Path, table: str, number: int, data: TableData) -> Path:
    """Write ``data`` as part ``number`` of ``table`` under ``staging``, atomically; any process may call it.

    Data is cast to the table's schema as in :meth:`DatasetWriter.write_part`;
    a part of the same number is replaced whole, so a task that is run again
    leaves no half-written part.
    """
    arrow = conform(data, _schema_of(table), table=table)
    directory = staging / table
    path = directory / f"part-{number:05d}.parquet"
    try:
        directory.mkdir(exist_ok=True)
        with replacing(path) as temporary:
            pq.write_table(arrow, temporary, compression=_COMPRESSION)
    except OSError as exc:
        raise OutputError(f"cannot write {table} to {staging}: {exc}") from exc
    return path


def conform(data: TableData, schema: pa.Schema, *, table: str = "table") -> pa.Table:
    """Return ``data`` as an Arrow table with exactly ``schema``.

    Raises ValueError naming the column for an unknown column, a missing
    non-nullable column, columns of different lengths, or values that cannot
    be cast safely. Numbers are never cast to strings (``231`` is not the
    CAMEO code ``"0231"``).
    """
    columns: dict[str, pa.Array | pa.ChunkedArray] = {}
    raw: Mapping[str, Any]
    if isinstance(data, pl.DataFrame):
        data = data.to_arrow()
    if isinstance(data, pa.Table):
        raw = {name: data.column(name) for name in data.column_names}
    elif isinstance(data, Mapping):
        raw = data
    else:
        raise TypeError(f"cannot write {type(data).__name__} to {table}")
    for name in raw:
        if name not in schema.names:
            raise ValueError(f"{table}: unknown column {name!r}")
    length: int | None = None
    for name, values in raw.items():
        field = schema.field(name)
        array = _to_arrow(table, field, values)
        if length is None:
            length = len(array)
        elif len(array) != length:
            raise ValueError(f"{table}: column {name!r} has {len(array)} values, expected {length}")
        columns[name] = array
    length = length or 0
    arrays = []
    for field in schema:
        if field.name in columns:
            array = columns[field.name]
            if not field.nullable and array.null_count:
                raise ValueError(f"{table}: column {field.name!r} may not hold nulls")
        elif field.nullable:
            array = pa.nulls(length, type=field.type)
        else:
            raise ValueError(f"{table}: missing column {field.name!r}")
        arrays.append(array)
    return pa.Table.from_arrays(arrays, schema=schema)


def _to_arrow(table: str, field: pa.Field, values: Any) -> pa.Array | pa.ChunkedArray:
    try:
        if isinstance(values, pl.Series):
            values = values.to_arrow()
        if not isinstance(values, (pa.Array, pa.ChunkedArray)):
            # Infer, then cast safely: pa.array(type=int32) would truncate 1.5.
            values = pa.array(values, from_pandas=False)
        if not _castable(values.type, field.type):
            raise TypeError(f"{values.type} is not {field.type}")
        return values.cast(field.type, safe=True)
    except (
        pa.ArrowInvalid,
        pa.ArrowTypeError,
        pa.ArrowNotImplementedError,
        TypeError,
        ValueError,
        OverflowError,
    ) as exc:
        raise ValueError(
            f"{table}: column {field.name!r} cannot be cast to {field.type}: {exc}"
        ) from exc


def _castable(source: pa.DataType, target: pa.DataType) -> bool:
    """Refuse the casts Arrow allows but that corrupt data (numbers -> text)."""
    if pa.types.is_null(source):
        return True
    if _is_string(target):
        return _is_string(source)
    if _is_list(target):
        return _is_list(source) and _castable(source.value_type, target.value_type)
    return True


def _is_string(t: pa.DataType) -> bool:
    return bool(pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t))


def _is_list(t: pa.DataType) -> bool:
    return bool(
        pa.types.is_list(t)
        or pa.types.is_large_list(t)
        or pa.types.is_list_view(t)
        or pa.types.is_large_list_view(t)
        or pa.types.is_fixed_size_list(t)
    )


def _same_columns(found: pa.Schema, expected: pa.Schema) -> bool:
    return [(f.name, f.type) for f in found] == [(f.name, f.type) for f in expected]


def _schema_of(table: str) -> pa.Schema:
    try:
        return TABLES[table]
    except KeyError:
        raise ValueError(f"unknown table {table!r}; expected one of {sorted(TABLES)}") from None


def _next_part_number(directory: Path) -> int:
    numbers = [int(m.group(1)) for p in directory.rglob("part-*.parquet") if (m := _PART.match(p.name))]
    return max(numbers, default=-1) + 1


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        return list(value)
    raise TypeError(f"manifest value of type {type(value).__name__} is not JSON serialisable")
