"""Where to load: a ``--db`` address parsed into a backend and its target.

``duckdb:///abs/path.duckdb`` (three slashes: an absolute path),
``duckdb://rel/path.duckdb`` or a bare path ending ``.duckdb``/``.db`` is an
embedded DuckDB file; ``postgresql://`` and ``postgres://`` addresses are
handed to libpq as they are (user, password, host, port, dbname, options).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from eventcoder.errors import DatabaseUrlError

__all__ = ["Backend", "DatabaseUrl", "parse_url"]

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


class Backend(Enum):
    """The databases ``eventcoder load`` writes to."""

    DUCKDB = "duckdb"
    POSTGRESQL = "postgresql"


@dataclass(frozen=True, slots=True)
class DatabaseUrl:
    """A parsed ``--db``: the backend, and a file path (DuckDB) or a libpq address (PostgreSQL)."""

    backend: Backend
    target: str

    def __str__(self) -> str:
        if self.backend is Backend.DUCKDB:
            return f"duckdb:///{Path(self.target).resolve().as_posix().lstrip('/')}"
        return re.sub(r"://([^:@/]*):[^@/]*@", r"://\1:***@", self.target)  # never print a password


def parse_url(text: str | Path) -> DatabaseUrl:
    """The backend and target of ``text``; DatabaseUrlError when it names neither."""
    value = str(text).strip()
    if value.startswith("duckdb://"):
        path = value[len("duckdb://") :]
        if not path or path == "/":
            raise DatabaseUrlError(f"{value!r} names no DuckDB file")
        return DatabaseUrl(Backend.DUCKDB, path)
    if value.startswith(("postgresql://", "postgres://")):
        return DatabaseUrl(Backend.POSTGRESQL, value)
    if "://" not in value and value.endswith((".duckdb", ".db")):
        return DatabaseUrl(Backend.DUCKDB, value)
    raise DatabaseUrlError(f"cannot tell which database {value!r} is")


def check_schema_name(name: str) -> str:
    """``name`` when it is a plain SQL identifier (letters, digits, _), else DatabaseUrlError."""
    if not _IDENTIFIER.match(name):
        raise DatabaseUrlError(
            f"--schema {name!r} is not a plain identifier", hint="use letters, digits and _, e.g. --schema eventcoder"
        )
    return name
