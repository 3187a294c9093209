"""TABARI's rule for a verb used as a noun (manual, section 7.4).

A word of the verbs dictionary is a noun when a determiner (THE, A, AN)
stands right before it, or when it is capitalised in the middle of a sentence
(not in a record written in capitals only), or when the actors file lists it
under ``<NOUN>``. TABARI has no other noun test: eventcoder's own guesses
(a participle before an actor, a word after a preposition) do not apply to a
TABARI codebook.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..codebook.tabari_rules import TabariRules
from ..model import Token

DETERMINERS = frozenset({"the", "a", "an"})


def noun_reason(tokens: Sequence[Token], i: int, rules: TabariRules, all_caps: bool) -> str | None:
    """Why the verb-dictionary word at ``i`` is a noun by TABARI's rules, or None when it is a verb."""
    tok = tokens[i]
    if tok.lower in rules.nouns:
        return "a noun (TABARI <NOUN> list)"
    if i > 0 and tokens[i - 1].lower in DETERMINERS:
        return f"a noun: after {tokens[i - 1].lower!r}"
    if i > 0 and not all_caps and tok.text[:1].isupper() and tokens[i - 1].text not in _OPENERS:
        return "a noun: capitalised in the middle of the sentence"
    return None


_OPENERS = frozenset({'"', "“", "(", "'", "‘"})


def is_all_caps(text: str) -> bool:
    """Whether a record is written in capitals only (TABARI then skips the capitalisation rule)."""
    return not any(c.islower() for c in text)


_ENDINGS = ("s", "ed", "es", "en", "ing", "d")


def stem_forms(tokens: Sequence[Token], skip: Sequence[bool], verbs: Mapping[str, object],
               rules: TabariRules) -> tuple[Token, ...] | None:
    """``tokens`` with each word a TABARI verb stem begins (``actualityss``, ``departen``) read as the
    verb it stands for (its ``lower`` replaced); None when no word changes. The longest stem wins; a
    whole-word root (``ACT_``) takes only the regular endings S, ED, ES, EN, ING."""
    if not rules.verb_stems:
        return None
    out = list(tokens)
    changed = False
    for i, tok in enumerate(tokens):
        low = tok.lower
        if skip[i] or low in verbs or not low.isalpha():
            continue
        fits = [(stem, key) for stem, exact, key in rules.stems_by_start.get(low[:3], ())
                if low.startswith(stem) and (not exact or low[len(stem):] in _ENDINGS)]
        best = max(fits, key=lambda f: len(f[0]), default=None)
        if best is not None and best[1] in verbs:
            out[i] = Token(tok.text, best[1], tok.start, tok.end)
            changed = True
    return tuple(out) if changed else None
