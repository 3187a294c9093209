"""Qualifiers after a place name: ``Kanker Khera (Mawana, Meerut district, UP)``, ``Sholgara district, Balkh``.

Conflict notes and wire copy name a small place, then the district, region
or country it lies in, in parentheses or after commas. :func:`read` parses
those qualifiers from the tokens after a name and resolves them through a
``resolve`` callable (the gazetteer's), so that:

- a known name is resolved in the qualifiers' country (``Tripoli
  (Lebanon)``) and takes their first-level region when it has none;
- an unknown name (a village: the gazetteer holds towns of 15,000 people or
  more) becomes a place of the qualifiers' region and country, at
  precision 2, with the point of the most specific qualifier that has one.

Parenthesised parts may be towns, regions or countries; after commas only
regions and countries count, and not in a list (``in Mumbai, Delhi and
Pune`` names three towns). Upper-case abbreviations (``UP``) are the ISO
3166-2 codes of the qualifiers' country.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = ["Qualifiers", "name_run", "read"]

TOWN_KIND = 1
QUALIFIER_NOUNS = frozenset(
    """district districts village villages town city area province region state county governorate oblast
    municipality department division upazila tehsil zone commune locality neighbourhood neighborhood hill
    camp sub-district subdistrict subdivision sector axis road market prefecture raion rayon sadar""".split()
)
_CONNECTORS = frozenset("al el de del da do dos das e i y la le les di du van von der den of ez ad as ar".split())
_LIST_WORDS = frozenset({"and", "or", "&"})
_MAX_PARTS = 4
_MAX_NAME = 5


class PlaceEntry(Protocol):
    """What this module reads of a gazetteer entry."""

    @property
    def country(self) -> str | None: ...
    @property
    def admin1(self) -> str | None: ...
    @property
    def latitude(self) -> float | None: ...
    @property
    def kind(self) -> int: ...


Resolver = Callable[[str, frozenset[str]], "PlaceEntry | None"]
"""(folded name or ``=CODE`` for an abbreviation, countries to prefer) -> the entry it names."""


@dataclass(frozen=True, slots=True)
class Qualifiers:
    """What the qualifiers of a name say: its country, region and the nearest located place."""

    country: str
    admin1: str | None
    point: PlaceEntry | None
    end: int


def name_run(words: Sequence[str], lows: Sequence[str], k: int) -> int | None:
    """The end of the capitalised name starting at ``k`` (``Kanker Khera``, ``Dara-e-Pech``), or None."""
    if k >= len(words) or not words[k][:1].isupper():
        return None
    j = k
    while j < len(words) and j - k < _MAX_NAME:
        capital = words[j][:1].isupper() and words[j][:1].isalpha()
        if not capital and not (lows[j] in _CONNECTORS and j + 1 < len(words) and words[j + 1][:1].isupper()):
            break
        j += 1
    return j


def read(
    words: Sequence[str],
    lows: Sequence[str],
    end: int,
    hint: frozenset[str],
    resolve: Resolver,
    key: Callable[[str], str],
) -> Qualifiers | None:
    """The qualifiers after a name ending at token ``end``, or None when none resolves."""
    parts: list[tuple[str, bool]] = []  # (text, in parentheses)
    j = end
    for _ in range(2):
        if j < len(words) and lows[j] in QUALIFIER_NOUNS:
            j += 1
        if j < len(words) and words[j] == "(":
            close = _closing(words, j)
            if close is None:
                break
            parts += [(p, True) for p in _split(words, lows, j + 1, close)]
            j = close + 1
        elif j + 1 < len(words) and words[j] == "," and words[j + 1][:1].isupper():
            chain, after = _comma_chain(words, lows, j)
            if after < len(words) and lows[after] in _LIST_WORDS:
                break
            parts += [(p, False) for p in chain]
            j = after
        else:
            break
    if not parts:
        return None
    return _resolve_parts(parts, j, hint, resolve, key)


def _closing(words: Sequence[str], j: int) -> int | None:
    for k in range(j + 1, min(len(words), j + 16)):
        if words[k] == ")":
            return k
        if words[k] == "(":
            return None
    return None


def _split(words: Sequence[str], lows: Sequence[str], lo: int, hi: int) -> list[str]:
    """The comma-separated names of ``words[lo:hi]``, without their generic nouns (``Meerut district``)."""
    out: list[str] = []
    current: list[str] = []
    for k in range(lo, hi + 1):
        if k == hi or words[k] in (",", ";"):
            while current and current[-1].lower() in QUALIFIER_NOUNS:
                current.pop()
            if current:
                out.append(" ".join(current))
            current = []
        elif lows[k] not in ("the", "a"):
            current.append(words[k])
    return out[:_MAX_PARTS]


def _comma_chain(words: Sequence[str], lows: Sequence[str], j: int) -> tuple[list[str], int]:
    """The names after ``, Name``: up to two, each capitalised; and where they end."""
    chain: list[str] = []
    while len(chain) < 2 and j + 1 < len(words) and words[j] == "," and words[j + 1][:1].isupper():
        stop = name_run(words, lows, j + 1)
        if stop is None:
            break
        chain.append(" ".join(words[j + 1 : stop]))
        j = stop
        if j < len(words) and lows[j] in QUALIFIER_NOUNS:
            j += 1
    return chain, j


def _resolve_parts(
    parts: list[tuple[str, bool]], end: int, hint: frozenset[str], resolve: Resolver, key: Callable[[str], str]
) -> Qualifiers | None:
    def lookup(text: str, countries: frozenset[str]) -> PlaceEntry | None:
        code = text.isalpha() and text.isupper() and 2 <= len(text) <= 3
        if code and not countries:
            return None
        return resolve("=" + text if code else key(text), countries)

    country: str | None = None
    for text, _ in reversed(parts):
        anchor = lookup(text, hint)
        if anchor is not None and anchor.country:
            country = anchor.country
            break
    if country is None:
        return None
    found: list[tuple[PlaceEntry, bool]] = []
    for text, paren in parts:
        entry = lookup(text, frozenset({country}))
        if entry is not None and entry.country == country:
            found.append((entry, paren))
    if any(e.kind == TOWN_KIND and not paren for e, paren in found):
        return None  # ", Kharkiv" after a town is a list of towns, not a qualifier
    admin1 = next((e.admin1 for e, _ in reversed(found) if e.admin1), None)
    point = next((e for e, _ in found if e.latitude is not None), None)
    return Qualifiers(country, admin1, point, end)
