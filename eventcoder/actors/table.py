"""Build the ``actors/`` table from the mentions dataset.

Both ends of every mention are one actor occurrence; grouping them by actor
key gives one row per actor with every surface form it was written as. This
runs on the written mentions, so it streams and covers appended runs too.
"""

from __future__ import annotations

import polars as pl

_ORIGIN = {
    "dictionary": "codebook",
    "agent": "codebook",
    "title": "codebook",
    "coreference": "codebook",
    "fuzzy": "fuzzy",
    "unknown": "unknown",
}


def actors_table(
    mentions: pl.LazyFrame, role_codes: frozenset[str], bucket: tuple[int, int] = (0, 1)
) -> pl.DataFrame:
    """One row per actor key: canonical name, code, variants, mention count.

    ``role_codes`` are the codebook's agent roles: a code that starts with one
    (``GOV``, ``UAF``) names no country. ``bucket`` = (b, n) keeps only the
    actors whose id hashes to bucket b of n, so a large corpus is done in parts.
    """
    not_country = [*sorted(role_codes), "IGO", "NGO"]
    sides = [
        mentions.select(
            pl.col(f"{side}_actor_id").alias("actor_id"),
            pl.col(f"{side}_name").alias("name"),
            pl.col(f"{side}_code").alias("code"),
            pl.col(f"{side}_text").alias("text"),
            pl.col(f"{side}_how").alias("how"),
        )
        for side in ("source", "target")
    ]
    occurrences = pl.concat(sides)
    number, buckets = bucket
    if buckets > 1:
        occurrences = occurrences.filter(pl.col("actor_id").hash() % buckets == number)
    return (
        occurrences.group_by("actor_id")
        .agg(
            pl.col("name").drop_nulls().mode().min().alias("canonical_name"),
            pl.col("code").drop_nulls().mode().min().alias("actor_code"),
            pl.concat_list(pl.col("text"), pl.col("name"))
            .list.explode(keep_nulls=False, empty_as_null=False)
            .drop_nulls()
            .unique()
            .sort()
            .alias("variants"),
            pl.len().cast(pl.Int64).alias("mention_count"),
            pl.col("how").drop_nulls().mode().min().alias("how"),
        )
        .with_columns(
            pl.when(~pl.col("actor_code").str.slice(0, 3).is_in(not_country))
            .then(pl.col("actor_code").str.slice(0, 3))
            .alias("country_code"),
            pl.col("actor_code").str.slice(3, 3).replace("", None).alias("role"),
            pl.col("how").replace_strict(_ORIGIN, default="codebook").alias("origin"),
        )
        .select(
            "actor_id", "canonical_name", "actor_code", "country_code", "role", "variants", "mention_count", "origin"
        )
        .sort("actor_id")
        .collect(engine="streaming")
    )
