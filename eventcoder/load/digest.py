"""What a load must write: digests of each article's coding, ids for rejects.

An article's ``coding_digest`` hashes the codebook's content hash, the
article's own row and, sorted, every one of its mentions (id, pattern, event
and actor ids) and actor phrases (place and actor id). Loading compares it
with the digest the database holds: the same digest means the same coding
(nothing to write); another means the article was re-coded, or its actors
were re-clustered by an ``--append``, and its rows are replaced; no digest
means it is new. Hashes are BLAKE2b, so digests are the same in every
process and version.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl

from eventcoder.export.reader import scan_table

__all__ = ["article_digests", "reject_rows"]

_SEP = "\x1f"
_ARTICLE_FIELDS = ("article_id", "source", "url", "title", "published", "n_sentences", "n_mentions", "status")
_MENTION_FIELDS = ("mention_id", "pattern_id", "event_id", "source_actor_id", "target_actor_id")
_ACTOR_FIELDS = ("sentence_index", "char_start", "char_end", "actor_id")


def _joined(columns: tuple[str, ...]) -> pl.Expr:
    return pl.concat_str([pl.col(c).cast(pl.String).fill_null("") for c in columns], separator=" ")


def _per_article(dataset: Path, table: str, columns: tuple[str, ...], alias: str) -> pl.LazyFrame | None:
    scan = scan_table(dataset, table)
    if scan is None:
        return None
    return scan.group_by("article_id").agg(_joined(columns).sort().str.join("\x1e").alias(alias))


def article_digests(dataset: Path, codebook_hash: str) -> pl.DataFrame:
    """One row per article of the dataset: ``article_id``, ``codebook_hash``, ``coding_digest``."""
    articles = scan_table(dataset, "articles")
    if articles is None:
        return pl.DataFrame(schema={"article_id": pl.String, "codebook_hash": pl.String, "coding_digest": pl.String})
    frame = articles.select(pl.col("article_id"), _joined(_ARTICLE_FIELDS).alias("_row"))
    for table, columns, alias in (("mentions", _MENTION_FIELDS, "_m"), ("actor_mentions", _ACTOR_FIELDS, "_a")):
        part = _per_article(dataset, table, columns, alias)
        if part is None:
            frame = frame.with_columns(pl.lit("").alias(alias))
        else:
            frame = frame.join(part, on="article_id", how="left")
    text = pl.concat_str([pl.lit(codebook_hash), "_row", "_m", "_a"], separator=_SEP, ignore_nulls=True)
    keys = frame.select("article_id", text.alias("_text")).collect()
    digests = [hashlib.blake2b(t.encode("utf-8"), digest_size=16).hexdigest() for t in keys.get_column("_text")]
    return keys.select("article_id").with_columns(
        pl.lit(codebook_hash).alias("codebook_hash"), pl.Series("coding_digest", digests, dtype=pl.String)
    )


def reject_rows(dataset: Path) -> pl.DataFrame:
    """The dataset's rejects, each with a ``reject_id``; a reject told twice (by two appending runs) once."""
    scan = scan_table(dataset, "rejects")
    if scan is None:
        return pl.DataFrame()
    frame = scan.collect()
    key = frame.select(_joined(("origin", "locator", "kind", "reason")).alias("k")).get_column("k")
    ids = [hashlib.blake2b(k.encode("utf-8"), digest_size=8).hexdigest() for k in key]
    return frame.with_columns(pl.Series("reject_id", ids, dtype=pl.String)).unique("reject_id", keep="first",
                                                                                    maintain_order=True)
