"""The DuckDB backend: an embedded database file that reads the Parquet parts itself.

Rows go from each part file straight into the table (``INSERT ... SELECT
FROM read_parquet(part)``), one statement per part, so DuckDB streams them
and progress is reported per part. Frames held in memory (articles,
rejects, views) are handed over as Arrow without a copy.

Every table is kept without keys or indexes (see :mod:`eventcoder.load.tables`)
and the connection's memory is limited to :data:`MEMORY_LIMIT`, so DuckDB
writes what a large load inserts to the database file as it goes, and a
load's memory does not grow with the dataset.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import polars as pl

from eventcoder.errors import LoadError, MissingExtraError
from eventcoder.load.session import Columns, Only, OnRows
from eventcoder.load.tables import Dialect, literal, quote, sql_type

__all__ = ["MEMORY_LIMIT", "DuckSession", "open_duckdb"]

MEMORY_LIMIT = "512MB"
"""DuckDB's buffer limit for a load: beyond it, DuckDB writes what it holds to the database file or a temporary file."""

def open_duckdb(path: str) -> DuckSession:
    """A session on the DuckDB file ``path`` (made, with its directory, when missing), in a transaction."""
    try:
        duckdb = importlib.import_module("duckdb")
    except ImportError as exc:
        raise MissingExtraError("loading into DuckDB needs the duckdb package: pip install 'eventcoder[db]'") from exc
    target = Path(path).expanduser()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        connection = duckdb.connect(str(target), config={"memory_limit": MEMORY_LIMIT})
    except (OSError, duckdb.Error) as exc:
        raise LoadError(f"cannot open DuckDB database {target}: {exc}") from exc
    return DuckSession(connection, (duckdb.Error,))


class DuckSession:
    """A DuckDB connection inside one transaction."""

    dialect = Dialect.DUCKDB

    def __init__(self, connection: Any, errors: tuple[type[Exception], ...]) -> None:
        self._db = connection
        self.errors = errors
        self._rows("BEGIN TRANSACTION")

    def execute(self, sql: str) -> None:
        self._rows(sql)

    def _rows(self, sql: str) -> list[Any]:
        """Every row of ``sql``: DuckDB wants each result read to its end before the next statement."""
        return list(self._db.execute(sql).fetchall())

    def change(self, sql: str) -> int:
        rows = self._rows(sql)
        return int(rows[0][0]) if rows else 0

    def scalar(self, sql: str) -> Any:
        rows = self._rows(sql)
        return rows[0][0] if rows else None

    def fetch(self, sql: str, schema: Mapping[str, Any]) -> pl.DataFrame:
        frame = pl.from_arrow(self._db.sql(sql).to_arrow_table())
        assert isinstance(frame, pl.DataFrame)
        return frame.cast({c: t for c, t in schema.items() if c in frame.columns}) if schema else frame

    def insert_frame(self, table: str, frame: pl.DataFrame, columns: Columns) -> int:
        names = [n for n, _ in columns]
        _ec_frame = frame.select(names).to_arrow()  # noqa: F841 - read by DuckDB's replacement scan, by name
        # A scan of a local variable, not register(): a registered table stays in memory until the transaction ends.
        into = f"INSERT INTO {table} ({', '.join(map(quote, names))})"
        list(self._db.execute(f"{into} SELECT * FROM _ec_frame").fetchall())
        return frame.height

    def insert_parquet(
        self, table: str, files: Sequence[Path], columns: Columns, only: Only | None, on_rows: OnRows
    ) -> int:
        where = self._only(only)
        names = ", ".join(quote(n) for n, _ in columns)
        total = 0
        for file in files:
            select = self._select(file, columns)
            written = self.change(f"INSERT INTO {table} ({names}) SELECT * FROM ({select}){where}")
            total += written
            on_rows(written)
        return total

    def stage_parquet(
        self, name: str, files: Sequence[Path], columns: Columns, only: Only | None, on_rows: OnRows
    ) -> None:
        """A temporary view: DuckDB reads the parts when a statement uses it, and holds no copy."""
        if not files:
            empty = ", ".join(f"CAST(NULL AS {sql_type(t, self.dialect)}) AS {quote(n)}" for n, t in columns)
            self._rows(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT {empty} WHERE false")
            return
        parts = " UNION ALL ".join(self._select(file, columns) for file in files)
        self._rows(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * FROM ({parts}){self._only(only)}")

    def _only(self, only: Only | None) -> str:
        """A WHERE clause keeping the rows ``only`` asks for, its values held in a temporary table."""
        if only is None:
            return ""
        column, values = only
        table = f"_ec_only_{column}"
        self._rows(f"CREATE OR REPLACE TEMP TABLE {table} ({quote(column)} VARCHAR PRIMARY KEY)")
        _ec_ids = pl.DataFrame({column: values.unique()}).to_arrow()  # noqa: F841 - read by the replacement scan
        list(self._db.execute(f"INSERT INTO {table} SELECT {quote(column)} FROM _ec_ids").fetchall())
        return f" WHERE {quote(column)} IN (SELECT {quote(column)} FROM {table})"

    def _select(self, file: Path, columns: Columns) -> str:
        """The part's rows with exactly ``columns``: cast to the table's types, null where the part lacks one."""
        source = f"read_parquet({literal(str(file))}, hive_partitioning = true)"
        present = {row[0] for row in self._rows(f"DESCRIBE SELECT * FROM {source}")}
        parts = [
            f"CAST({quote(n) if n in present else 'NULL'} AS {sql_type(t, self.dialect)}) AS {quote(n)}"
            for n, t in columns
        ]
        return f"SELECT {', '.join(parts)} FROM {source}"

    def temp_table(self, name: str, select: str) -> None:
        self._rows(f"CREATE OR REPLACE TEMP TABLE {name} AS {select}")

    def commit(self) -> None:
        self._rows("COMMIT")

    def rollback(self) -> None:
        self._rows("ROLLBACK")

    def close(self) -> None:
        self._db.close()
