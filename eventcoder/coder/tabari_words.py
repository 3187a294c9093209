"""TABARI's rule for a verb used as a noun (manual, section 7.4).

A word of the verbs dictionary is a noun when a determiner (THE, A, AN)
stands right before it, or when it is capitalised in the middle of a sentence
(not in a record written in capitals only), or when the actors file lists it
under ``<NOUN>``. TABARI has no other noun test: eventcoder's own guesses
(a participle before an actor, a word after a preposition) do not apply to a
TABARI codebook.
"""

from __future__ import annotations

from collections.abc import Sequence

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
