"""`eventcoder actors suggest`: names a dataset's coder could not resolve, as codebook entries to add.

The suggesting itself (:func:`eventcoder.actors.suggest.suggest_actors`) works on
frames; this module reads them from a dataset directory, above both the actors
and the export layers.
"""

from __future__ import annotations

from collections.abc import Container
from pathlib import Path

import polars as pl

from .actors.resolve import actor_names
from .actors.suggest import Suggestion, adjectives_of, suggest_actors
from .codebook import Codebook
from .errors import DatasetError
from .export.reader import scan_table

__all__ = ["suggest_from_dataset"]


def suggest_from_dataset(
    path: str | Path, codebook: Codebook, min_count: int = 2, places: Container[str] = ()
) -> list[Suggestion]:
    """:func:`suggest_actors` over the dataset directory ``path``.

    Reads every actor phrase (``actor_mentions/``: names outside events too,
    with their sentence when an event was coded in it, else their own text),
    or the event mentions of a dataset written before that table existed.
    Demonyms, role codes, name folding and the fuzzy index come from
    ``codebook``, so a name the codebook now resolves is not suggested;
    names ``places`` holds (the gazetteer) are places, not actors.
    Raises DatasetError when ``path`` holds no mentions dataset.
    """
    mentions = scan_table(Path(path), "mentions")
    if mentions is None:
        raise DatasetError(f"{path} holds no mentions/*.parquet: it is not an eventcoder dataset")
    phrases = scan_table(Path(path), "actor_mentions")
    if phrases is not None:
        mentions = _as_mentions(phrases, mentions)
    names = actor_names(codebook)
    return suggest_actors(mentions, min_count, adjectives=adjectives_of(codebook),
                          role_codes=codebook.role_codes, folder=names.folder, index=names.index, places=places)


def _as_mentions(actor_mentions: pl.LazyFrame, mentions: pl.LazyFrame) -> pl.LazyFrame:
    """Actor phrases in the shape suggest_actors reads: each phrase a source without a target."""
    sentences = mentions.select("article_id", "sentence_index", "sentence_text").unique(["article_id",
                                                                                          "sentence_index"])
    none = pl.lit(None, pl.String)
    return actor_mentions.join(sentences, on=["article_id", "sentence_index"], how="left").select(
        "article_id", pl.coalesce("sentence_text", "text").alias("sentence_text"),
        pl.col("name").alias("source_name"), pl.col("how").alias("source_how"), pl.col("code").alias("source_code"),
        pl.col("actor_id").alias("source_actor_id"), none.alias("target_name"), none.alias("target_how"),
        none.alias("target_code"), none.alias("target_actor_id"),
    )
