"""Datasets to load, and the databases to load them into: DuckDB always, PostgreSQL where a server can start.

``base`` codes the example articles (and one unreadable record, so it has a
reject); ``appended`` is ``base`` with ``examples/wire.jsonl`` added by
``--append``; ``recoded`` is ``base`` coded again with the mini codebook.
Each test gets a database of its own: a new DuckDB file, or a new schema in
the session's PostgreSQL server.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pg_server import PgServer, find_binaries

from eventcoder import code_corpus, load_codebook

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
MINI = ROOT / "tests" / "data" / "mini_codebook"
_schemas = itertools.count()


@dataclass(frozen=True)
class Datasets:
    base: Path
    appended: Path
    recoded: Path


@pytest.fixture(scope="session")
def datasets(tmp_path_factory: pytest.TempPathFactory) -> Datasets:
    root = tmp_path_factory.mktemp("load-datasets")
    inputs = sorted(EXAMPLES.glob("*.txt"))
    broken = root / "broken.jsonl"
    broken.write_text('{"id": "x1", "text": "Russia attacked Ukraine."}\n{not json\n', encoding="utf-8")
    book = load_codebook()
    code_corpus([*inputs, broken], root / "base", book)
    shutil.copytree(root / "base", root / "appended")
    code_corpus([EXAMPLES / "wire.jsonl"], root / "appended", book, append=True)
    code_corpus([*inputs, broken], root / "recoded", load_codebook(MINI))
    return Datasets(root / "base", root / "appended", root / "recoded")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    binaries, why = find_binaries()
    if binaries is None:
        pytest.skip(why)
    server = PgServer(binaries).start()
    yield server
    server.stop()


@dataclass(frozen=True)
class Target:
    """A database to load into: ``url`` and ``schema``."""

    backend: str
    url: str
    schema: str


@pytest.fixture(params=["duckdb", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Target:
    schema = f"ec_test_{next(_schemas)}"
    if request.param == "duckdb":
        return Target("duckdb", f"duckdb:///{tmp_path / 'events.duckdb'}", schema)
    server: PgServer = request.getfixturevalue("pg_server")
    return Target("postgresql", server.url, schema)
