"""The ``names.yaml`` section: name folding and fuzzy-matching settings, parsed and validated.

The codebook only holds the settings as typed values; the folding itself
(:class:`~eventcoder.actors.names.NameFolder`) and the fuzzy index live in
:mod:`eventcoder.actors`, which build from these values. A setting left out
is ``None`` and means the folder's default.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import CodebookError, Problem
from .yamlio import line_of

__all__ = [
    "FUZZY_SCORER",
    "FUZZY_SCORERS",
    "FUZZY_THRESHOLD",
    "NORMALISER",
    "FoldingSection",
    "FuzzySettings",
    "NamesSection",
    "parse_folding",
    "parse_names",
]

NORMALISER = "eventcoder.names.v1"
"""The only name normaliser this version knows."""
FUZZY_SCORER = "eventcoder.fuzzy.aligned_tokens.v1"
"""The default fuzzy scorer; :data:`eventcoder.actors.fuzzy.SCORERS` implements each of :data:`FUZZY_SCORERS`."""
FUZZY_SCORERS = frozenset({FUZZY_SCORER})
FUZZY_THRESHOLD = 60.0  # why 60: see eventcoder.actors.fuzzy

_FOLDING_KEYS = {"normaliser", "equivalences", "particles", "prefix_particles", "given_names", "common_surnames"}
_WORD_LISTS = ("particles", "prefix_particles", "given_names", "common_surnames")
_FUZZY_KEYS = {"scorer", "threshold"}

ProblemSink = Callable[[Any, str], None]


@dataclass(frozen=True)
class FoldingSection:
    """The ``names:`` part: the normaliser and the tables that replace the folder's defaults (None keeps one)."""

    normaliser: str = NORMALISER
    equivalences: tuple[tuple[str, str], ...] | None = None
    particles: tuple[str, ...] | None = None
    prefix_particles: tuple[str, ...] | None = None
    given_names: tuple[str, ...] | None = None
    common_surnames: tuple[str, ...] | None = None


@dataclass(frozen=True)
class FuzzySettings:
    """The fuzzy scorer (a versioned name of :data:`FUZZY_SCORERS`) and its threshold, 0..100."""

    scorer: str = FUZZY_SCORER
    threshold: float = FUZZY_THRESHOLD


@dataclass(frozen=True)
class NamesSection:
    """A codebook's ``names.yaml``: how names fold, and how close a fuzzy match must be."""

    folding: FoldingSection = field(default_factory=FoldingSection)
    fuzzy: FuzzySettings = field(default_factory=FuzzySettings)


def parse_names(doc: Any, file: str = "names.yaml") -> NamesSection:
    """The section of one ``names.yaml`` document (``names:`` and ``fuzzy:``); None is the default.

    Raises CodebookError listing every problem with its line.
    """
    if doc is None:
        doc = {}
    if not isinstance(doc, Mapping):
        raise CodebookError([Problem(file, line_of(doc), "names.yaml must hold a mapping")], file)
    problems: list[Problem] = []
    for key in doc:
        if key not in ("names", "fuzzy"):
            problems.append(Problem(file, line_of(key), f"unknown key {key!r}; expected names or fuzzy"))
    folding: FoldingSection | None = None
    try:
        folding = parse_folding(doc.get("names"), file)
    except CodebookError as exc:
        problems.extend(exc.problems)
    fuzzy = _fuzzy(doc.get("fuzzy") or {}, file, problems)
    if problems or folding is None:
        raise CodebookError(problems, file)
    return NamesSection(folding, fuzzy)


def _fuzzy(fuzzy: Any, file: str, problems: list[Problem]) -> FuzzySettings:
    if not isinstance(fuzzy, Mapping):
        problems.append(Problem(file, line_of(fuzzy), "fuzzy: must be a mapping of scorer and threshold"))
        return FuzzySettings()
    line = line_of(fuzzy)
    for key in fuzzy:
        if key not in _FUZZY_KEYS:
            problems.append(Problem(file, line, f"unknown key {key!r} under fuzzy:; expected {sorted(_FUZZY_KEYS)}"))
    scorer = str(fuzzy.get("scorer", FUZZY_SCORER))
    if scorer not in FUZZY_SCORERS:
        problems.append(Problem(file, line, f"unknown fuzzy scorer {scorer!r}; "
                                            f"this version knows {sorted(FUZZY_SCORERS)}"))
    threshold = fuzzy.get("threshold", FUZZY_THRESHOLD)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold <= 100:
        problems.append(Problem(file, line, f"fuzzy threshold must be a number in (0, 100], got {threshold!r}"))
        return FuzzySettings()
    return FuzzySettings(scorer, float(threshold))


def parse_folding(section: Any, file: str = "codebook.yaml") -> FoldingSection:
    """The ``names:`` mapping (see :func:`eventcoder.actors.names.folder_from_config`); None is the default.

    Raises CodebookError listing every problem with its line.
    """
    if section is None:
        return FoldingSection()
    problems: list[Problem] = []

    def problem(value: Any, message: str) -> None:
        problems.append(Problem(file, getattr(value, "line", getattr(section, "line", 1)), message))

    if not isinstance(section, Mapping):
        problem(section, "`names:` must be a mapping")
        raise CodebookError(problems, file)
    for key in section:
        if key not in _FOLDING_KEYS:
            problem(key, f"unknown key {key!r} under names:; expected one of {sorted(_FOLDING_KEYS)}")
    normaliser = str(section.get("normaliser", NORMALISER))
    if normaliser != NORMALISER:
        problem(section.get("normaliser"), f"unknown name normaliser {normaliser!r}; this version knows {NORMALISER!r}")
    rules = _rules_of(section.get("equivalences"), problem)
    lists = {k: _words(section.get(k), k, problem) for k in _WORD_LISTS}
    if problems:
        raise CodebookError(problems, file)
    return FoldingSection(normaliser, rules, lists["particles"], lists["prefix_particles"], lists["given_names"],
                          lists["common_surnames"])


def _rules_of(value: Any, problem: ProblemSink) -> tuple[tuple[str, str], ...] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        problem(value, "names: equivalences must be a list of [pattern, replacement] pairs")
        return None
    rules = []
    for item in value:
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)):
            problem(item, f"equivalence {item!r} must be a pair of strings: [pattern, replacement]")
            continue
        pattern, replacement = str(item[0]), str(item[1])
        try:
            compiled = re.compile(pattern)
            compiled.sub(replacement, "")
            compiled.sub(replacement, "a")
        except (re.error, IndexError) as exc:
            problem(item, f"equivalence {pattern!r} -> {replacement!r}: {exc}")
            continue
        rules.append((pattern, replacement))
    return tuple(rules)


def _words(value: Any, key: str, problem: ProblemSink) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        problem(value, f"names: {key} must be a list of words")
        return None
    return tuple(str(w) for w in value)
