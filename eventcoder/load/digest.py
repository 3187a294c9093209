"""What a load must write: digests of each article's coding, ids for rejects.

An article's ``coding_digest`` hashes the codebook's content hash, the
article's own row and every one of its mentions (id, pattern, event and
actor ids) and actor phrases (place and actor id). Loading compares it with
the digest the database holds: the same digest means the same coding
(nothing to write); another means the article was re-coded, or its actors
were re-clustered by an ``--append``, and its rows are replaced; no digest
means it is new.

The digests are computed by an in-memory DuckDB reading the part files
(:func:`article_digests`): each mention or actor phrase is hashed on its
own (MD5), and an article's rows are combined by count and by sums of the
two halves of their hashes, which needs no sort and holds one small
aggregate per article, so memory stays flat however many rows there are.
MD5 and the sums are the same in every process and version.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import polars as pl

from eventcoder.errors import MissingExtraError
from eventcoder.load.tables import literal, quote

__all__ = ["article_digests", "reject_rows"]

_ARTICLE_FIELDS = ("article_id", "source", "url", "title", "published", "n_sentences", "n_mentions", "status")
_ROW_FIELDS = {
    "mentions": ("mention_id", "pattern_id", "event_id", "source_actor_id", "target_actor_id"),
    "actor_mentions": ("sentence_index", "char_start", "char_end", "actor_id"),
}
_MEMORY = "512MB"
_SCHEMA = {"article_id": pl.String, "codebook_hash": pl.String, "coding_digest": pl.String}


def reader() -> Any:
    """An in-memory DuckDB with bounded memory, for reading part files."""
    try:
        duckdb = importlib.import_module("duckdb")
    except ImportError as exc:
        raise MissingExtraError("eventcoder load needs the duckdb package: pip install 'eventcoder[db]'") from exc
    connection = duckdb.connect(":memory:")
    connection.execute(f"SET memory_limit = {literal(_MEMORY)}")
    connection.execute("SET preserve_insertion_order = false")
    return connection


def parquet_source(files: Sequence[Path]) -> str:
    listed = ", ".join(literal(str(f)) for f in files)
    return f"read_parquet([{listed}], hive_partitioning = true, union_by_name = true)"


def _text(db: Any, source: str, columns: Sequence[str]) -> str:
    """Every column of ``columns`` as text, '' when null or absent from the parts, joined by spaces."""
    present = {row[0] for row in db.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    parts = [f"coalesce(CAST({quote(c)} AS VARCHAR), '')" if c in present else "''" for c in columns]
    return f"concat_ws(' ', {', '.join(parts)})"


def article_digests(
    files: Mapping[str, Sequence[Path]], codebook_hash: str, only_from: Mapping[str, Sequence[Path]] | None = None
) -> pl.DataFrame:
    """``article_id``, ``codebook_hash``, ``coding_digest`` of the articles in ``files["articles"]``.

    ``files`` holds each table's part files. With ``only_from`` (part files
    by table), only the articles that appear in one of those parts.
    """
    if not files.get("articles"):
        return pl.DataFrame(schema=_SCHEMA)
    db = reader()
    try:
        where = ""
        if only_from is not None:
            sources = [f"SELECT article_id FROM {parquet_source(fs)}" for fs in only_from.values() if fs]
            if not sources:
                return pl.DataFrame(schema=_SCHEMA)
            db.execute(f"CREATE TEMP TABLE ids AS SELECT DISTINCT article_id FROM ({' UNION ALL '.join(sources)})")
            where = " WHERE article_id IN (SELECT article_id FROM ids)"
        articles = parquet_source(files["articles"])
        sql = f"SELECT article_id, {_text(db, articles, _ARTICLE_FIELDS)} AS row_text FROM {articles}{where}"
        joins, sums = "", []
        for table, columns in _ROW_FIELDS.items():
            if not files.get(table):
                sums.append("''")
                continue
            source = parquet_source(files[table])
            text = _text(db, source, columns)
            alias = f"t_{table}"
            joins += (
                f" LEFT JOIN (SELECT article_id, concat_ws(' ', count(*), sum(md5_number_lower(h)), "
                f"sum(md5_number_upper(h))) AS agg FROM (SELECT article_id, {text} AS h FROM {source}{where}) "
                f"GROUP BY article_id) {alias} USING (article_id)"
            )
            sums.append(f"coalesce({alias}.agg, '')")
        digest = f"md5(concat_ws(chr(31), {literal(codebook_hash)}, a.row_text, {', '.join(sums)}))"
        query = f"SELECT article_id, {digest} AS coding_digest FROM ({sql}) a{joins}"
        frame = pl.from_arrow(db.sql(query).to_arrow_table())
    finally:
        db.close()
    assert isinstance(frame, pl.DataFrame)
    return frame.select(
        pl.col("article_id").cast(pl.String), pl.lit(codebook_hash, dtype=pl.String).alias("codebook_hash"),
        pl.col("coding_digest").cast(pl.String),
    )  # fmt: skip


def reject_rows(files: Sequence[Path]) -> pl.DataFrame:
    """The rejects in ``files``, each with a ``reject_id``; a reject told twice (by two appending runs) once."""
    if not files:
        return pl.DataFrame()
    frame = pl.read_parquet([str(f) for f in files], hive_partitioning=True)
    joined = pl.concat_str(
        [pl.col(c).cast(pl.String).fill_null("") for c in ("origin", "locator", "kind", "reason")], separator=" "
    )
    key = frame.select(joined.alias("k")).get_column("k")
    ids = [hashlib.blake2b(k.encode("utf-8"), digest_size=8).hexdigest() for k in key]
    return frame.with_columns(pl.Series("reject_id", ids, dtype=pl.String)).unique("reject_id", keep="first",
                                                                                    maintain_order=True)
