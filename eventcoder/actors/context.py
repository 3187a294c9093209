"""Countries for role actors from their context.

News writes "police fired tear gas", "the army said", "protesters gathered"
without a country: the reader takes it from where the event happened, the
dateline, or what the article is about. A role actor (a code of role
segments only, ``COP``) takes its country, in this order, from:

1. the event's own place (a place named in its clause or sentence, else the
   dateline: :func:`eventcoder.enrich.mentions.enrich_mentions` found it);
2. the article's dominant country: the country its actors name more often
   than any other (none on a tie).

An actor so completed is resolved ``how="context"``; its key becomes the
composed code's (``code:KENCOP``), so role actors of different countries
never share an actor row. A bare role code stays only where the article
names no country at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..model import NOBODY, ActorMention, EventMention

CONTEXT = "context"
"""The ``how`` of an actor whose country came from its context."""

# Codes whose first three letters are not a country.
_NOT_COUNTRIES = frozenset({"IGO", "NGO", "NGM", "MNC", "IMG", "UNK", "INT"})


def is_country(code: str | None) -> bool:
    """Whether ``code`` looks like an ISO 3166 alpha-3 country code."""
    return code is not None and len(code) == 3 and code.isalpha() and code.isupper() and code not in _NOT_COUNTRIES


def needs_country(actor: ActorMention) -> bool:
    """A role actor without a country: ``COP``, ``MIL``, ``GOV``."""
    return bool(actor.code) and not actor.country and actor.code == actor.role


def dominant_country(actors: Iterable[ActorMention]) -> str | None:
    """The country the article's actors name more often than any other; None on a tie."""
    counts = Counter(a.country for a in actors if is_country(a.country))
    ranked = counts.most_common(2)
    if not ranked or len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None  # no country, or a tie: the article is not about one country
    return ranked[0][0]


def with_country(actor: ActorMention, country: str) -> ActorMention:
    """``actor`` (a role actor) placed in ``country``."""
    code = country + actor.code
    if not actor.key.startswith("code:"):  # a person known by name and title ("lawmaker X") keeps their key
        return replace(actor, code=code, country=country)
    return replace(actor, code=code, country=country, key=f"code:{code}", how=CONTEXT)


def localise(
    mentions: Sequence[EventMention],
    actors: Sequence[tuple[int, ActorMention]],
    dominant: str | None,
) -> tuple[list[EventMention], list[tuple[int, ActorMention]]]:
    """Give the role actors of ``mentions`` and ``actors`` their country from context.

    An actor in an event takes the event's place country first; the same
    phrase outside events (in ``actors``) takes what its first event gave it,
    else ``dominant``.
    """
    done: dict[int, ActorMention] = {}  # id() of an original actor -> the completed one

    def complete(actor: ActorMention, place: str | None) -> ActorMention:
        if not needs_country(actor):
            return actor
        found = done.get(id(actor))
        if found is None:
            country = place if is_country(place) else dominant
            found = actor if country is None else with_country(actor, country)
            done[id(actor)] = found
        return found

    out = []
    for m in mentions:
        source, target = complete(m.source, m.country_code), complete(m.target, m.country_code)
        if source is not m.source or target is not m.target:
            m = replace(m, source=source, target=target)
        if source.key != target.key:
            out.append(m)
    return out, [(index, complete(actor, None)) for index, actor in actors]


# Sources that are the state themselves: their protests have no home government to address.
_STATE_ROLES = frozenset({None, "GOV", "MIL", "COP", "JUD", "SPY", "LEG"})


def own_country_targets(
    mentions: Sequence[EventMention], codes: frozenset[str], names: dict[str, str],
    government_codes: frozenset[str] = frozenset(),
) -> list[EventMention]:
    """Events of ``codes`` (prefixes) with no target aimed at the source's own country, and those of
    ``government_codes`` at its government.

    "Seoul declared martial law", "the government imposed a curfew": measures a
    state takes at home target its country (``names``: country code -> name).
    "Thousands rallied in the capital": a protest with no target addresses the
    protesters' government.
    """
    out = []
    for m in mentions:
        country = m.source.country
        if m.target is NOBODY and is_country(country):
            assert country is not None
            if any(m.event_code.startswith(c) for c in codes):
                m = replace(m, target=_home(m.source, country, names.get(country, country), ""))
            elif m.source.role not in _STATE_ROLES and any(m.event_code.startswith(c) for c in government_codes):
                m = replace(m, target=_home(m.source, country, f"{names.get(country, country)} government", "GOV"))
        out.append(m)
    return out


def focus_country_targets(
    mentions: Sequence[EventMention], codes: frozenset[str], names: dict[str, str], dominant: str | None
) -> list[EventMention]:
    """Events of ``codes`` (prefixes) with no target aimed at the country the article is about.

    "China said it would send relief supplies": aid told without a recipient goes
    to the event's place country, else the article's ``dominant`` country, never
    to the donor's own; with neither, the event keeps no target.
    """
    out = []
    for m in mentions:
        if m.target is NOBODY and any(m.event_code.startswith(c) for c in codes):
            focus = m.country_code if is_country(m.country_code) else dominant
            if is_country(focus) and focus != m.source.country:
                assert focus is not None
                m = replace(m, target=_home(m.source, focus, names.get(focus, focus), ""))
        out.append(m)
    return out


def _home(source: ActorMention, country: str, name: str, role: str) -> ActorMention:
    """The source's own country (``role`` "") or one of its roles, found from context."""
    code = f"{country}{role}"
    return ActorMention(source.first, source.last, source.char_start, source.char_end, name, code, name,
                        f"code:{code}", CONTEXT, country=country, role=role or None)
