"""Code a verb as TABARI does, with its patterns' TABARI readings (``Pattern.tabari``).

TABARI tries a verb's patterns longest first (manual 5.7.1). A pattern's
words after the verb (``upper``) are matched forward from the verb, those
before it (``lower``) backward; other words may stand between them unless a
connector says otherwise, and matching stops at a comma or a conjunction
(5.5.3). ``+``/``$``/``%`` take the first actor met where they stand, ``^``
skips one (5.7.3). Sides a pattern does not name come from TABARI's default
search (5.8): the source is the first actor before the verb (in a later
clause: the actor right after its conjunction, else the source so far), the
target the first actor after the verb with another code, else the first
before it; a passive verb (``was ... by``) swaps them. A null-coded match
codes nothing; a ``[###]``/``[+++]`` match sets the sentence aside.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..codebook import Codebook
from ..codebook.entries import Pattern
from ..codebook.petrarch.verbs import lemma_of
from ..codebook.tabari_rules import Mark, TabariElement, TabariPattern
from ..model import ActorMention, Token

if TYPE_CHECKING:
    from .sentence import Attempt, _SentenceCoder

SET_ASIDE = frozenset({"###", "+++"})
_ENDINGS = ("s", "ed", "es", "en", "ing", "d", "'s")
_DETERMINERS = frozenset({"the", "a", "an"})
_AUXILIARIES = frozenset({"was", "were", "been"})


_Entry = tuple[Pattern, frozenset[str], frozenset[str]]  # a pattern, the words after and before its verb


def ordered(codebook: Codebook, verb: str) -> tuple[_Entry, ...]:
    """The verb's patterns longest first (TABARI's length), then in file order, its roots last; those
    of a root written as this inflected form (``LEFT_`` beside ``LEAVE``) before all others. Each with
    the words it needs after and before the verb, for a quick check. Cached per codebook."""
    table: dict[str, tuple[_Entry, ...]] = codebook.derived("tabari_order", lambda _: {})
    found = table.get(verb)
    if found is None:
        patterns = sorted(codebook.verbs.get(verb, ()), key=lambda p: (
            _rank(p), p.tabari is None or p.tabari.root, -(p.tabari.length if p.tabari else 0),
            p.where.file, p.where.line))
        found = table[verb] = tuple((p, _needs(p.tabari.upper if p.tabari else ()),
                                     _needs(p.tabari.lower if p.tabari else ())) for p in patterns)
    return found


def _needs(elements: tuple[TabariElement, ...]) -> frozenset[str]:
    return frozenset(e.word for e in elements if e.mark is Mark.WORD)


def _prefixes(tokens: Sequence[Token], start: int, end: int) -> set[str]:
    """Every beginning of every word in ``tokens[start:end]``: a pattern word must be one of them."""
    return {tok.lower[:k] for tok in tokens[start:end] for k in range(1, len(tok.lower) + 1)}


def _rank(pattern: Pattern) -> int:
    first = pattern.head.text.split("|")[0].split()[0]
    return 0 if lemma_of(first) != first else 1


def word_fits(token: str, element: TabariElement) -> bool:
    """TABARI's word match: the word, a regular ending of it, or (a stem) any word it begins."""
    word = element.word
    if token == word or (element.stem and token.startswith(word)):
        return True
    return token.startswith(word) and token[len(word):] in _ENDINGS


class _Roles:
    __slots__ = ("compound", "source", "target")

    def __init__(self) -> None:
        self.source: list[ActorMention] | None = None
        self.target: list[ActorMention] | None = None
        self.compound: list[ActorMention] | None = None


def _take(roles: _Roles, mark: Mark, group: list[ActorMention]) -> None:
    if mark is Mark.SOURCE:
        roles.source = group
    elif mark is Mark.TARGET:
        roles.target = group
    elif mark is Mark.COMPOUND:
        roles.compound = group


def match_upper(coder: _SentenceCoder, i: int, end: int, reading: TabariPattern, roles: _Roles) -> int | None:
    """The last token the words after the verb matched (``i`` when there are none), or None."""
    tokens, actor_at = coder.tokens, coder.actor_at
    pos, last = i + 1, i
    for k, element in enumerate(reading.upper):
        adjacent = reading.verb_tight if k == 0 else reading.upper[k - 1].tight
        at = pos
        if element.mark is Mark.WORD:
            while at < end and not word_fits(tokens[at].lower, element):
                if adjacent:
                    return None
                at += 1
            if at >= end:
                return None
            pos = last = at
            pos += 1
            continue
        while at < end and actor_at[at] < 0:
            if adjacent and tokens[at].lower not in _DETERMINERS:
                return None
            at += 1
        if at >= end:
            return None
        group = coder.group(coder.actors[actor_at[at]])
        if element.mark is Mark.COMPOUND and len(group) < 2:
            return None
        _take(roles, element.mark, group)
        pos = group[-1].last + 1
        last = group[-1].last
    return last


def match_lower(coder: _SentenceCoder, i: int, start: int, reading: TabariPattern, roles: _Roles) -> bool:
    """Whether the words before the verb match, backward from it, within ``start``."""
    tokens, actor_at = coder.tokens, coder.actor_at
    pos = i - 1
    for element in reversed(reading.lower):
        adjacent = element.tight
        at = pos
        if element.mark is Mark.WORD:
            while at >= start and not word_fits(tokens[at].lower, element):
                if adjacent:
                    return False
                at -= 1
            if at < start:
                return False
            pos = at - 1
            continue
        while at >= start and actor_at[at] < 0:
            if adjacent and tokens[at].lower not in _DETERMINERS:
                return False
            at -= 1
        if at < start:
            return False
        group = coder._group_ending_at(actor_at[at])
        if element.mark is Mark.COMPOUND and len(group) < 2:
            return False
        _take(roles, element.mark, group)
        pos = group[0].first - 1
    return True


def bounds(tokens: Sequence[Token], actor_at: Sequence[int], starts: Sequence[int], i: int) -> tuple[int, int, int]:
    """``(clause start, lower start, upper end)`` of the verb at ``i``: its conjunction-delimited
    clause, and where pattern matching stops (a comma or the clause's edge)."""
    clause_start = max([0, *(s for s in starts if s <= i)])
    clause_end = min([len(tokens), *(s - 1 for s in starts if s > i)])
    lower = clause_start
    for k in range(i - 1, clause_start - 1, -1):
        if tokens[k].text == "," and actor_at[k] < 0:
            lower = k + 1
            break
    upper = clause_end
    for k in range(i + 1, clause_end):
        if tokens[k].text == "," and actor_at[k] < 0:
            upper = k
            break
    return clause_start, lower, upper


def code_verb(coder: _SentenceCoder, i: int, starts: Sequence[int]) -> int:
    """Try the verb at token ``i`` as TABARI would; return the last token its pattern used."""
    tokens = coder.tokens
    clause_start, lower_start, upper_end = bounds(tokens, coder.actor_at, starts, i)
    after = before = None
    for pattern, up, low in ordered(coder.codebook, tokens[i].lower):
        reading = pattern.tabari
        roles = _Roles()
        last = i
        if up:
            after = after if after is not None else _prefixes(tokens, i + 1, upper_end)
            if not up <= after:
                continue
        if low:
            before = before if before is not None else _prefixes(tokens, lower_start, i)
            if not low <= before:
                continue
        if reading is not None:
            found = match_upper(coder, i, upper_end, reading, roles)
            if found is None or not match_lower(coder, i, lower_start, reading, roles):
                continue
            last = found
        if pattern.codes_nothing:
            coder.attempts.append(_attempt(i, pattern, "matches a pattern that codes nothing"))
            return last
        if pattern.code in SET_ASIDE:
            coder.tabari_set_aside = pattern.code
            coder.attempts.append(_attempt(i, pattern, f"a [{pattern.code}] pattern: the sentence is set aside"))
            return last
        sources, targets = default_roles(coder, i, clause_start, starts, roles)
        words = list(range(i + 1, last + 1)) if last > i else []
        coder.emit(pattern, i, words, sources, targets, "tabari")
        return last
    coder.attempts.append(_attempt(i, None, "no pattern of this verb matches"))
    return i


def _attempt(i: int, pattern: Pattern | None, outcome: str) -> Attempt:
    from .sentence import Attempt  # sentence.py imports this module

    return Attempt(i, pattern, outcome)


def _codes(group: list[ActorMention] | None) -> set[str]:
    return {a.code for a in group or ()}


def default_roles(coder: _SentenceCoder, i: int, clause_start: int, starts: Sequence[int],
                  roles: _Roles) -> tuple[list[ActorMention] | None, list[ActorMention] | None]:
    """The pattern's sides, the others filled by TABARI's default search."""
    if roles.compound is not None:
        return roles.compound, roles.compound
    source, target = roles.source, roles.target
    passive = source is None and target is None and _passive(coder, i)
    if source is None:
        source = _default_source(coder, i, clause_start, _codes(target))
    if passive and source is not None:
        by = coder.agent_after(i + 1, len(coder.tokens), window=coder.settings.max_target_distance)
        if by:
            return by, source
    if target is None:
        target = _default_target(coder, i, _codes(source))
    if target is None and source is not None and len(source) > 1:
        target = source
    return source, target


def _passive(coder: _SentenceCoder, i: int) -> bool:
    """TABARI's passive (manual 7.9): WAS, WERE or BEEN one or two words before the verb, BY right after it."""
    toks = coder.tokens
    return (i + 1 < len(toks) and toks[i + 1].lower == "by"
            and any(k >= 0 and toks[k].lower in _AUXILIARIES for k in (i - 1, i - 2)))


def _default_source(coder: _SentenceCoder, i: int, clause_start: int, avoid: set[str]) -> list[ActorMention] | None:
    """The first actor before the verb; in a later clause the actor right after its conjunction,
    else the source the sentence had so far."""
    actors = coder.actors
    if clause_start > 0:
        k = clause_start
        while k < i and coder.actor_at[k] < 0 and coder.tokens[k].lower in _DETERMINERS:
            k += 1
        if k < i and coder.actor_at[k] >= 0:
            return coder.group(actors[coder.actor_at[k]])
        if coder.tabari_source is not None:
            return coder.tabari_source
    for actor in actors:
        if actor.first >= i:
            break
        if actor.code not in avoid:
            group = coder.group(actor)
            coder.tabari_source = coder.tabari_source or group
            return group
    return None


def _default_target(coder: _SentenceCoder, i: int, avoid: set[str]) -> list[ActorMention] | None:
    """The first actor after the verb with a code other than the source's, else the first before it."""
    after = [a for a in coder.actors if a.first > i and a.code not in avoid]
    if after:
        return coder.group(after[0])
    before = [a for a in coder.actors if a.last < i and a.code not in avoid]
    return [before[0]] if before else None
