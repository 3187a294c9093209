"""The ``places`` section: extra places for the gazetteer, parsed and validated.

A ``places*.yaml`` file holds ``places:``, a list of mappings (or the list
itself). Each place has a ``name`` and optionally ``names``/``variants``
(other spellings), ``country`` (ISO3; ``country_code`` is read the same),
``latitude`` and ``longitude`` (both or neither), ``admin1``, ``precision``
(1 town, 2 region, 3 country), ``population`` and ``id``. How the gazetteer
uses them: :meth:`eventcoder.enrich.geo.Gazetteer.build`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from .yamlio import line_of

if TYPE_CHECKING:
    from .codebook import Codebook

__all__ = ["ExtraPlace", "codebook_places", "parse_places"]

_KEYS = frozenset({"name", "names", "variants", "country", "country_code", "latitude", "longitude", "admin1",
                   "precision", "population", "id"})
_ISO3 = re.compile(r"[A-Z]{3}")
_PRECISIONS = (1, 2, 3)


@dataclass(frozen=True, slots=True)
class ExtraPlace:
    """One place a codebook adds to the gazetteer (or another name of a country, with no coordinates)."""

    name: str
    names: tuple[str, ...] = ()
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    admin1: str | None = None
    precision: int | None = None
    population: int = 0
    id: str | None = None


def parse_places(docs: Iterable[tuple[str, Any]], problems: list[Problem]) -> tuple[ExtraPlace, ...]:
    """Every valid place of the ``places*.yaml`` documents ``(file, doc)``; each bad one is a problem."""
    places: list[ExtraPlace] = []
    for file, doc in docs:
        items = doc.get("places") if isinstance(doc, Mapping) else doc
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(Problem(file, line_of(items, line_of(doc)), "places must be a list of mappings"))
            continue
        for item in items:
            place = _place(file, item, problems)
            if place is not None:
                places.append(place)
    return tuple(places)


def _place(file: str, item: Any, problems: list[Problem]) -> ExtraPlace | None:
    found: list[str] = []
    if not isinstance(item, Mapping):
        problems.append(Problem(file, line_of(item), f"each place must be a mapping with a `name`, got {item!r}"))
        return None
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        found.append("a place needs a `name`")
    found += [f"unknown place field {k!r}; expected one of {sorted(_KEYS)}" for k in item if k not in _KEYS]
    names = _texts(item.get("names"), "names", found) + _texts(item.get("variants"), "variants", found)
    country = item.get("country", item.get("country_code"))
    if country is not None and not (isinstance(country, str) and _ISO3.fullmatch(country)):
        found.append(f"country {country!r} must be an ISO 3166 alpha-3 code")
    lat, lon = _number(item, "latitude", 90, found), _number(item, "longitude", 180, found)
    if (item.get("latitude") is None) != (item.get("longitude") is None):
        found.append("give both latitude and longitude, or neither")
    precision = item.get("precision")
    if precision is not None and (isinstance(precision, bool) or precision not in _PRECISIONS):
        found.append(f"precision must be 1 (town), 2 (region) or 3 (country), got {precision!r}")
    population = item.get("population") or 0
    if isinstance(population, bool) or not isinstance(population, int) or population < 0:
        found.append(f"population must be a whole number, got {population!r}")
    for key in ("admin1", "id"):
        if item.get(key) is not None and not isinstance(item.get(key), str):
            found.append(f"{key} must be text, got {item.get(key)!r}")
    label = f"place {name!r}: " if isinstance(name, str) else ""
    problems += [Problem(file, line_of(item), label + message) for message in found]
    if found:
        return None
    assert isinstance(name, str)
    return ExtraPlace(str(name), names, country and str(country), lat, lon,
                      str(item["admin1"]) if item.get("admin1") else None,
                      int(precision) if precision else None, int(population),
                      str(item["id"]) if item.get("id") else None)


def _texts(value: Any, key: str, found: list[str]) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [] if value is None else [value]
    if not all(isinstance(v, str) for v in items):
        found.append(f"{key} must be a name or a list of names")
        return ()
    return tuple(str(v) for v in items)


def _number(item: Mapping[str, Any], key: str, limit: float, found: list[str]) -> float | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not -limit <= value <= limit:
        found.append(f"{key} must be a number from {-limit:g} to {limit:g}, got {value!r}")
        return None
    return float(value)


def codebook_places(codebook: Codebook) -> tuple[ExtraPlace, ...]:
    """The extra places a codebook gives the gazetteer.

    Its ``places`` section, then every name of its countries (``U.S.``,
    ``America``), which have no coordinates and so resolve as their country.
    """
    places = list(codebook.places)
    seen: set[tuple[str, str]] = set()
    for group in codebook.phrases.values():
        for phrase in group:
            entry = phrase.entry
            if entry.kind != "country" or not str(entry.key).startswith("country:") or not entry.country:
                continue
            if (entry.name, entry.country) not in seen:
                seen.add((entry.name, entry.country))
                places.append(ExtraPlace(entry.name, country=entry.country))
    return tuple(places)
