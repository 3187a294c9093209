"""Read a gold annotation file: one JSON object per article, events and actor clusters.

A line holds ``article_id`` (or ``key``), ``events`` and optionally ``actors``::

    {"article_id": "A1",
     "events": [{"source": "FRAGOV", "target": "IRN", "code": "112", "alt_codes": ["111"],
                 "required": true, "symmetric": false, "date": "2024-11-20", "date_precision": "day",
                 "evidence": "France accused Iran", "location": {"name": "Paris", "country": "FRA"},
                 "fatalities": 3}],
     "actors": [{"canonical": "Emmanuel Macron", "code": "FRAGOV", "mentions": ["Macron"]}]}

``source``, ``target`` and ``code`` are required in each event; the other
fields are optional (``required`` and ``symmetric`` default to false). A
location counts only when it names a country. Every problem raises
:class:`~eventcoder.errors.GoldFileError` naming the file and the line, and
so does a file without a single event (most likely the articles file).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import GoldFileError
from .entities import entity_key, root_of

__all__ = ["GoldActor", "GoldArticle", "GoldEvent", "GoldPlace", "read_gold"]


@dataclass(frozen=True, slots=True)
class GoldPlace:
    name: str
    country: str


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One annotated event of an article."""

    source: str
    target: str
    code: str
    alt_codes: tuple[str, ...] = ()
    required: bool = False
    symmetric: bool = False
    date: str | None = None
    date_precision: str | None = None
    evidence: str = ""
    place: GoldPlace | None = None
    fatalities: int | None = None

    @property
    def root(self) -> str:
        return root_of(self.code)

    @property
    def codes(self) -> frozenset[str]:
        """The code and its alternatives."""
        return frozenset((self.code, *self.alt_codes))

    @property
    def roots(self) -> frozenset[str]:
        """The roots a coded event may have to match: those of the code and of its alternatives."""
        return frozenset(root_of(c) for c in self.codes)

    @property
    def entities(self) -> tuple[str | None, str | None]:
        return entity_key(self.source), entity_key(self.target)


@dataclass(frozen=True, slots=True)
class GoldActor:
    """One real actor of an article and the surface forms it appears under."""

    canonical: str
    code: str | None
    mentions: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.canonical, *self.mentions)


@dataclass(frozen=True, slots=True)
class GoldArticle:
    article_id: str
    events: tuple[GoldEvent, ...]
    actors: tuple[GoldActor, ...] = ()


def read_gold(path: str | Path) -> tuple[GoldArticle, ...]:
    """Every article of the gold file at ``path``, in file order."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFileError(f"cannot read gold file {path}: {exc}") from exc
    articles = [_article(line, path, number) for number, line in enumerate(lines, 1) if line.strip()]
    if not any(article.events for article in articles):
        raise GoldFileError(f"gold file {path} holds no gold event (is it the articles file?)")
    return tuple(articles)


class _Line:
    """Where a record comes from, to name it in errors."""

    def __init__(self, path: Path, number: int) -> None:
        self.path, self.number = path, number

    def error(self, message: str) -> GoldFileError:
        return GoldFileError(f"{self.path}:{self.number}: {message}")


def _article(text: str, path: Path, number: int) -> GoldArticle:
    where = _Line(path, number)
    try:
        record = json.loads(text)
    except ValueError as exc:
        raise where.error(f"not JSON: {exc}") from exc
    if not isinstance(record, dict):
        raise where.error("a gold line must be a JSON object")
    article_id = record.get("article_id", record.get("key"))
    if article_id is None or isinstance(article_id, (dict, list)):
        raise where.error("no article_id (or key)")
    events = _list(record, "events", where)
    actors = _list(record, "actors", where)
    return GoldArticle(
        str(article_id),
        tuple(_event(e, where, i) for i, e in enumerate(events)),
        tuple(_actor(a, where, i) for i, a in enumerate(actors)),
    )


def _list(record: Mapping[str, Any], key: str, where: _Line) -> list[Any]:
    value = record.get(key) or []
    if not isinstance(value, list):
        raise where.error(f"{key!r} must be a list")
    return value


def _event(item: Any, where: _Line, index: int) -> GoldEvent:
    what = f"events[{index}]"
    if not isinstance(item, dict):
        raise where.error(f"{what} must be an object")
    codes = {key: _code(item.get(key), where, f"{what}.{key}") for key in ("source", "target", "code")}
    alt_codes = item.get("alt_codes") or []
    if not isinstance(alt_codes, list) or not all(isinstance(c, (str, int)) for c in alt_codes):
        raise where.error(f"{what}.alt_codes must be a list of codes")
    date = item.get("date")
    if date is not None and not isinstance(date, str):
        raise where.error(f"{what}.date must be a YYYY-MM-DD string")
    return GoldEvent(
        source=codes["source"],
        target=codes["target"],
        code=codes["code"],
        alt_codes=tuple(str(c) for c in alt_codes),
        required=bool(item.get("required")),
        symmetric=bool(item.get("symmetric")),
        date=date or None,
        date_precision=item.get("date_precision"),
        evidence=str(item.get("evidence") or ""),
        place=_place(item.get("location"), where, what),
        fatalities=_toll(item.get("fatalities"), where, what),
    )


def _code(value: Any, where: _Line, what: str) -> str:
    if not isinstance(value, (str, int)) or isinstance(value, bool) or str(value) == "":
        raise where.error(f"{what} must be a code (a non-empty string)")
    return str(value)


def _place(value: Any, where: _Line, what: str) -> GoldPlace | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise where.error(f"{what}.location must be an object with name and country")
    if not value.get("country"):
        return None
    return GoldPlace(str(value.get("name") or ""), str(value["country"]))


def _toll(value: Any, where: _Line, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value % 1:
        raise where.error(f"{what}.fatalities must be a whole number")
    return int(value)


def _actor(item: Any, where: _Line, index: int) -> GoldActor:
    what = f"actors[{index}]"
    if not isinstance(item, dict) or not isinstance(item.get("canonical"), str):
        raise where.error(f"{what} must be an object with a canonical name")
    mentions = item.get("mentions") or []
    if not isinstance(mentions, list) or not all(isinstance(m, str) for m in mentions):
        raise where.error(f"{what}.mentions must be a list of strings")
    code = item.get("code")
    return GoldActor(item["canonical"], str(code) if code else None, tuple(mentions))
