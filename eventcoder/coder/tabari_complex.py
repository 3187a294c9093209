"""TABARI's complexity filter (``COMPLEX:`` in the options, manual section 8.7).

A sentence meeting any condition of the filter is set aside: it codes
nothing. eventcoder applies the conditions that need only the words and
actors: ``VERBS[n]`` and ``CONJ[n]`` (n or more verbs or conjunctions; a
verb TABARI reads as a noun, or one whose root is null-coded, does not count), ``ACTORS[n]``, ``NOVERB``,
``NOACTPRIOR`` (no coded actor before the first verb) and ``NOACTAFTER``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..codebook import Codebook
from ..model import ActorMention, Token
from .tabari_codeby import CONJUNCTIONS
from .tabari_words import is_all_caps, noun_reason


def complex_reason(text: str, tokens: Sequence[Token], actors: Sequence[ActorMention], actor_at: Sequence[int],
                   codebook: Codebook) -> str | None:
    """Why TABARI's ``COMPLEX:`` conditions set this sentence aside, or None."""
    rules = codebook.settings.tabari
    if rules is None or not rules.complex:
        return None
    caps = is_all_caps(text)
    verbs = [i for i, t in enumerate(tokens) if actor_at[i] < 0 and t.lower in codebook.verbs
             and noun_reason(tokens, i, rules, caps) is None and _counts(codebook, tokens, i)]
    coded = [a for a in actors if a.code and a.code != "---"]
    conjunctions = sum(1 for i, t in enumerate(tokens) if actor_at[i] < 0 and t.lower in CONJUNCTIONS)
    for name, n in rules.complex:
        if name == "VERBS" and 0 < n <= len(verbs):
            return f"complex: {len(verbs)} verbs (VERBS[{n}])"
        if name == "CONJ" and 0 < n <= conjunctions:
            return f"complex: {conjunctions} conjunctions (CONJ[{n}])"
        if name == "ACTORS" and 0 < n <= len(coded):
            return f"complex: {len(coded)} actors (ACTORS[{n}])"
        if name == "NOVERB" and not verbs:
            return "complex: no verb (NOVERB)"
        if name == "NOACTPRIOR" and verbs and not any(a.first < verbs[0] for a in coded):
            return "complex: no actor before the first verb (NOACTPRIOR)"
        if name == "NOACTAFTER" and verbs and not any(a.first > verbs[0] for a in coded):
            return "complex: no actor after the first verb (NOACTAFTER)"
    return None


def _counts(codebook: Codebook, tokens: Sequence[Token], i: int) -> bool:
    """Whether the verb-dictionary word at ``i`` counts as a verb: a root of it that is not null-coded
    and whose other words (``HAVE NOTHING TO DO WITH``) follow it; a word that is only its patterns'
    verb counts too."""
    patterns = codebook.verbs.get(tokens[i].lower, ())
    roots = [p.tabari for p in patterns if p.tabari is not None and p.tabari.root]
    if not roots:
        return True
    codes = {p.tabari: p.code for p in patterns if p.tabari is not None and p.tabari.root}
    end = min(len(tokens), i + 8)
    for root in roots:
        words = [e.word for e in root.upper]
        k, found = i + 1, True
        for word in words:
            while k < end and tokens[k].lower != word:
                k += 1
            if k >= end:
                found = False
                break
            k += 1
        if found and (words or codes[root] != "---"):
            return True
    return False
