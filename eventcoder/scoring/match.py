"""Score a coded dataset against gold events, article by article.

The method is that of ``../shared/dev/score.py``, so both give the same figures:

- a prediction (see :mod:`.predictions`) *matches* a gold event of the same
  article when its root is the root of the gold code or of one of its
  ``alt_codes`` and its (source entity, target entity) equals the gold
  event's, or the reverse for a ``symmetric`` gold event. Matching is not
  one-to-one: one prediction may match several gold events;
- recall: the share of *required* gold events matched by some prediction;
- precision: the share of predictions of gold articles that match some gold
  event, required or optional (predictions of articles absent from the gold
  are counted apart, not scored);
- strict recall: the share of required events matched by a prediction whose
  source and target codes equal the gold ones and whose code is the gold code
  or one of its alternatives;
- over matched required events that carry them: date accuracy (the gold date
  is among the dates of the matching mentions), place country and place name
  accuracy (folded names), fatality accuracy (the gold toll is among the
  mentions' tolls). The mentions compared are all those of the article with
  the key of a matching prediction.

Per CAMEO root, recall counts the required gold events of the gold code's
root, and precision the predictions of that predicted root.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..storage import open_dataset, url_of
from .actors import ActorScore, score_actors
from .entities import fold_name
from .gold import GoldEvent, read_gold
from .predictions import Prediction, Predictions, read_predictions

__all__ = ["EventOutcome", "PredictionOutcome", "RootScore", "Score", "evaluate_dataset", "matches"]


@dataclass(frozen=True, slots=True)
class EventOutcome:
    """A required gold event and what the dataset made of it; a check is None when it does not apply."""

    article_id: str
    event: GoldEvent
    hits: tuple[Prediction, ...]
    strict: bool = False
    date_ok: bool | None = None
    country_ok: bool | None = None
    place_name_ok: bool | None = None
    fatalities_ok: bool | None = None

    @property
    def found(self) -> bool:
        return bool(self.hits)


@dataclass(frozen=True, slots=True)
class PredictionOutcome:
    prediction: Prediction
    correct: bool


@dataclass(frozen=True, slots=True)
class RootScore:
    root: str
    required: int
    found: int
    predicted: int
    correct: int

    @property
    def recall(self) -> float | None:
        return _share(self.found, self.required)

    @property
    def precision(self) -> float | None:
        return _share(self.correct, self.predicted)

    @property
    def f1(self) -> float | None:
        """None for a root no gold event requires; 0.0 for a required root never predicted."""
        return _f1(self.precision or 0.0, self.recall or 0.0) if self.required else None


@dataclass(frozen=True)
class Score:
    """Every figure of one evaluation, and the outcomes they are counted from."""

    gold_file: Path
    dataset: Path
    articles: int
    events: tuple[EventOutcome, ...]
    predictions: tuple[PredictionOutcome, ...]
    unknown_articles: int
    actors: ActorScore | None

    @property
    def required(self) -> int:
        return len(self.events)

    @property
    def found(self) -> int:
        return sum(1 for e in self.events if e.found)

    @property
    def correct(self) -> int:
        return sum(1 for p in self.predictions if p.correct)

    @property
    def precision(self) -> float:
        return _share(self.correct, len(self.predictions)) or 0.0

    @property
    def recall(self) -> float:
        return _share(self.found, self.required) or 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def strict_recall(self) -> float:
        return _share(sum(1 for e in self.events if e.strict), self.required) or 0.0

    @property
    def date_accuracy(self) -> float | None:
        return self._accuracy(lambda e: e.date_ok)

    @property
    def place_country_accuracy(self) -> float | None:
        return self._accuracy(lambda e: e.country_ok)

    @property
    def place_name_accuracy(self) -> float | None:
        return self._accuracy(lambda e: e.place_name_ok)

    @property
    def fatalities_accuracy(self) -> float | None:
        return self._accuracy(lambda e: e.fatalities_ok)

    @property
    def misses(self) -> tuple[EventOutcome, ...]:
        return tuple(e for e in self.events if not e.found)

    @property
    def false_positives(self) -> tuple[Prediction, ...]:
        return tuple(p.prediction for p in self.predictions if not p.correct)

    def per_root(self) -> tuple[RootScore, ...]:
        """Recall and precision per CAMEO root, for every root that is required or predicted."""
        roots = {e.event.root for e in self.events} | {p.prediction.key.root for p in self.predictions}
        return tuple(
            RootScore(
                root,
                required=sum(1 for e in self.events if e.event.root == root),
                found=sum(1 for e in self.events if e.event.root == root and e.found),
                predicted=sum(1 for p in self.predictions if p.prediction.key.root == root),
                correct=sum(1 for p in self.predictions if p.prediction.key.root == root and p.correct),
            )
            for root in sorted(roots)
        )

    def _accuracy(self, check: Callable[[EventOutcome], bool | None]) -> float | None:
        checked = [ok for ok in map(check, self.events) if ok is not None]
        return _share(sum(checked), len(checked))


def evaluate_dataset(gold_file: str | Path, dataset_dir: str | Path) -> Score:
    """Score the dataset at ``dataset_dir`` against the gold file (see the module docstring).

    Raises GoldFileError for a missing or malformed gold file and DatasetError
    when ``dataset_dir`` is not an eventcoder dataset.
    """
    gold = read_gold(gold_file)
    with open_dataset(dataset_dir, "evaluate") as local:
        predictions = read_predictions(local)
        actors = score_actors(gold, local)
    events: list[EventOutcome] = []
    outcomes: list[PredictionOutcome] = []
    for article in gold:
        found = predictions.of(article.article_id)
        events.extend(_outcome(article.article_id, e, found, predictions) for e in article.events if e.required)
        outcomes.extend(PredictionOutcome(p, any(matches(p, e) for e in article.events)) for p in found)
    known = {article.article_id for article in gold}
    return Score(
        gold_file=Path(gold_file),
        dataset=Path(str(url_of(dataset_dir))),
        articles=len(gold),
        events=tuple(events),
        predictions=tuple(outcomes),
        unknown_articles=len(set(predictions.by_article) - known),
        actors=actors,
    )


def matches(prediction: Prediction, event: GoldEvent) -> bool:
    """Whether ``prediction`` codes ``event``: same root (or an alternative's) and same entities."""
    key = prediction.key
    if key.root not in event.roots:
        return False
    source, target = event.entities
    forward = key.source == source and key.target == target
    return forward or (event.symmetric and key.source == target and key.target == source)


def _outcome(article_id: str, event: GoldEvent, found: Iterable[Prediction], predictions: Predictions) -> EventOutcome:
    hits = tuple(p for p in found if matches(p, event))
    if not hits:
        return EventOutcome(article_id, event, hits)
    seen = predictions.about(article_id, (p.key for p in hits))
    place = event.place
    return EventOutcome(
        article_id,
        event,
        hits,
        strict=any(p.code in event.codes and (p.source, p.target) == (event.source, event.target) for p in hits),
        date_ok=event.date in seen.dates if event.date else None,
        country_ok=any(country == place.country for _, country in seen.places) if place else None,
        place_name_ok=any(name and name == fold_name(place.name) for name, _ in seen.places) if place else None,
        fatalities_ok=event.fatalities in seen.tolls if event.fatalities is not None else None,
    )


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
