"""One open database transaction, the same few operations on every backend.

:mod:`eventcoder.load.run` describes a load in SQL and these calls; a
backend (:mod:`~eventcoder.load.duck`, :mod:`~eventcoder.load.pg`) carries
them out with its bulk path. Everything runs in one transaction, opened
with the session and ended by :meth:`Session.commit` or
:meth:`Session.rollback`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import polars as pl
import pyarrow as pa

from eventcoder.load.tables import Dialect

__all__ = ["Columns", "OnRows", "Only", "Session"]

Columns = Sequence[tuple[str, pa.DataType]]
"""Column names and Arrow types, in table order."""

OnRows = Callable[[int], None]
"""Called with the number of rows each batch wrote."""

Only = tuple[str, pl.Series]
"""A column and its wanted values: only the rows whose value is among them."""


class Session(Protocol):
    dialect: Dialect
    errors: tuple[type[Exception], ...]
    """The driver's exceptions: a load that raises one is rolled back and reported as LoadError."""

    def execute(self, sql: str) -> None:
        """Run one statement."""

    def change(self, sql: str) -> int:
        """Run one INSERT, UPDATE or DELETE; return the rows it changed."""

    def scalar(self, sql: str) -> Any:
        """The first value of the first row of a query."""

    def fetch(self, sql: str, schema: Mapping[str, Any]) -> pl.DataFrame:
        """A query's rows as a polars frame with ``schema`` (column -> polars type)."""

    def insert_frame(self, table: str, frame: pl.DataFrame, columns: Columns) -> int:
        """Append ``frame``'s ``columns`` to ``table`` (a quoted, qualified name); return the rows written."""

    def insert_parquet(
        self, table: str, files: Sequence[Path], columns: Columns, only: Only | None, on_rows: OnRows
    ) -> int:
        """Append the rows of Parquet ``files`` (those ``only`` asks for, when given) to ``table``."""

    def stage_parquet(
        self, name: str, files: Sequence[Path], columns: Columns, only: Only | None, on_rows: OnRows
    ) -> None:
        """Make ``name`` a temporary relation of the rows of ``files`` (those ``only`` asks for, when given)."""

    def temp_table(self, name: str, select: str) -> None:
        """Make ``name`` a temporary table of the rows of ``select``, dropped when the session ends."""

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def close(self) -> None: ...
