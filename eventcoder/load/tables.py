"""The database tables of a loaded dataset: keys, references, indexes, comments, DDL.

Each table of the dataset (:data:`eventcoder.export.schema.TABLES`) becomes a
table of the same name and columns, plus a few bookkeeping columns:

- ``articles.codebook_hash`` and ``articles.coding_digest``: which coding of
  the article the database holds (see :mod:`eventcoder.load.digest`);
- ``rejects.reject_id``: rejects carry no id of their own, so one is made
  from their file, place, kind and reason.

Primary keys are the stable ids. ``mentions`` is keyed by ``(mention_id,
pattern_id)``: the coder can code one event twice over the same words from
two patterns, which gives two rows with one ``mention_id``.
``actor_mentions`` is keyed by its place (article, sentence, characters).

On PostgreSQL the keys are primary keys, the references real foreign keys,
checked at commit (``DEFERRABLE INITIALLY DEFERRED``) so a load can replace
rows in any order, and the indexes B-trees. DuckDB tables have neither: a
DuckDB key or index is an ART that must sit in memory whole, so a table's
keys alone grew a load's memory with the dataset (about 300 MiB of them at a
million events), and DuckDB cannot delete a row a foreign key references
inside one transaction. There the loader checks the keys and references of
the rows it wrote before it commits (:func:`key_checks`,
:func:`orphan_checks`) and records them in the table comments; DuckDB's
queries filter with the min/max statistics it keeps per row group instead of
indexes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum

import pyarrow as pa

from eventcoder.dictionary import column_descriptions, table_descriptions
from eventcoder.export.schema import TABLES

__all__ = [
    "LOADED_PARTS", "LOADS", "SPECS", "Dialect", "ForeignKey", "TableSpec", "create_statements", "key_checks",
    "orphan_checks", "sql_type",
]  # fmt: skip


class Dialect(Enum):
    DUCKDB = "duckdb"
    POSTGRESQL = "postgresql"


@dataclass(frozen=True, slots=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    refs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One table: the dataset's columns, extra columns, key, references, indexes."""

    name: str
    primary_key: tuple[str, ...]
    extra: tuple[tuple[str, pa.DataType, str], ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()

    @property
    def dataset_columns(self) -> tuple[tuple[str, pa.DataType], ...]:
        """The columns the dataset's part files hold, in the contract's order."""
        return tuple((f.name, f.type) for f in TABLES[self.name])

    @property
    def columns(self) -> tuple[tuple[str, pa.DataType], ...]:
        return self.dataset_columns + tuple((n, t) for n, t, _ in self.extra)


def _fk(columns: str, table: str, refs: str) -> ForeignKey:
    return ForeignKey(tuple(columns.split(",")), table, tuple(refs.split(",")))


_S = pa.string()
SPECS: dict[str, TableSpec] = {
    "articles": TableSpec(
        "articles",
        ("article_id",),
        extra=(
            ("codebook_hash", _S, "content hash of the codebook that coded the article"),
            ("coding_digest", _S, "digest of the article's coding: changes when a load must replace its rows"),
        ),
        indexes=(("published",),),
    ),
    "events": TableSpec(
        "events",
        ("event_id",),
        foreign_keys=(_fk("first_article_id", "articles", "article_id"),),
        indexes=(("event_date",), ("source_code",), ("target_code",), ("event_code",), ("country_code",)),
    ),
    "actors": TableSpec("actors", ("actor_id",), indexes=(("actor_code",),)),
    "mentions": TableSpec(
        "mentions",
        ("mention_id", "pattern_id"),
        foreign_keys=(
            _fk("article_id", "articles", "article_id"),
            _fk("event_id", "events", "event_id"),
            _fk("source_actor_id", "actors", "actor_id"),
            _fk("target_actor_id", "actors", "actor_id"),
        ),
        indexes=(("article_id",), ("event_id",), ("event_date",), ("source_code",), ("target_code",),
                 ("event_code",)),  # fmt: skip
    ),
    "actor_mentions": TableSpec(
        "actor_mentions",
        ("article_id", "sentence_index", "char_start", "char_end"),
        foreign_keys=(_fk("article_id", "articles", "article_id"), _fk("actor_id", "actors", "actor_id")),
        indexes=(("actor_id",), ("code",)),
    ),
    "rejects": TableSpec(
        "rejects",
        ("reject_id",),
        extra=(("reject_id", _S, "hash of origin, locator, kind and reason: one row per distinct reject"),),
        indexes=(("kind",),),
    ),
}
"""Every table, in an order where each table comes after those it references."""

LOADS = "loads"
_LOADS_COLUMNS = (
    ("load_id", "BIGINT", "number of the load, from 1"),
    ("dataset", "VARCHAR", "the dataset directory loaded"),
    ("fingerprint", "VARCHAR", "digest of the dataset's manifest: a load of the same dataset again is skipped"),
    ("codebook_hash", "VARCHAR", "content hash of the dataset's codebook"),
    ("dataset_finished", "VARCHAR", "when the dataset was written (its manifest's finished)"),
    ("loaded_at", "VARCHAR", "when this load committed (UTC, ISO 8601)"),
    ("articles_added", "BIGINT", "articles the database did not hold"),
    ("articles_replaced", "BIGINT", "articles whose coding changed: their rows were replaced"),
    ("rows_written", "BIGINT", "rows inserted or replaced, all tables"),
)

LOADED_PARTS = "loaded_parts"
_PARTS_COLUMNS = (
    ("table_name", "VARCHAR", "the dataset table the part belongs to"),
    ("content_hash", "VARCHAR", "BLAKE2b hash of the part file's bytes"),
    ("codebook_hash", "VARCHAR", "content hash of the codebook of the dataset the part was loaded from"),
    ("part", "VARCHAR", "the part's path inside the dataset, when it was first loaded"),
    ("load_id", "BIGINT", "the load that first loaded it"),
)


def sql_type(arrow: pa.DataType, dialect: Dialect) -> str:
    """The SQL type holding ``arrow`` values exactly."""
    if pa.types.is_list(arrow) or pa.types.is_large_list(arrow):
        return sql_type(arrow.value_type, dialect) + "[]"
    if pa.types.is_string(arrow) or pa.types.is_large_string(arrow):
        return "VARCHAR" if dialect is Dialect.DUCKDB else "TEXT"
    names = {pa.date32(): "DATE", pa.int8(): "SMALLINT", pa.int16(): "SMALLINT", pa.int32(): "INTEGER",
             pa.int64(): "BIGINT", pa.float64(): "DOUBLE PRECISION", pa.bool_(): "BOOLEAN"}  # fmt: skip
    if arrow not in names:
        raise ValueError(f"no SQL type for {arrow}")
    return names[arrow]


def quote(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A quoted SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def create_statements(schema: str, dialect: Dialect) -> Iterator[str]:
    """Everything that makes ``schema`` hold the tables; each statement may run again and changes nothing."""
    yield f"CREATE SCHEMA IF NOT EXISTS {quote(schema)}"
    for spec in SPECS.values():
        yield from _table_statements(schema, spec, dialect)
    columns = ", ".join(f"{quote(n)} {t}" for n, t, _ in _LOADS_COLUMNS)
    yield f"CREATE TABLE IF NOT EXISTS {quote(schema)}.{LOADS} ({columns}, PRIMARY KEY (load_id))"
    about = literal("one row per eventcoder load that changed the schema")
    yield f"COMMENT ON TABLE {quote(schema)}.{LOADS} IS {about}"
    for name, _, text in _LOADS_COLUMNS:
        yield f"COMMENT ON COLUMN {quote(schema)}.{LOADS}.{quote(name)} IS {literal(text)}"
    parts = f"{quote(schema)}.{LOADED_PARTS}"
    columns = ", ".join(f"{quote(n)} {t}" for n, t, _ in _PARTS_COLUMNS)
    yield f"CREATE TABLE IF NOT EXISTS {parts} ({columns}, PRIMARY KEY (table_name, content_hash, codebook_hash))"
    about = literal("the part files loaded so far: a later load reads only the articles of parts not listed")
    yield f"COMMENT ON TABLE {parts} IS {about}"
    for name, _, text in _PARTS_COLUMNS:
        yield f"COMMENT ON COLUMN {parts}.{quote(name)} IS {literal(text)}"


def _table_statements(schema: str, spec: TableSpec, dialect: Dialect) -> Iterator[str]:
    table = f"{quote(schema)}.{quote(spec.name)}"
    columns = [f"{quote(n)} {sql_type(t, dialect)}" for n, t in spec.columns]
    constraints = []
    if dialect is Dialect.POSTGRESQL:
        constraints.append(f"PRIMARY KEY ({', '.join(map(quote, spec.primary_key))})")
        constraints += [
            f"FOREIGN KEY ({', '.join(map(quote, fk.columns))}) REFERENCES {quote(schema)}.{quote(fk.table)} "
            f"({', '.join(map(quote, fk.refs))}) DEFERRABLE INITIALLY DEFERRED"
            for fk in spec.foreign_keys
        ]
    yield f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(columns + constraints)})"
    for name, arrow in spec.columns:  # a table made by an older eventcoder gains the new columns
        yield f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {quote(name)} {sql_type(arrow, dialect)}"
    if dialect is Dialect.POSTGRESQL:
        for index in spec.indexes:
            index_name = quote(f"{spec.name}_{'_'.join(index)}_idx")
            yield f"CREATE INDEX IF NOT EXISTS {index_name} ON {table} ({', '.join(map(quote, index))})"
    yield f"COMMENT ON TABLE {table} IS {literal(_table_comment(spec, dialect))}"
    described = column_descriptions(spec.name) | {n: text for n, _, text in spec.extra}
    for name, _ in spec.columns:
        if name in described:
            yield f"COMMENT ON COLUMN {table}.{quote(name)} IS {literal(described[name])}"


def _table_comment(spec: TableSpec, dialect: Dialect) -> str:
    text = table_descriptions().get(spec.name, spec.name)
    if dialect is Dialect.DUCKDB:
        refs = "; ".join(f"{','.join(fk.columns)} -> {fk.table}.{','.join(fk.refs)}" for fk in spec.foreign_keys)
        text += f" (key, checked by eventcoder load: {','.join(spec.primary_key)}"
        text += f"; references: {refs})" if refs else ")"
    return text


Scope = Mapping[str, str]
"""Per table, a condition selecting the rows a load wrote (a table not named: every row)."""


def _where(scope: Scope, table: str, alias: str) -> str:
    condition = scope.get(table)
    return f" AND {alias}.{condition}" if condition else ""


def orphan_checks(schema: str, scope: Scope) -> Iterator[tuple[str, str]]:
    """(description, SQL counting rows whose reference points at no row) for every foreign key.

    Only the rows ``scope`` selects are checked: a load deletes rows only
    when it replaces them or when nothing refers to them, so no other row can
    have lost what it refers to.
    """
    for spec in SPECS.values():
        for fk in spec.foreign_keys:
            child, parent = f"{quote(schema)}.{quote(spec.name)}", f"{quote(schema)}.{quote(fk.table)}"
            (column,), (ref,) = fk.columns, fk.refs
            sql = (
                f"SELECT count(*) FROM {child} c WHERE c.{quote(column)} IS NOT NULL{_where(scope, spec.name, 'c')} "
                f"AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.{quote(ref)} = c.{quote(column)})"
            )
            yield f"{spec.name}.{column} -> {fk.table}.{ref}", sql


def key_checks(schema: str, scope: Scope) -> Iterator[tuple[str, str]]:
    """(description, SQL counting keys held twice) for every table, among the keys of the rows ``scope`` selects."""
    for spec in SPECS.values():
        table = f"{quote(schema)}.{quote(spec.name)}"
        key = ", ".join(map(quote, spec.primary_key))
        written = f"SELECT DISTINCT {key} FROM {table} n WHERE true{_where(scope, spec.name, 'n')}"
        sql = (
            f"SELECT count(*) FROM (SELECT {key} FROM {table} JOIN ({written}) w USING ({key}) "
            f"GROUP BY {key} HAVING count(*) > 1) d"
        )
        yield f"{spec.name} ({', '.join(spec.primary_key)})", sql
