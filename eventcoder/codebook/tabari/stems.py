"""TABARI stems (``CONTRIBUT``, ``RESTOR``) as the English verbs they complete to.

In TABARI a word without a trailing ``_`` is a stem: it matches every text
word that starts with it. eventcoder matches whole inflected forms, so a
stem that is not itself a word is completed to the verb lemmas lemminflect
knows that start with it (``CONTRIBUT`` -> contribute, ``CRITICI`` ->
criticise, criticize). A root that is a verb already (``SIGN``) keeps only
its own forms: TABARI would also match ``signal``, which is rarely meant.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache

MAX_COMPLETIONS = 6
"""A stem completing to more verbs than this matches only itself."""


@cache
def _verb_lemmas() -> tuple[frozenset[str], tuple[str, ...]]:
    """Every verb lemma lemminflect knows (folded), as a set and sorted."""
    from lemminflect.core.Inflections import Inflections  # only a cold compile needs it

    table = Inflections()
    table.getAllInflections("be")  # loads its table
    lemmas = {k.lower() for k, tags in table.infl_dict.items() if any(t.startswith("VB") for t in tags)}
    return frozenset(lemmas), tuple(sorted(lemmas))


@cache
def _known_forms() -> frozenset[str]:
    """Every inflected verb form of the known lemmas (so ``LEFT`` is not a stem)."""
    from lemminflect.core.Inflections import Inflections

    table = Inflections()
    table.getAllInflections("be")
    forms: set[str] = set()
    for tags in table.infl_dict.values():
        for tag, values in tags.items():
            if tag.startswith("VB"):
                forms.update(v.lower() for v in values)
    return frozenset(forms)


def complete_verb(stem: str) -> tuple[tuple[str, ...], bool]:
    """``(verbs, too_wide)`` a TABARI verb stem stands for (folded).

    A known verb or verb form stands for itself; an unknown stem for the
    lemmas starting with it, when there are at most MAX_COMPLETIONS of them;
    else (or when none does) for itself, with ``too_wide`` set when there
    were too many.
    """
    word = stem.lower()
    lemmas, ordered = _verb_lemmas()
    if word in lemmas or word in _known_forms() or len(word) < 3:
        return (word,), False
    found = []
    for w in ordered[bisect_left(ordered, word):]:
        if not w.startswith(word):
            break
        found.append(w)
    if not found:
        return (word,), False
    if len(found) > MAX_COMPLETIONS:
        return (word,), True
    return tuple(found), False
