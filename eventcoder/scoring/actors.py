"""Whether a dataset's actor clusters agree with the gold actor clusters.

Each gold actor (per article) lists its canonical name and the surface forms
it appears under. A form is *found* when some ``actors/`` row lists it among
its ``variants`` (names compared folded). A gold actor is *kept whole* when at
least one actor row holds every one of its found forms, and *split* when its
found forms are spread over rows with none in common. Two gold actors with
different canonical names are *wrongly merged* when an actor row holds forms
of both. These rules are those of ``../shared/dev/score.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from ..export.reader import read_table
from .entities import fold_name
from .gold import GoldActor, GoldArticle

__all__ = ["ActorScore", "score_actors"]


@dataclass(frozen=True, slots=True)
class ActorScore:
    gold_actors: int
    found: int
    kept_whole: int
    split: int
    wrongly_merged_pairs: int


def score_actors(gold: Iterable[GoldArticle], dataset_dir: str | Path) -> ActorScore | None:
    """The cluster figures; None when the gold has no actors or the dataset no ``actors/`` variants."""
    clusters = [actor for article in gold for actor in article.actors]
    rows = read_table(Path(dataset_dir), "actors")
    if not clusters or "variants" not in rows.columns or "actor_id" not in rows.columns:
        return None
    where: dict[str, set[str]] = {}
    for actor_id, variants in rows.select("actor_id", "variants").iter_rows():
        for variant in variants or ():
            where.setdefault(fold_name(variant), set()).add(str(actor_id))
    placed = [_rows_of(actor, where) for actor in clusters]
    seen = [sets for sets in placed if sets]
    whole = sum(1 for sets in seen if set.intersection(*sets))
    return ActorScore(
        gold_actors=len(clusters),
        found=len(seen),
        kept_whole=whole,
        split=len(seen) - whole,
        wrongly_merged_pairs=_merged_pairs(clusters, [set().union(*sets) for sets in placed]),
    )


def _rows_of(actor: GoldActor, where: Mapping[str, set[str]]) -> list[set[str]]:
    """For each of the actor's names found in the dataset, the actor rows that hold it."""
    return [where[name] for name in map(fold_name, actor.names) if name in where]


def _merged_pairs(clusters: list[GoldActor], rows: list[set[str]]) -> int:
    """Pairs of gold actors with different canonical names that share an actor row."""
    holding: dict[str, list[int]] = {}
    for index, actor_rows in enumerate(rows):
        for actor_id in actor_rows:
            holding.setdefault(actor_id, []).append(index)
    pairs = {pair for indices in holding.values() for pair in combinations(indices, 2)}
    return sum(1 for i, j in pairs if fold_name(clusters[i].canonical) != fold_name(clusters[j].canonical))
