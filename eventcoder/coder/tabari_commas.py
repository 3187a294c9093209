"""TABARI's elimination of comma-delimited nonrestrictive clauses (``COMMA:``, manual 7.8 and 8.6).

Before coding, TABARI deletes a phrase between two commas of MIN to MAX
words, a first phrase (sentence start to the first comma) of BMIN to BMAX
words, and a last one (last comma to the end) of EMIN to EMAX words; the
count for each phrase starts at the comma that ended the one before.
Commas inside a compound actor ("Gondor, the Shire, and Osgiliath") are
not counted. The defaults never delete the first phrase (BMIN 128 > BMAX 0).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..codebook.tabari_rules import CommaLimits
from ..model import Sentence, Token

_END = frozenset({".", "!", "?"})


def _words(tokens: Sequence[Token]) -> int:
    return sum(1 for t in tokens if any(c.isalnum() for c in t.text))


def without_clauses(sentence: Sentence, limits: CommaLimits, in_compound: Sequence[bool],
                    verb: Sequence[bool]) -> Sentence:
    """``sentence`` without the comma-delimited phrases ``limits`` delete (the commas go with them);
    ``verb`` marks the verbs: the deletions never take every verb away."""
    tokens = sentence.tokens
    commas = [i for i, t in enumerate(tokens) if t.text == "," and not in_compound[i]]
    if not commas:
        return sentence
    end = len(tokens)
    while end > 0 and tokens[end - 1].text in _END:
        end -= 1
    cut: list[tuple[int, int]] = []  # token spans to drop, inclusive start, exclusive end
    edges = [-1, *commas, end]
    for k in range(len(edges) - 1):
        a, b = edges[k], edges[k + 1]
        n = _words(tokens[a + 1 : b])
        if k == 0:
            low, high = limits.bmin, limits.bmax
        elif k == len(edges) - 2:
            low, high = limits.emin, limits.emax
        else:
            low, high = limits.min, limits.max
        if low <= n <= high:
            cut.append((0, b + 1) if k == 0 else (a, b))
    while cut and not any(verb[i] for i in range(len(tokens)) if not any(a <= i < b for a, b in cut)):
        holding = [c for c in cut if any(verb[c[0] : c[1]])]
        if not holding:
            break
        cut.remove(holding[-1])  # a sentence whose every verb would go keeps the last phrase that has one
    if not cut:
        return sentence
    drop = {i for a, b in cut for i in range(a, b)}
    kept = tuple(t for i, t in enumerate(tokens) if i not in drop)
    return Sentence(sentence.index, sentence.text, sentence.start, sentence.end, kept)


def compound_commas(tokens: Sequence[Token], taken: Sequence[bool]) -> list[bool]:
    """Which commas stand inside a list of actors (``taken``: tokens inside a dictionary phrase)."""
    out = [False] * len(tokens)
    for i, tok in enumerate(tokens):
        if tok.text != ",":
            continue
        k = i + 1
        while k < len(tokens) and tokens[k].lower in ("the", "and", "a", "an"):
            k += 1
        out[i] = i > 0 and taken[i - 1] and k < len(tokens) and taken[k]
    return out
