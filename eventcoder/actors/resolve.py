"""Resolve the names the exact dictionary missed: folded and fuzzy lookup, coreference.

:class:`ActorNames` is what a codebook knows about names: its folding table
(``names.yaml``, see :mod:`eventcoder.actors.names`), its fuzzy scorer and
threshold, and a :class:`~eventcoder.actors.fuzzy.FuzzyIndex` of its named
actors. It is built once per codebook (:func:`actor_names`); its only
changing part is a bounded memo of lookups.

:class:`ArticleActors` is the memory of one article: the coder asks it about
each capitalised name span the dictionary did not match (``lookup``, then
``refer``) and about each bare title after ``the`` (``refer_title``), and
tells it about each person it finds (``introduce``). Make one per article.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..diskcache import load_or_build, package_version
from ..errors import CodebookError, Problem
from ..model import ActorMention
from .coref import Coreference
from .fuzzy import FUZZY_SCORER, FUZZY_THRESHOLD, SCORERS, FuzzyIndex, Match
from .names import NameFolder, folder_from_config

if TYPE_CHECKING:
    from ..codebook import Codebook

_FUZZY_KEYS = {"scorer", "threshold"}
_HERE = Path(__file__).resolve().parent
_BUILT_BY = (_HERE / "names.py", _HERE / "fuzzy.py", _HERE / "resolve.py", _HERE.parent / "text.py")  # its code


@dataclass(frozen=True)
class FuzzySettings:
    """The fuzzy scorer (a versioned name from ``fuzzy.SCORERS``) and its threshold, 0..100."""

    scorer: str = FUZZY_SCORER
    threshold: float = FUZZY_THRESHOLD


def settings_from_config(doc: Any, file: str = "names.yaml") -> tuple[NameFolder, FuzzySettings]:
    """The folder and fuzzy settings of one ``names.yaml`` document.

    The document holds ``names:`` (see :func:`~eventcoder.actors.names.folder_from_config`)
    and ``fuzzy: {scorer, threshold}``. Raises CodebookError listing every problem.
    """
    if doc is None:
        doc = {}
    if not isinstance(doc, Mapping):
        raise CodebookError([Problem(file, getattr(doc, "line", 1), "names.yaml must hold a mapping")], file)
    problems: list[Problem] = []
    for key in doc:
        if key not in ("names", "fuzzy"):
            problems.append(Problem(file, getattr(key, "line", 1), f"unknown key {key!r}; expected names or fuzzy"))
    folder: NameFolder | None = None
    try:
        folder = folder_from_config({"names": doc.get("names")}, file)
    except CodebookError as exc:
        problems.extend(exc.problems)
    fuzzy = doc.get("fuzzy") or {}
    settings = FuzzySettings()
    if not isinstance(fuzzy, Mapping):
        problems.append(Problem(file, getattr(fuzzy, "line", 1), "fuzzy: must be a mapping of scorer and threshold"))
    else:
        line = getattr(fuzzy, "line", 1)
        for key in fuzzy:
            if key not in _FUZZY_KEYS:
                problems.append(Problem(file, line, f"unknown key {key!r} under fuzzy:; "
                                                    f"expected {sorted(_FUZZY_KEYS)}"))
        scorer = str(fuzzy.get("scorer", FUZZY_SCORER))
        if scorer not in SCORERS:
            problems.append(Problem(file, line, f"unknown fuzzy scorer {scorer!r}; "
                                                f"this version knows {sorted(SCORERS)}"))
        threshold = fuzzy.get("threshold", FUZZY_THRESHOLD)
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold <= 100:
            problems.append(Problem(file, line, f"fuzzy threshold must be a number in (0, 100], got {threshold!r}"))
        else:
            settings = FuzzySettings(scorer, float(threshold))
    if problems or folder is None:
        raise CodebookError(problems, file)
    return folder, settings


MEMO_SIZE = 100_000


@dataclass(frozen=True)
class ActorNames:
    """A codebook's name folding, fuzzy settings and index of named actors."""

    folder: NameFolder
    fuzzy: FuzzySettings
    index: FuzzyIndex
    # Names recur across a corpus; remembering recent answers saves most fuzzy work.
    memo: dict[tuple[str, bool], Match | None] = field(default_factory=dict, compare=False, repr=False)

    def lookup(self, text: str, fuzzy: bool) -> Match | None:
        """:meth:`FuzzyIndex.lookup`, remembered for the last :data:`MEMO_SIZE` distinct names."""
        key = (text, fuzzy)
        if key in self.memo:
            return self.memo[key]
        if len(self.memo) >= MEMO_SIZE:
            self.memo.clear()
        found = self.memo[key] = self.index.lookup(text, fuzzy=fuzzy)
        return found

    @classmethod
    def build(cls, codebook: Codebook) -> ActorNames:
        docs = codebook.data.get("names") or [None]
        if len(docs) > 1:
            raise CodebookError([Problem("names.yaml", 1, "a codebook holds one names.yaml")], str(codebook.root))
        folder, fuzzy = settings_from_config(docs[0])
        entries = _named_entries(codebook)
        return cls(folder, fuzzy, FuzzyIndex.build(entries, folder, fuzzy.threshold, fuzzy.scorer))


def _named_entries(codebook: Codebook) -> list[Any]:
    """The codebook's named actors, one per (key, name), in a fixed order."""
    seen: dict[tuple[str, str], Any] = {}
    for phrases in codebook.phrases.values():
        for phrase in phrases:
            entry = phrase.entry
            if entry.kind == "named":
                seen.setdefault((entry.key, entry.name), entry)
    return [seen[k] for k in sorted(seen)]


def actor_names(codebook: Codebook) -> ActorNames:
    """The codebook's :class:`ActorNames`, built on first use and kept with the codebook.

    Building folds every named actor's name (a tenth of a second for the
    default codebook), so the result is also kept in the user cache
    (:mod:`eventcoder.diskcache`), keyed by all it is made from: the names
    settings, the named entries and the code that builds it.
    """
    return codebook.derived("actor_names", _cached_build)


def _cached_build(codebook: Codebook) -> ActorNames:
    fingerprint: list[str | bytes] = [source.read_bytes() for source in _BUILT_BY]
    fingerprint += [package_version("rapidfuzz"),
                    pickle.dumps((codebook.data.get("names"), _named_entries(codebook)), protocol=5)]
    return load_or_build("actor-names", fingerprint, lambda: ActorNames.build(codebook))


class ArticleActors:
    """Name resolution for one article: the codebook's index plus the people met so far."""

    def __init__(self, names: ActorNames) -> None:
        self.names = names
        self.coref = Coreference(names.folder)

    def lookup(self, text: str, single: bool = False) -> Match | None:
        """The codebook actor a name span stands for by folding or fuzzy matching.

        A single word (``single``) must fold to a dictionary name exactly: one
        capitalised word is too often not a name at all to be matched loosely.
        """
        return self.names.lookup(text, fuzzy=not single)

    def refer(self, text: str) -> ActorMention | None:
        """The person named earlier in full that ``text`` (``Sudani``, ``Blinken``) is a part of."""
        return self.coref.resolve(text)

    def refer_title(self, text: str) -> ActorMention | None:
        """The person last introduced with the title ``text`` (``the prime minister``)."""
        return self.coref.resolve_title(text)

    def introduce(self, mention: ActorMention) -> None:
        self.coref.introduce(mention)
