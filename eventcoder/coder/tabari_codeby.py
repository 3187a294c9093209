"""TABARI's ``SET: CODE BY ...``: which of a sentence's events TABARI keeps.

TABARI codes the first event it recognises in each clause (``CODE BY
CLAUSE``, its default), in the sentence (``CODE BY SENTENCE``), or every event
(``CODE ALL``). Its clauses are delimited by the conjunctions AND, BUT, OR and
NOR, except where one joins a compound actor ("Gondor and Osgiliath") or the
words a pattern matched ("shot and killed"). "First" is the verb standing
leftmost; its events (one per member of a compound actor) are kept together.
The rule applies only to codebooks whose ``Settings.tabari`` is set.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..codebook.tabari_rules import CodeBy, TabariRules
from ..model import EventMention, Token

CONJUNCTIONS = frozenset({"and", "but", "or", "nor"})
_BEFORE_ACTOR = frozenset({"the", "a", "an", ","})


def clause_starts(tokens: Sequence[Token], actor_at: Sequence[int], used: Sequence[tuple[int, int]]) -> list[int]:
    """The first token of each TABARI clause after the first: the token after a delimiting conjunction.

    ``used`` are the token spans patterns matched (a conjunction inside one joins a compound verb).
    """
    starts: list[int] = []
    for i, tok in enumerate(tokens):
        if tok.lower not in CONJUNCTIONS or actor_at[i] >= 0 or any(a < i < b for a, b in used):
            continue
        if _joins_actors(tokens, actor_at, i):
            continue
        starts.append(i + 1)
    return starts


def _joins_actors(tokens: Sequence[Token], actor_at: Sequence[int], i: int) -> bool:
    """Whether the conjunction at ``i`` stands between two actors (articles and commas aside)."""
    k = i - 1
    while k >= 0 and tokens[k].text == ",":
        k -= 1
    if k < 0 or actor_at[k] < 0:
        return False
    k = i + 1
    while k < len(tokens) and actor_at[k] < 0 and tokens[k].lower in _BEFORE_ACTOR:
        k += 1
    return k < len(tokens) and actor_at[k] >= 0


def keep_first(events: Sequence[EventMention], heads: Sequence[int], starts: Sequence[int],
               mode: CodeBy) -> list[EventMention]:
    """The events ``mode`` keeps: those of the leftmost coding verb of each clause (or of the sentence)."""
    if mode is CodeBy.ALL or not events:
        return list(events)
    first: dict[int, int] = {}  # clause number -> leftmost head that coded in it
    for head in heads:
        clause = 0 if mode is CodeBy.SENTENCE else sum(1 for s in starts if s <= head)
        if clause not in first or head < first[clause]:
            first[clause] = head
    keep = set(first.values())
    return [e for e, head in zip(events, heads, strict=True) if head in keep]


def code_by(events: list[EventMention], head_of: dict[int, tuple[int, int]], tokens: Sequence[Token],
            actor_at: Sequence[int], rules: TabariRules) -> list[EventMention]:
    """``events`` as TABARI's ``CODE BY`` keeps them; ``head_of`` maps ``id(event)`` to its verb's span."""
    if rules.code_by is CodeBy.ALL or len(events) < 2:
        return events
    spans = [head_of[id(e)] for e in events]
    starts = clause_starts(tokens, actor_at, spans)
    return keep_first(events, [a for a, _ in spans], starts, rules.code_by)
