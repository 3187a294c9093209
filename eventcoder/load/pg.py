"""The PostgreSQL backend: ``COPY ... FROM STDIN`` through psycopg, in batches.

Parquet parts are read with pyarrow in batches of :data:`BATCH_ROWS` rows
(only the articles asked for), each batch written as CSV into one ``COPY``
stream; memory holds one batch. Lists become array literals. Queries come
back the same way, ``COPY (query) TO STDOUT`` read by polars. A load takes
a transaction-scoped advisory lock on its schema, so two loads into one
schema run one after the other.
"""

from __future__ import annotations

import importlib
import io
import zlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from eventcoder.errors import LoadError, MissingExtraError
from eventcoder.load.session import Columns, Only, OnRows
from eventcoder.load.tables import Dialect, quote, sql_type

__all__ = ["BATCH_ROWS", "PgSession", "open_postgresql"]

BATCH_ROWS = 50_000


def open_postgresql(url: str, schema: str) -> PgSession:
    """A session on the database ``url``, in a transaction holding ``schema``'s load lock."""
    try:
        psycopg = importlib.import_module("psycopg")
    except ImportError as exc:
        raise MissingExtraError("loading into PostgreSQL needs psycopg: pip install 'eventcoder[db]'") from exc
    try:
        connection = psycopg.connect(url, autocommit=False)
    except psycopg.Error as exc:
        raise LoadError(f"cannot connect to PostgreSQL: {exc}".strip(), hint="check the --db address and that the "
                        "server is running and accepts this user") from exc
    session = PgSession(connection, (psycopg.Error,))
    session.execute(f"SELECT pg_advisory_xact_lock({zlib.crc32(('eventcoder:' + schema).encode())})")
    return session


class PgSession:
    """A psycopg connection inside one transaction."""

    dialect = Dialect.POSTGRESQL

    def __init__(self, connection: Any, errors: tuple[type[Exception], ...]) -> None:
        self._db = connection
        self.errors = errors

    def execute(self, sql: str) -> None:
        self._db.execute(sql)

    def change(self, sql: str) -> int:
        return int(self._db.execute(sql).rowcount)

    def scalar(self, sql: str) -> Any:
        row = self._db.execute(sql).fetchone()
        return None if row is None else row[0]

    def fetch(self, sql: str, schema: Mapping[str, Any]) -> pl.DataFrame:
        buffer = io.BytesIO()
        with self._db.cursor().copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, HEADER true)") as copy:
            for chunk in copy:
                buffer.write(chunk)
        if not buffer.getvalue():
            return pl.DataFrame(schema=dict(schema))
        buffer.seek(0)
        return pl.read_csv(buffer, schema=dict(schema))

    def insert_frame(self, table: str, frame: pl.DataFrame, columns: Columns) -> int:
        self._copy(table, columns, iter([frame]), lambda _: None)
        return frame.height

    def insert_parquet(
        self, table: str, files: Sequence[Path], columns: Columns, only: Only | None, on_rows: OnRows
    ) -> int:
        return self._copy(table, columns, _batches(files, columns, only), on_rows)

    def stage_parquet(
        self, name: str, files: Sequence[Path], columns: Columns, only: Only | None, on_rows: OnRows
    ) -> None:
        """A temporary table dropped at commit: COPY needs a table to write into."""
        defs = ", ".join(f"{quote(n)} {sql_type(t, self.dialect)}" for n, t in columns)
        self._db.execute(f"CREATE TEMP TABLE {name} ({defs}) ON COMMIT DROP")
        self._copy(name, columns, _batches(files, columns, only), on_rows)
        self._db.execute(f"ANALYZE {name}")

    def _copy(self, table: str, columns: Columns, frames: Iterator[pl.DataFrame], on_rows: OnRows) -> int:
        names = ", ".join(quote(n) for n, _ in columns)
        total = 0
        with self._db.cursor().copy(f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv)") as copy:
            for frame in frames:
                if not frame.height:
                    continue
                copy.write(_csv(frame, columns))
                total += frame.height
                on_rows(frame.height)
        return total

    def temp_table(self, name: str, select: str) -> None:
        self._db.execute(f"CREATE TEMP TABLE {name} ON COMMIT DROP AS {select}")
        self._db.execute(f"ANALYZE {name}")

    def commit(self) -> None:
        self._db.commit()

    def rollback(self) -> None:
        self._db.rollback()

    def close(self) -> None:
        self._db.close()


def _batches(files: Sequence[Path], columns: Columns, only: Only | None) -> Iterator[pl.DataFrame]:
    """The parts' rows, :data:`BATCH_ROWS` at a time, with exactly ``columns`` (null where a part lacks one)."""
    if not files:
        return
    dataset = ds.dataset([str(f) for f in files], format="parquet", partitioning="hive")
    present = set(dataset.schema.names)
    wanted = [n for n, _ in columns if n in present]
    condition = None
    if only is not None:
        condition = pc.field(only[0]).isin(only[1].unique().cast(pl.String).to_arrow().cast(pa.string()))
    batches = dataset.to_batches(columns=wanted, filter=condition, batch_size=BATCH_ROWS, batch_readahead=1,
                                 fragment_readahead=1)  # read ahead little: memory holds about one batch
    for batch in batches:
        frame = pl.from_arrow(batch)
        assert isinstance(frame, pl.DataFrame)
        missing = [pl.lit(None).alias(n) for n, _ in columns if n not in present]
        yield frame.with_columns(missing) if missing else frame


def _csv(frame: pl.DataFrame, columns: Columns) -> bytes:
    """``frame`` as COPY's CSV: nulls unquoted and empty, text quoted, lists as array literals."""
    out = frame.select(_array_literal(n) if pa.types.is_list(t) else pl.col(n) for n, t in columns)
    buffer = io.BytesIO()
    out.write_csv(buffer, include_header=False, quote_style="non_numeric", null_value="", date_format="%Y-%m-%d")
    return buffer.getvalue()


def _array_literal(name: str) -> pl.Expr:
    """A list of strings as PostgreSQL's ``{"a","b"}``, each element quoted and escaped."""
    element = pl.element()
    quoted = (
        pl.when(element.is_null())
        .then(pl.lit("NULL"))
        .otherwise(
            pl.lit('"')
            + element.cast(pl.String)
            .str.replace_all("\\", "\\\\", literal=True)
            .str.replace_all('"', '\\"', literal=True)
            + pl.lit('"')
        )
    )
    column = pl.col(name)
    text = pl.concat_str([pl.lit("{"), column.list.eval(quoted).list.join(","), pl.lit("}")])
    return pl.when(column.is_null()).then(None).otherwise(text).alias(name)
