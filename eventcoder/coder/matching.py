"""Match a compiled pattern's words against the tokens that follow its head."""

from __future__ import annotations

from ..codebook.entries import Element
from ..model import Token

_ARTICLES = frozenset({"a", "an", "the"})
_HARD_STOPS = frozenset({",", ";", ".", ":", "!", "?", "(", ")", "“", "”", '"'})


def match_elements(
    tokens: tuple[Token, ...],
    start: int,
    stop: int,
    elements: tuple[Element, ...],
    max_gap: int,
    actor_at: list[int],
    adjacent_particle: bool = False,
) -> list[int] | None:
    """Token indexes matching ``elements`` in order from ``start``, or None.

    Up to ``max_gap`` tokens may stand before each element, but no
    punctuation that ends a phrase (``paid a rare visit to``). An element may
    match a word inside an actor phrase (``expel`` + ``ambassador`` in
    "expelled the Russian ambassador"), which then is the pattern's target, or
    the last word of one (``provide`` + ``military`` + ``aid``), which the
    pattern absorbs. An optional element that is missing is skipped.
    ``adjacent_particle``: a particle right after the head must follow it
    directly (``called on Iraq``, not ``called the attack on Syria``).
    ``actor_at`` holds, per token, the last token of the actor covering it,
    or -1.
    """
    found: list[int] = []
    pos = start
    for k, element in enumerate(elements):
        gap = 0 if k == 0 and element.particle and adjacent_particle else max_gap
        hit = _find(tokens, pos, stop, element, gap, actor_at)
        if hit is None:
            if element.optional:
                continue
            return None
        found.append(hit)
        pos = hit + 1
        if actor_at[hit] > hit and element is not elements[-1]:
            return None  # the pattern ran into the middle of an actor phrase
    return found


def _find(
    tokens: tuple[Token, ...], pos: int, stop: int, element: Element, max_gap: int, actor_at: list[int]
) -> int | None:
    gap = 0
    for k in range(pos, stop):
        tok = tokens[k]
        if tok.lower in element.forms:
            return k
        if actor_at[k] >= 0:
            return next((j for j in range(k + 1, actor_at[k] + 1) if tokens[j].lower in element.forms), None)
        if tok.text in _HARD_STOPS:
            return None
        if tok.lower not in _ARTICLES:  # "agreed to an immediate and lasting ceasefire": articles are free
            gap += 1
            if gap > max_gap:
                return None
    return None
