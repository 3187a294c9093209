"""Reading one sentence's locative phrases: the places named after ``in``, ``near``, ``southwest of``...

:class:`Finder` walks the tokens once and yields a :class:`Candidate` per place
phrase; :meth:`eventcoder.enrich.geo.Gazetteer.pick` chooses one per clause.
The grammar is described in :mod:`eventcoder.enrich.geo`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventcoder.enrich import qualifiers as _qualifiers
from eventcoder.enrich.placeindex import (
    COUNTRY,
    REGION,
    STOP_NAMES,
    TOWN,
    Entry,
    Place,
    countries_as_entries,
    entry_score,
    place_key,
    place_of,
)
from eventcoder.model import Token

if TYPE_CHECKING:
    from eventcoder.enrich.geo import Gazetteer

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


_CUE_WORDS = _DIRECTIONS | _DISTANCES | _NEAR | _AT | _WEAK | {"close"}  # every word Finder.cue reads


_TOWN_NOUNS = frozenset(
    "city town village capital port hamlet settlement camp neighbourhood "
    "neighborhood suburb municipality township".split()
)


_REGION_NOUNS = frozenset(
    "province region governorate oblast state county district area "
    "territory enclave strip countryside prefecture department valley "
    "border borderlands".split()
)


# Places inside a town or country that the name owns: "at Manila's airport" happened in Manila.
_FACILITY_NOUNS = frozenset(
    "airport airports prison prisons jail jails harbour harbor port ports hospital hospitals "
    "university stadium square market markets station stations base bases embassy consulate "
    "outskirts suburbs neighbourhood neighborhood district districts streets street "
    "centre center parliament palace cathedral mosque church courthouse".split()
)
_ADMIN_NOUNS = frozenset("province region governorate oblast state prefecture department strip".split())


_DETERMINERS = frozenset({"the", "a", "an"})


_MODIFIER_SUFFIXES = ("-held", "-run", "-controlled", "-occupied", "-backed", "-led", "-annexed",
                      "-administered", "-besieged")  # fmt: skip


_CONNECTORS = frozenset(
    "al el de del da do dos das ez es as ad ar an at az ash bin ibn of on upon la "
    "le les di du van von der den y sur am im bei".split()
)




@dataclass(frozen=True, slots=True)
class Candidate:
    index: int
    weak: bool
    place: Place


class Finder:
    """Walks one sentence's tokens and collects the places after locative cues."""

    def __init__(self, gazetteer: Gazetteer, tokens: list[Token], hint: frozenset[str]) -> None:
        self.g = gazetteer
        self.words = [t.text for t in tokens]
        self.lows = [t.lower for t in tokens]
        self.hint = hint
        self.n = len(tokens)
        self.admin_nouns = [i for i, low in enumerate(self.lows) if low in _ADMIN_NOUNS]

    def run(self) -> list[Candidate]:
        found: list[Candidate] = []
        lows, regions = self.lows, bool(self.admin_nouns)
        i = 0
        while i < self.n:
            cue = self.cue(i) if lows[i] in _CUE_WORDS else None
            if cue is None:
                region = self.named_region(i) if regions else None
                if region is not None:
                    entry, end = region
                    found.append(Candidate(i, False, place_of(entry, max(entry.kind, REGION))))
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
            found.append(Candidate(i, weak, place[0]))
            i = max(place[1], i + 1)
        return found

    def qualifiers(self, end: int) -> _qualifiers.Qualifiers | None:
        return _qualifiers.read(self.words, self.lows, end, self.hint, self.g.qualifier, place_key)

    def qualified(self, hit: tuple[Entry, int, int]) -> tuple[Place, int]:
        """The place of a known name, read with its qualifiers (see :mod:`.qualifiers`)."""
        entry, precision, end = hit
        q = self.qualifiers(end) if entry.kind != COUNTRY else None
        if q is None:
            return place_of(entry, precision), end
        if entry.country != q.country or (q.admin1 and entry.admin1 not in (None, q.admin1)):
            same = [
                e for e in self.g.entries(place_key(entry.name))
                if e.country == q.country and not e.generic and (not q.admin1 or e.admin1 in (None, q.admin1))
            ]  # fmt: skip
            if not same:
                return qualified_place(entry.name, q), q.end
            entry = max(same, key=lambda e: entry_score(e, self.hint))
            precision = max(precision, entry.kind)
        if entry.admin1 is None and q.admin1:
            entry = entry._replace(admin1=q.admin1)
        return place_of(entry, precision), q.end

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
        if stop is None or stop == k or self.lows[k] in STOP_NAMES:
            return None
        q = self.qualifiers(stop)
        if q is None:
            return None
        return qualified_place(" ".join(self.words[k:stop]), q), q.end

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

    def phrase(self, k: int, near: bool) -> tuple[Entry, int, int] | None:
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

    def owns_facility(self, k: int) -> bool:
        """Whether a facility noun stands at ``k``, after at most two lower-case modifiers."""
        for j in range(k, min(self.n, k + 3)):
            if self.lows[j] in _FACILITY_NOUNS:
                return True
            if not (self.words[j].isalpha() and self.words[j].islower()):
                return False
        return False

    def named_region(self, k: int) -> tuple[Entry, int] | None:
        """A name followed by ``province``/``region``/``oblast`` anywhere: ``hit the Kharkiv region``."""
        if not self.is_name_start(k):
            return None
        reach = k + self.g.max_tokens
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

    def match(self, k: int) -> tuple[Entry, int] | None:
        """The longest known name starting at ``k``: (entry, index after it)."""
        if k >= self.n or not self.is_name_start(k):
            return None
        parts: list[str] = []
        best: tuple[Entry, int] | None = None
        for j in range(k, min(self.n, k + self.g.max_tokens)):
            word = self.words[j]
            if word == ".":
                continue
            capital = word[:1].isupper()
            if not capital and self.lows[j] not in _CONNECTORS:
                break
            parts.append(self.lows[j])
            if not capital:
                continue
            key = place_key(" ".join(parts))
            if len(parts) == 1 and key in STOP_NAMES:
                break
            entry = self.g.resolve(key, self.hint | self.country_after(j + 1))
            if entry is not None:
                best = (entry, j + 1)
        return best

    def country_after(self, j: int) -> frozenset[str]:
        """The country of ``, Ukraine`` right after a name, as a hint."""
        if j + 1 < self.n and self.words[j] == "," and self.is_name_start(j + 1):
            for width in range(min(3, self.n - j - 1), 0, -1):
                key = place_key(" ".join(self.lows[j + 1 : j + 1 + width]))
                entry = self.g.resolve(key, frozenset())
                if entry is not None and entry.kind == COUNTRY and entry.country:
                    return frozenset({entry.country})
        return frozenset()

    def refine(self, entry: Entry, end: int, regional: bool) -> tuple[Entry, int, bool] | None:
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
            if self.owns_facility(end + 1):  # "at Manila's international airport"
                return entry, end + 1, regional
            return None
        if end < self.n and self.lows[end] in _REGION_NOUNS:
            if entry.kind == TOWN and self.lows[end] in _ADMIN_NOUNS:
                region = self.g.region_of(entry)
                if region is not None:
                    return region, end + 1, True
            return entry, end + 1, True
        return entry, end, regional


def qualified_place(name: str, q: _qualifiers.Qualifiers) -> Place:
    """A place the gazetteer does not hold, in the region and country its qualifiers name."""
    point = q.point if isinstance(q.point, Entry) else None
    if point is None:
        point = countries_as_entries().get(q.country)
    lat = point.latitude if point else None
    lon = point.longitude if point else None
    return Place(name, q.country, q.admin1, lat, lon, REGION, None)
