"""TABARI actor phrases whose words need not stand together (``ITHILEN TELEVISION``).

In TABARI's dictionaries an underscore joins words that must be consecutive
(``AL_GORE``) and a blank lets other words stand between them
(``PRINCE DOL_AMROTH`` matches "Prince of Dol_Amroth", ``ITHILEN TELEVISION``
"Ithilen state-run television"). The TABARI reader keeps such names out of
the ordinary phrase index and lists them in ``TabariRules.gapped``; this module
matches them and lets a match replace the shorter pieces it covers. Between
two segments at most :data:`MAX_SKIP` words may stand, none of them a comma,
a conjunction or another dictionary phrase's start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..actors.match import Piece
from ..codebook.tabari_rules import GappedName, TabariRules
from ..model import ActorMention, Token

MAX_SKIP = 3
_STOPS = frozenset({",", ";", ":", ".", "and", "but", "or", "nor", '"', "(", ")"})


def _segment_at(tokens: Sequence[Token], k: int, words: tuple[str, ...]) -> bool:
    return k + len(words) <= len(tokens) and all(tokens[k + j].lower == w for j, w in enumerate(words))


def _match(tokens: Sequence[Token], i: int, name: GappedName) -> int | None:
    """The last token of ``name`` matched from token ``i``, or None."""
    first = name.segments[0]
    if not _segment_at(tokens, i, first):
        return None
    k = i + len(first)
    for segment in name.segments[1:]:
        skipped = 0
        while k < len(tokens) and not _segment_at(tokens, k, segment):
            if tokens[k].lower in _STOPS or (skipped >= MAX_SKIP and tokens[k].text != "-"):
                return None
            skipped += tokens[k].text != "-"
            k += 1
        if k >= len(tokens):
            return None
        k += len(segment)
    return k - 1


def with_gapped(tokens: Sequence[Token], pieces: list[Piece], rules: TabariRules) -> list[Piece]:
    """``pieces`` with the gapped names found: a match wins over pieces it covers that have fewer words."""
    if not rules.gapped:
        return pieces
    found: list[tuple[int, int, int, GappedName]] = []
    for i, tok in enumerate(tokens):
        for name in rules.gapped_by_first.get(tok.lower, ()):
            last = _match(tokens, i, name)
            if last is not None:
                found.append((-name.words, i, last, name))
    for minus_words, i, last, name in sorted(found, key=lambda f: (f[0], f[1])):
        covered = [p for p in pieces if p.first <= last and p.last >= i]
        if any(p.first < i or p.last > last or p.last - p.first + 1 >= -minus_words for p in covered):
            continue
        pieces = sorted([*(p for p in pieces if p not in covered), Piece(i, last, name.entry)],
                        key=lambda p: p.first)
    return pieces


def tabari_actors(actors: list[ActorMention], rules: TabariRules) -> list[ActorMention]:
    """The actors TABARI sees: coded ones; an agent alone only under ``SET: CONVERT AGENTS``
    (a null-coded actor is a noun, an unknown name nothing)."""
    return [a for a in actors if a.code and not a.code.startswith("---") and (
        rules.convert_agents or not (a.role and not a.country and a.code == a.role))]


_FIRST_IN_SENTENCE = frozenset({"he", "she", "it", "him", "they", "them", "their"})
_FIRST_BEFORE = frozenset({"its", "his", "her"})


def with_pronouns(tokens: Sequence[Token], actors: list[ActorMention]) -> list[ActorMention]:
    """TABARI's pronoun rules (manual 7.7): HE, SHE, IT (and HIM, THEY, THEM, THEIR) stand for the
    sentence's first actor, ITS, HIS, HER for the first actor before them. A pronoun before any
    actor stands for none."""
    if not actors:
        return actors
    taken = {i for a in actors for i in range(a.first, a.last + 1)}
    out = list(actors)
    for i, tok in enumerate(tokens):
        if i in taken or i <= actors[0].last:
            continue
        if tok.lower in _FIRST_IN_SENTENCE or tok.lower in _FIRST_BEFORE:
            ref = actors[0]
            out.append(replace(ref, first=i, last=i, char_start=tok.start, char_end=tok.end, text=tok.text,
                               how="coreference"))
    return sorted(out, key=lambda a: a.first)
