"""The compiled codebook: an immutable value every stage is given explicitly."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .entries import EventCode, Pattern, Phrase, Settings


@dataclass(frozen=True)
class PatternIndex:
    """One head's patterns, indexed by the first word each requires after the head.

    A verb only needs the patterns whose first required word occurs in the rest
    of its clause, plus the patterns that require nothing (``attack``); this keeps
    the cost per verb flat however many patterns a head has.
    """

    free: tuple[Pattern, ...]
    anchored: dict[str, tuple[Pattern, ...]]
    rank: dict[int, int]

    @classmethod
    def build(cls, patterns: tuple[Pattern, ...]) -> PatternIndex:
        anchored: dict[str, list[Pattern]] = defaultdict(list)
        free = []
        for pattern in patterns:
            if pattern.required:
                for form in pattern.required[0]:
                    anchored[form].append(pattern)
            else:
                free.append(pattern)
        rank = {id(p): k for k, p in enumerate(patterns)}
        return cls(tuple(free), {k: tuple(v) for k, v in anchored.items()}, rank)

    def candidates(self, words: Iterable[str]) -> list[Pattern]:
        """Patterns that may match given the clause's ``words``, most specific first."""
        found: dict[int, Pattern] = {id(p): p for p in self.free}
        for word in words:
            for pattern in self.anchored.get(word, ()):
                found[id(pattern)] = pattern
        rank = self.rank
        return sorted(found.values(), key=lambda p: rank[id(p)])


@dataclass(frozen=True)
class Codebook:
    """Event taxonomy, patterns and actor phrases, indexed for matching.

    ``verbs`` and ``nouns`` map a folded surface form of a pattern's head to its
    patterns, most specific first; ``phrases`` maps a phrase's first folded
    token to its phrases, longest first.
    """

    name: str
    version: str
    root: Path
    content_hash: str
    codes: dict[str, EventCode]
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]
    phrases: dict[str, tuple[Phrase, ...]]
    settings: Settings
    speech_forms: frozenset[str]
    role_codes: frozenset[str] = frozenset()
    counts: dict[str, int] = field(default_factory=dict)
    verb_index: dict[str, PatternIndex] = field(init=False, repr=False, compare=False)
    noun_index: dict[str, PatternIndex] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # derived from verbs/nouns, so every way of building a codebook gets them
        object.__setattr__(self, "verb_index", {k: PatternIndex.build(v) for k, v in self.verbs.items()})
        object.__setattr__(self, "noun_index", {k: PatternIndex.build(v) for k, v in self.nouns.items()})

    def event(self, code: str) -> EventCode:
        """The taxonomy entry of ``code``; KeyError for an unknown code."""
        return self.codes[code]

    def summary(self) -> str:
        parts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in self.counts.items())
        return f"{self.name} {self.version} ({self.content_hash[:12]}): {parts}"
