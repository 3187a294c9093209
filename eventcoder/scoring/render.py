"""A :class:`~.match.Score` as text for people and as a JSON-ready dict for machines.

The dict's headline keys (``f1``, ``precision``, ``recall``, ``strict_recall``,
``date_accuracy``, ``place_country_accuracy``, ``place_name_accuracy``,
``fatalities_accuracy``, ``per_root_recall``, ``actors``) have the names and
the rounding (three decimals) of ``../shared/dev/score.py``.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .match import EventOutcome, RootScore, Score
from .predictions import Prediction

__all__ = ["render_score", "score_to_dict"]

_DIGITS = 3


def score_to_dict(score: Score, *, show: int = 40) -> dict[str, Any]:
    """Every figure, the per-root table, and the first ``show`` misses and false positives."""
    return {
        "gold": str(score.gold_file),
        "dataset": str(score.dataset),
        "articles": score.articles,
        "required": score.required,
        "found": score.found,
        "predicted": len(score.predictions),
        "correct": score.correct,
        "precision": _round(score.precision),
        "recall": _round(score.recall),
        "f1": _round(score.f1),
        "strict_recall": _round(score.strict_recall),
        "date_accuracy": _round(score.date_accuracy),
        "place_country_accuracy": _round(score.place_country_accuracy),
        "place_name_accuracy": _round(score.place_name_accuracy),
        "fatalities_accuracy": _round(score.fatalities_accuracy),
        "per_root": {r.root: _root_dict(r) for r in score.per_root()},
        "per_root_recall": {r.root: f"{r.found}/{r.required}" for r in score.per_root() if r.required},
        "misses": [_miss_dict(e) for e in score.misses[:show]],
        "false_positives": [_false_dict(p) for p in score.false_positives[:show]],
        "predictions_for_unknown_articles": score.unknown_articles,
        "actors": None if score.actors is None else asdict(score.actors),
    }


def render_score(score: Score, *, show: int = 40) -> str:
    """The figures, a per-root table, and the first ``show`` misses and false positives with their sentences."""
    lines = [
        f"{score.articles} gold articles ({score.gold_file}) against {score.dataset}",
        f"required events {score.required}, found {score.found}; predictions {len(score.predictions)}, "
        f"correct {score.correct}, false positives {len(score.predictions) - score.correct}",
        f"f1 {_fmt(score.f1)}  precision {_fmt(score.precision)}  recall {_fmt(score.recall)}  "
        f"strict recall {_fmt(score.strict_recall)}",
        "over found events that state them: "
        f"date {_fmt(score.date_accuracy)}  place country {_fmt(score.place_country_accuracy)}  "
        f"place name {_fmt(score.place_name_accuracy)}  fatalities {_fmt(score.fatalities_accuracy)}",
        _actors_line(score),
    ]
    if score.unknown_articles:
        lines.append(f"{score.unknown_articles} article(s) with predictions are not in the gold file (not scored)")
    lines += [
        "",
        "per CAMEO root",
        f"  {'root':<6}{'required':>9}{'found':>7}{'recall':>8}"
        f"{'predicted':>11}{'correct':>9}{'precision':>11}{'f1':>7}",
    ]
    lines += [_root_line(r) for r in score.per_root()]
    misses, extras = score.misses, score.false_positives
    lines += ["", f"misses: {len(misses)} required event(s) no prediction matched{_first(show, len(misses))}"]
    lines += [_miss_line(e) for e in misses[:show]]
    lines += ["", f"false positives: {len(extras)} prediction(s) matching no gold event{_first(show, len(extras))}"]
    lines += [_false_line(p) for p in extras[:show]]
    return "\n".join(lines)


def _actors_line(score: Score) -> str:
    a = score.actors
    if a is None:
        return "actors: n/a (no gold actors, or no actors/ table with variants)"
    return (
        f"actors: {a.gold_actors} gold clusters, {a.found} found, {a.kept_whole} kept whole, "
        f"{a.split} split, {a.wrongly_merged_pairs} wrongly merged pair(s)"
    )


def _root_line(r: RootScore) -> str:
    return (
        f"  {r.root:<6}{r.required:>9}{r.found:>7}{_fmt(r.recall):>8}{r.predicted:>11}{r.correct:>9}"
        f"{_fmt(r.precision):>11}{_fmt(r.f1):>7}"
    )


def _miss_line(e: EventOutcome) -> str:
    ev = e.event
    return f"  {e.article_id}  {ev.source} -> {ev.target}  {ev.code}  «{_clip(ev.evidence)}»"


def _false_line(p: Prediction) -> str:
    return f"  {p.article_id}  {p.source} -> {p.target}  {p.code}  «{_clip(p.sentence)}»"


def _miss_dict(e: EventOutcome) -> dict[str, Any]:
    ev = e.event
    return {
        "article_id": e.article_id,
        "source": ev.source,
        "target": ev.target,
        "code": ev.code,
        "alt_codes": list(ev.alt_codes),
        "evidence": ev.evidence,
    }


def _false_dict(p: Prediction) -> dict[str, Any]:
    return {"article_id": p.article_id, "source": p.source, "target": p.target, "code": p.code, "sentence": p.sentence}


def _root_dict(r: RootScore) -> dict[str, Any]:
    return {
        "required": r.required,
        "found": r.found,
        "recall": _round(r.recall),
        "predicted": r.predicted,
        "correct": r.correct,
        "precision": _round(r.precision),
        "f1": _round(r.f1),
    }


def _first(show: int, total: int) -> str:
    return f" (first {show})" if total > show else ""


def _clip(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, _DIGITS)
