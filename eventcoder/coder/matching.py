"""Match a compiled pattern's words against the tokens that follow its head."""

from __future__ import annotations

from ..codebook.entries import Element
from ..model import Token

_HARD_STOPS = frozenset({",", ";", ".", ":", "!", "?", "(", ")", "“", "”", '"'})


def match_elements(
    tokens: tuple[Token, ...],
    start: int,
    stop: int,
    elements: tuple[Element, ...],
    max_gap: int,
    actor_at: list[int],
) -> list[int] | None:
    """Token indexes matching ``elements`` in order from ``start``, or None.

    Up to ``max_gap`` tokens may stand before each element, but no
    punctuation that ends a phrase (``paid a rare visit to``). An element may
    match a word inside an actor phrase (``expel`` + ``ambassador`` in
    "expelled the Russian ambassador"): then the match stops there, since the
    actor is the pattern's target. An optional element that is missing is
    skipped. ``actor_at`` holds, per token, the last token of the actor
    covering it, or -1.
    """
    found: list[int] = []
    pos = start
    for element in elements:
        hit = _find(tokens, pos, stop, element, max_gap, actor_at)
        if hit is None:
            if element.optional:
                continue
            return None
        found.append(hit)
        pos = hit + 1
        if actor_at[hit] >= 0:
            return found if element is elements[-1] else None
    return found


def _find(
    tokens: tuple[Token, ...], pos: int, stop: int, element: Element, max_gap: int, actor_at: list[int]
) -> int | None:
    for k in range(pos, min(stop, pos + max_gap + 1)):
        tok = tokens[k]
        if tok.lower in element.forms:
            return k
        if actor_at[k] >= 0:
            return next((j for j in range(k + 1, actor_at[k] + 1) if tokens[j].lower in element.forms), None)
        if tok.text in _HARD_STOPS:
            return None
    return None
