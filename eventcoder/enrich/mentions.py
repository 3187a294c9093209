"""Give each coded event mention its place and its death toll.

The coder finds who did what to whom; this step adds where and how many
died, once per article, because both need the whole article: ambiguous
place names (``Tripoli``) are resolved by the countries of all its actors,
and a sentence without a place falls back to the article's dateline.

- Place: the one :meth:`Gazetteer.locate` finds for the event's clause (the
  clauses its source, verb and target span), else, for a material event
  (QuadClass 2 or 4) or a protest, the place of the last earlier sentence that names one
  (``In Resende, gunmen clashed with police. One officer was shot.``), else
  the dateline's place.
  Each sentence is read once, however many events it holds.
- Fatalities: :func:`fatalities` of the sentence, for material-conflict
  events only (QuadClass 4): ``France condemned the attack that killed 12``
  reports deaths, but the condemnation did not cause them.
"""

from __future__ import annotations

import dataclasses
import operator
from bisect import bisect_left
from collections.abc import Iterable, Sequence

from ..codebook import Codebook
from ..codebook.entries import MATERIAL_CONFLICT
from ..model import Article, EventMention, Sentence
from .fatalities import fatalities
from .geo import Gazetteer, Place

__all__ = ["MATERIAL_CONFLICT", "article_countries", "carry_tolls", "enrich_mentions"]

_MATERIAL = frozenset({2, 4})
_PROTEST = "14"
"""Material events (QuadClass 2 and 4) and protests take the place of an earlier sentence; statements do not."""


def article_countries(countries: Iterable[str | None]) -> frozenset[str]:
    """The ISO3 codes an article is about: the countries of its actors."""
    return frozenset(c for c in countries if c and len(c) == 3 and c.isalpha() and c.isupper())


def enrich_mentions(
    article: Article,
    sentences: Sequence[tuple[Sentence, Sequence[tuple[int, int]], Sequence[EventMention]]],
    hint: frozenset[str],
    codebook: Codebook,
    gazetteer: Gazetteer,
) -> list[EventMention]:
    """The mentions of ``sentences`` with place and fatalities fields set.

    Each item is a sentence, its clauses as token ranges ``[start, end)``,
    and the events coded in it; ``hint`` holds the article's countries.
    """
    dateline: Place | None = None
    dateline_done = False
    earlier: Place | None = None  # the place of the last sentence that named one
    out: list[EventMention] = []
    for sentence, clauses, events in sentences:
        if not events:
            continue
        starts = [t.start for t in sentence.tokens]
        found = gazetteer.places_in(sentence.tokens, hint)
        here = gazetteer.pick(found, (0, len(sentence.tokens)))
        places: dict[tuple[int, int], Place | None] = {}
        killed: int | None = None
        killed_done = False
        for mention in events:
            span = _clause_span(starts, clauses, mention.char_start, mention.char_end)
            if span not in places:
                places[span] = gazetteer.pick(found, span)
            info = codebook.codes.get(mention.event_code)
            place = places[span]
            physical = info is not None and (info.quad_class in _MATERIAL or mention.event_code.startswith(_PROTEST))
            if place is None and physical:
                place = earlier  # a clash happens where the article placed it; a statement anywhere
            if place is None and article.dateline:
                if not dateline_done:
                    dateline, dateline_done = gazetteer.from_dateline(article.dateline, hint), True
                place = dateline
            toll = None
            if info is not None and info.quad_class == MATERIAL_CONFLICT:
                if not killed_done:
                    killed, killed_done = fatalities(sentence.text), True
                toll = killed
            if place is None and toll is None:
                out.append(mention)
                continue
            out.append(_with(mention, place, toll))
        earlier = here or earlier
    return out


_FIELDS = tuple(f.name for f in dataclasses.fields(EventMention))
_VALUES = operator.attrgetter(*_FIELDS)  # every field of a mention at once, in order
_POSITION = {name: k for k, name in enumerate(_FIELDS)}


def _with(mention: EventMention, place: Place | None, toll: int | None) -> EventMention:
    """``mention`` with its place and toll: ``dataclasses.replace``, positionally (faster, same result)."""
    values = list(_VALUES(mention))
    values[_POSITION["fatalities"]] = toll
    if place is not None:
        for name, value in (
            ("location_name", place.name),
            ("country_code", place.country_code),
            ("latitude", place.latitude),
            ("longitude", place.longitude),
            ("admin1", place.admin1),
            ("geo_precision", place.geo_precision),
            ("geo_feature_id", place.feature_id),
        ):
            values[_POSITION[name]] = value
    return EventMention(*values)


def _clause_span(
    starts: list[int], clauses: Sequence[tuple[int, int]], char_start: int, char_end: int
) -> tuple[int, int]:
    """The token range of the clauses the characters ``[char_start, char_end)`` touch."""
    first = bisect_left(starts, char_start)
    last = max(first, bisect_left(starts, char_end) - 1)
    lo, hi = first, last + 1
    for start, end in clauses:
        if start <= last and end > first:
            lo, hi = min(lo, start), max(hi, end)
    return lo, hi


def carry_tolls(
    mentions: Sequence[EventMention], sentences: Iterable[Sentence], codebook: Codebook
) -> list[EventMention]:
    """``mentions`` with the tolls told in sentences of their own ("Two suspects were killed.", "1 fatality.").

    Such a sentence codes no material-conflict event; its toll belongs to the
    article's latest earlier sentence with material-conflict events that carry
    none. ``sentences``: the article's sentences, in order.
    """
    material: dict[int, list[EventMention]] = {}
    for m in mentions:
        info = codebook.codes.get(m.event_code)
        if info is not None and info.quad_class == MATERIAL_CONFLICT:
            material.setdefault(m.sentence_index, []).append(m)
    if not material:
        return list(mentions)
    given: dict[int, int] = {}  # sentence index of the events -> the toll told later
    for sentence in sentences:
        if sentence.index in material:
            continue
        earlier = [k for k in material if k < sentence.index]
        if not earlier:
            continue
        toll = fatalities(sentence.text)
        target = max(earlier)
        if toll is not None and all(m.fatalities is None for m in material[target]):
            given[target] = max(toll, given.get(target, 0))
    if not given:
        return list(mentions)
    takers = {id(m) for k in given for m in material[k]}
    return [_with(m, None, given[m.sentence_index]) if id(m) in takers else m for m in mentions]
