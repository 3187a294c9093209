"""The compiled codebook: an immutable value every stage is given explicitly."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .acled import AcledMapping
from .entries import EventCode, Pattern, Phrase, Settings
from .names import NamesSection
from .places import ExtraPlace

T = TypeVar("T")
_DERIVED = "_derived"  # Codebook.derived's store in the instance dict


def _anchor(pattern: Pattern) -> frozenset[str]:
    """The forms of the pattern's rarest-looking required word: a content word beats a particle."""
    particles = {e.forms for e in (*pattern.before_target, *pattern.between_words, *pattern.after_target)
                 if e.particle}
    content = [forms for forms in pattern.required if forms not in particles]
    return content[0] if content else pattern.required[0]


@dataclass(frozen=True)
class PatternIndex:
    """One head's patterns, indexed by the first word each requires after the head.

    A verb only needs the patterns whose first required word occurs in the rest
    of its clause, plus the patterns that require nothing (``attack``); this keeps
    the cost per verb flat however many patterns a head has.
    """

    free: tuple[tuple[int, Pattern], ...]
    anchored: dict[str, tuple[tuple[int, Pattern], ...]]

    @classmethod
    def build(cls, patterns: tuple[Pattern, ...]) -> PatternIndex:
        """Index ``patterns`` (most specific first); each keeps its rank in that order."""
        anchored: dict[str, list[tuple[int, Pattern]]] = defaultdict(list)
        free = []
        for rank, pattern in enumerate(patterns):
            item = (rank, pattern)  # one tuple shared by every anchor form keeps the index (and its pickle) small
            if pattern.required:
                for form in _anchor(pattern):
                    anchored[form].append(item)
            else:
                free.append(item)
        return cls(tuple(free), {k: tuple(v) for k, v in anchored.items()})

    def candidates(self, words: Iterable[str]) -> list[Pattern]:
        """Patterns that may match given the clause's ``words``, most specific first."""
        anchored = self.anchored
        hits = anchored.keys() & words
        if not hits:
            return [pattern for _, pattern in self.free]  # already in rank order
        found: dict[int, Pattern] = dict(self.free)
        for word in hits:
            found.update(anchored[word])
        return [found[rank] for rank in sorted(found)]


class PhraseNode:
    """A node of the phrase trie: the phrases that end here, and the words that go on."""

    __slots__ = ("children", "ends")

    def __init__(self) -> None:
        self.children: dict[str, PhraseNode] = {}
        self.ends: list[Phrase] = []


def _indexes(by_form: dict[str, tuple[Pattern, ...]]) -> dict[str, PatternIndex]:
    """One PatternIndex per distinct pattern list: the forms of one verb share theirs."""
    built: dict[tuple[int, ...], PatternIndex] = {}
    out: dict[str, PatternIndex] = {}
    for form, patterns in by_form.items():
        key = tuple(map(id, patterns))
        if key not in built:
            built[key] = PatternIndex.build(patterns)
        out[form] = built[key]
    return out


def build_trie(phrases: dict[str, tuple[Phrase, ...]]) -> dict[str, PhraseNode]:
    """A token trie over every phrase, so the longest match costs one lookup per word."""
    root: dict[str, PhraseNode] = {}
    for group in phrases.values():
        for phrase in group:
            path = [t.lower() for t in phrase.tokens]
            node = root.setdefault(path[0], PhraseNode())
            for word in path[1:]:
                node = node.children.setdefault(word, PhraseNode())
            node.ends.append(phrase)
    return root


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
    acled: AcledMapping | None = None  # acled.yaml, the CAMEO -> ACLED mapping; None when the codebook has none
    names: NamesSection = field(default_factory=NamesSection)  # names.yaml: name folding and fuzzy matching
    places: tuple[ExtraPlace, ...] = ()  # places*.yaml: extra gazetteer places
    verb_index: dict[str, PatternIndex] = field(init=False, repr=False, compare=False)
    noun_index: dict[str, PatternIndex] = field(init=False, repr=False, compare=False)
    phrase_trie: dict[str, PhraseNode] = field(init=False, repr=False, compare=False)
    heads: frozenset[str] = field(init=False, repr=False, compare=False)  # every verb or noun head form

    def __post_init__(self) -> None:
        # derived from verbs/nouns, so every way of building a codebook gets them
        object.__setattr__(self, "verb_index", _indexes(self.verbs))
        object.__setattr__(self, "noun_index", _indexes(self.nouns))
        object.__setattr__(self, "phrase_trie", build_trie(self.phrases))
        object.__setattr__(self, "heads", frozenset(self.verbs) | frozenset(self.nouns))

    def derived(self, name: str, build: Callable[[Codebook], T]) -> T:
        """What ``build`` makes from this codebook (the name index, the gazetteer), made once and kept.

        Kept with the codebook, not in module globals, and never pickled: a
        worker process or a cache entry rebuilds it on first use.
        """
        store: dict[str, Any] = self.__dict__.setdefault(_DERIVED, {})
        if name not in store:
            store[name] = build(self)
        return store[name]  # type: ignore[no-any-return]

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != _DERIVED}

    def event(self, code: str) -> EventCode:
        """The taxonomy entry of ``code``; KeyError for an unknown code."""
        return self.codes[code]

    def summary(self) -> str:
        parts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in self.counts.items())
        return f"{self.name} {self.version} ({self.content_hash[:12]}): {parts}"
