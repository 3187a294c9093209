"""Score a coded dataset against a gold annotation file (``eventcoder evaluate``).

- :mod:`.gold` reads the gold file; :mod:`.predictions` reads the dataset's
  coded events; :mod:`.entities` holds what both are compared on;
- :mod:`.match` matches them and counts (:func:`evaluate_dataset`);
  :mod:`.actors` scores the actor clusters;
- :mod:`.render` turns a :class:`Score` into text or a JSON-ready dict.

The method is that of ``../shared/dev/score.py``: on the same files both give
the same headline figures.
"""

from .actors import ActorScore
from .gold import GoldActor, GoldArticle, GoldEvent, GoldPlace, read_gold
from .match import EventOutcome, PredictionOutcome, RootScore, Score, evaluate_dataset
from .predictions import Prediction
from .render import render_score, score_to_dict

__all__ = [
    "ActorScore",
    "EventOutcome",
    "GoldActor",
    "GoldArticle",
    "GoldEvent",
    "GoldPlace",
    "Prediction",
    "PredictionOutcome",
    "RootScore",
    "Score",
    "evaluate_dataset",
    "read_gold",
    "render_score",
    "score_to_dict",
]
