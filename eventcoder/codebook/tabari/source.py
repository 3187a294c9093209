"""Read TABARI dictionary files as numbered lines, and name what cannot be expressed.

TABARI's comment syntax differs from PETRARCH's: ``;`` starts a trailing
comment, a line starting with ``/`` or ``#`` is a comment, and ``~~FINISH``
ends the dictionary (what follows it is not read). ``[###]`` and ``[+++]``
are codes, so ``#`` never starts a trailing comment. Sections
(``<SYNSETS>...</SYNSETS>``, ``<TIME>``, ``<NOUN>``, ``<ADJECTIVE>``) are
reported with each line so the readers can route them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from ..petrarch.source import Line, strip_comment

_SECTION_TAGS = ("SYNSETS", "SYNSET", "TIME", "NOUN", "NOUNS", "ADJECTIVE", "ADJECTIVES", "ADJ", "ATTRIBUTION")


class Unsupported(StrEnum):
    """Why a TABARI line (or part of one) is not in the eventcoder codebook.

    The values are the reasons ``codebook check`` prints, grouped.
    """

    TARGET_BEFORE_VERB = "target before the verb (+ *) with a target after it, two targets or a compound source"
    SOURCE_AFTER_VERB = "source after the verb (* $) not at the pattern's end, or with a target or source beside"
    ACTOR_MARK_BEFORE = "an actor mark ($ or %) after other words before the verb is not supported"
    TWO_TARGETS = "two targets (+ or %) in one pattern"
    NO_STAR = "pattern needs exactly one * for the verb"
    NO_CODE = "line without a [code]"
    BAD_CODE = "code is not an event code"
    PATTERN_BEFORE_VERB = "pattern before any verb"
    FORMS_BEFORE_VERB = "verb forms {...} before any verb"
    UNDEFINED_SYNSET = "undefined synset"
    BAD_SYNSET_MEMBER = "synset member that refers to itself or to an undefined synset"
    TOO_MANY_VARIANTS = "synsets and alternatives expand to too many patterns"
    PATTERN_SPECIAL_CODE = "a pattern's discard [###] or complex [+++] code: eventcoder codes the match as null"
    DATED_SPECIAL_CODE = "a dated discard [###] or complex [+++] actor code: eventcoder discards have no dates"
    TIME_SHIFT = "time shift: eventcoder's date enrichment dates events itself (read, not applied)"
    TIME_PATTERN = "time-shift pattern: eventcoder's date enrichment dates events itself (read, not applied)"
    SUBORDINATE_CODE = "subordinate code (?): the verb alone codes nothing (read as reported speech), its patterns code"
    EXACT_FORM = "= (no regular endings): eventcoder generates every inflection"
    STEM_TOO_WIDE = "stem completes to too many verbs; only the stem itself is matched"
    NOUN_ADJECTIVE = "adjective: eventcoder keeps the list but its coder does not use it"
    UNKNOWN_SECTION = "unknown <SECTION>; its lines are not read"
    UNKNOWN_OPTION = "option eventcoder does not read"
    OPTION_NOT_APPLIED = "option read but not applied: eventcoder's coder has no counterpart"
    BAD_LINE = "line eventcoder cannot read"


@dataclass(frozen=True, slots=True)
class SectionLine:
    """A meaningful line and the ``<SECTION>`` it stands in (``""`` outside any)."""

    line: Line
    section: str


def read_tabari_lines(path: Path) -> Iterator[SectionLine]:
    """The meaningful lines of ``path``, numbered from 1, with their section.

    Section tags themselves are not yielded; an unknown tag is yielded as a
    line of section ``"?"`` so the caller can report it.
    """
    name = path.name
    section = ""
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, start=1):
            raw = raw.rstrip("\r\n")
            stripped = raw.strip()
            if stripped.startswith("~~FINISH") or stripped.upper().startswith("~FINISH"):
                return
            if not stripped or stripped.startswith(("/", "#")):
                continue
            upper = stripped.upper()
            if upper.startswith("<") and upper.endswith(">") and " " not in upper:
                tag = upper.strip("</>")
                if tag in _SECTION_TAGS:
                    section = "" if upper.startswith("</") else _canonical(tag)
                    continue
                yield SectionLine(Line(name, number, stripped, raw), "?")
                continue
            text = strip_comment(raw, ";").rstrip()
            if text.strip():
                yield SectionLine(Line(name, number, text, raw), section)


def _canonical(tag: str) -> str:
    return {"SYNSET": "SYNSETS", "NOUNS": "NOUN", "ADJECTIVES": "ADJECTIVE", "ADJ": "ADJECTIVE"}.get(tag, tag)
