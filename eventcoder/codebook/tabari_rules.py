"""TABARI's coding rules that change how a sentence codes, as one value.

Only the TABARI reader sets :class:`TabariRules` (``Settings.tabari``); other
codebooks leave it ``None`` and code as before. The rules come from the
``.options`` file and the suite's ``OPTION:`` records (TABARI manual, ch. 7-8).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .entries import ActorEntry


class CodeBy(Enum):
    """TABARI's ``SET: CODE BY ...``: which verbs of a sentence code."""

    CLAUSE = "clause"  # the first event of each conjunction-delimited clause
    SENTENCE = "sentence"  # the first event of the sentence
    ALL = "all"  # every event


@dataclass(frozen=True, slots=True)
class CommaLimits:
    """TABARI's ``COMMA:`` limits: how many words a deleted comma-delimited phrase has, in the
    middle, at the end (``e``) and at the start (``b``) of a sentence (manual 8.6; these are its defaults)."""

    min: int = 2
    max: int = 10
    emin: int = 2
    emax: int = 10
    bmin: int = 128
    bmax: int = 0


@dataclass(frozen=True, slots=True)
class GappedName:
    """An actor name written with blanks: its consecutive segments (``PRINCE DOL_AMROTH``:
    ``(("prince",), ("dol", "amroth"))``), other words may stand between them."""

    segments: tuple[tuple[str, ...], ...]
    entry: ActorEntry

    @property
    def words(self) -> int:
        return sum(len(s) for s in self.segments)


@dataclass(frozen=True, slots=True)
class TabariRules:
    """The TABARI semantics the coder applies on top of its patterns."""

    code_by: CodeBy = CodeBy.CLAUSE
    nouns: frozenset[str] = frozenset()  # folded words of the actors files' <NOUN> lists
    adjectives: frozenset[str] = frozenset()  # and of their <ADJECTIVE> lists
    complex: tuple[tuple[str, int], ...] = ()  # COMPLEX: VERBS[5] NOACTPRIOR -> ("VERBS", 5), ("NOACTPRIOR", 0)
    gapped: tuple[GappedName, ...] = ()
    convert_agents: bool = False  # SET: CONVERT AGENTS: an agent with no actor is an actor itself
    comma: CommaLimits | None = CommaLimits()  # None: COMMA: OFF
    # stems of the verb roots and forms: (stem, whole word only, the verb-index form it stands for)
    verb_stems: tuple[tuple[str, bool, str], ...] = ()
    gapped_by_first: dict[str, tuple[GappedName, ...]] = field(init=False, hash=False, compare=False)
    stems_by_start: dict[str, tuple[tuple[str, bool, str], ...]] = field(init=False, hash=False, compare=False)

    def __post_init__(self) -> None:
        by_first: dict[str, list[GappedName]] = {}
        for name in self.gapped:
            by_first.setdefault(name.segments[0][0], []).append(name)
        object.__setattr__(self, "gapped_by_first", {k: tuple(v) for k, v in by_first.items()})
        by_start: dict[str, list[tuple[str, bool, str]]] = {}
        for stem in self.verb_stems:
            by_start.setdefault(stem[0][:3], []).append(stem)
        object.__setattr__(self, "stems_by_start", {k: tuple(v) for k, v in by_start.items()})


class Mark(Enum):
    """What one element of a TABARI pattern stands for."""

    WORD = "word"
    TARGET = "+"
    SOURCE = "$"
    COMPOUND = "%"
    SKIP = "^"


@dataclass(frozen=True, slots=True)
class TabariElement:
    """One element of a TABARI pattern: a word (``stem``: it may begin a longer word, as TABARI's
    stems do) or an actor mark; ``tight``: the next element (or the verb) must follow at once."""

    mark: Mark
    word: str = ""
    stem: bool = True
    tight: bool = False


@dataclass(frozen=True, slots=True)
class TabariPattern:
    """A TABARI verb pattern as TABARI matches it: the elements before the verb (``lower``, in text
    order), after it (``upper``), whether the first upper element must follow the verb at once, and
    TABARI's length (letters and digits: longer patterns are tried first)."""

    lower: tuple[TabariElement, ...] = ()
    upper: tuple[TabariElement, ...] = ()
    verb_tight: bool = False
    length: int = 0
    root: bool = False  # the root alone: tried after every pattern of its verb
