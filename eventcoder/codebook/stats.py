"""Coverage counts of a codebook, for `eventcoder codebook stats`."""

from __future__ import annotations

from .codebook import Codebook
from .entries import Pattern


def _distinct(index: dict[str, tuple[Pattern, ...]]) -> set[Pattern]:
    return {p for patterns in index.values() for p in patterns if not p.codes_nothing}


def codebook_stats(book: Codebook) -> tuple[dict[str, int], dict[str, tuple[str, int, int]]]:
    """Counts per section, and per root code: (label, verb patterns, noun patterns)."""
    verbs, nouns = _distinct(book.verbs), _distinct(book.nouns)
    roots: dict[str, tuple[str, int, int]] = {}
    for code, info in sorted(book.codes.items()):
        if len(code) == 2:
            roots[code] = (info.label, sum(p.code[:2] == code for p in verbs), sum(p.code[:2] == code for p in nouns))
    return dict(book.counts), roots
