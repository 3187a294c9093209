"""The coded events of a dataset, as the scorer sees them.

A prediction is one distinct (article, source code, target code, event code)
of the ``mentions/`` table; mentions with a null source, target or event code
are skipped. Its *key* is (source entity, target entity, root). Dates, places
and death tolls are gathered per (article, key) over every mention with that
key, since a gold event is matched by key, not by exact code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ..errors import DatasetError
from ..export.reader import read_table
from ..export.writer import MANIFEST
from .entities import entity_key, fold_name, root_of

__all__ = ["DyadKey", "Evidence", "Prediction", "Predictions", "read_predictions"]

_COLUMNS = {
    "article_id": pl.String,
    "sentence_index": pl.Int64,
    "sentence_text": pl.String,
    "source_code": pl.String,
    "target_code": pl.String,
    "event_code": pl.String,
    "event_date": pl.String,
    "location_name": pl.String,
    "country_code": pl.String,
    "fatalities": pl.Int64,
}


@dataclass(frozen=True, slots=True)
class DyadKey:
    """What a prediction is matched on: the entities of its actors and its CAMEO root."""

    source: str | None
    target: str | None
    root: str


@dataclass(frozen=True, slots=True)
class Prediction:
    """One distinct coded event of an article; ``sentence`` is that of its first mention."""

    article_id: str
    source: str
    target: str
    code: str
    sentence: str = field(default="", compare=False)

    @property
    def key(self) -> DyadKey:
        return DyadKey(entity_key(self.source), entity_key(self.target), root_of(self.code))


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the mentions of one (article, key) say: dates, (folded place name, country) pairs, tolls."""

    dates: frozenset[str | None] = frozenset()
    places: frozenset[tuple[str, str]] = frozenset()
    tolls: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Predictions:
    by_article: Mapping[str, tuple[Prediction, ...]]
    evidence: Mapping[tuple[str, DyadKey], Evidence]

    def of(self, article_id: str) -> tuple[Prediction, ...]:
        return self.by_article.get(article_id, ())

    def about(self, article_id: str, keys: Iterable[DyadKey]) -> Evidence:
        """The evidence of every mention of ``article_id`` with one of ``keys``, merged."""
        found = [self.evidence[(article_id, k)] for k in set(keys) if (article_id, k) in self.evidence]
        return Evidence(
            frozenset().union(*(e.dates for e in found)),
            frozenset().union(*(e.places for e in found)),
            frozenset().union(*(e.tolls for e in found)),
        )


def read_predictions(dataset_dir: str | Path) -> Predictions:
    """The predictions of the dataset at ``dataset_dir``; DatasetError when it is not a dataset."""
    dataset_dir = Path(dataset_dir)
    if not (dataset_dir / MANIFEST).is_file():
        raise DatasetError(f"{dataset_dir} holds no eventcoder dataset (no {MANIFEST})")
    mentions = _conform(read_table(dataset_dir, "mentions", required=True))
    coded = mentions.filter(
        pl.col("source_code").is_not_null() & pl.col("target_code").is_not_null() & pl.col("event_code").is_not_null()
    ).sort(["article_id", "sentence_index"], nulls_last=True, maintain_order=True)
    by_article: dict[str, dict[Prediction, None]] = {}
    gathered: dict[tuple[str, DyadKey], tuple[set[str | None], set[tuple[str, str]], set[int]]] = {}
    for row in coded.iter_rows(named=True):
        prediction = _prediction(row)
        by_article.setdefault(prediction.article_id, {}).setdefault(prediction, None)
        dates, places, tolls = gathered.setdefault((prediction.article_id, prediction.key), (set(), set(), set()))
        dates.add(row["event_date"][:10] if row["event_date"] is not None else None)
        places.add((fold_name(row["location_name"] or ""), row["country_code"] or ""))
        if row["fatalities"] is not None:
            tolls.add(row["fatalities"])
    return Predictions(
        {article: tuple(found) for article, found in by_article.items()},
        {key: Evidence(frozenset(d), frozenset(p), frozenset(t)) for key, (d, p, t) in gathered.items()},
    )


def _conform(mentions: pl.DataFrame) -> pl.DataFrame:
    """The columns the scorer reads, as text or integers; a missing column is all nulls."""
    return mentions.select(
        (pl.col(name) if name in mentions.columns else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in _COLUMNS.items()
    )


def _prediction(row: Mapping[str, Any]) -> Prediction:
    return Prediction(
        article_id=row["article_id"],
        source=row["source_code"],
        target=row["target_code"],
        code=row["event_code"],
        sentence=row["sentence_text"] or "",
    )
