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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..codebook.names import FuzzySettings, parse_names
from ..diskcache import load_or_build, package_version
from ..model import ActorMention
from .coref import Coreference
from .fuzzy import FuzzyIndex, Match
from .names import NameFolder, folder_of

if TYPE_CHECKING:
    from ..codebook import Codebook

_HERE = Path(__file__).resolve().parent
_BUILT_BY = (_HERE / "names.py", _HERE / "fuzzy.py", _HERE / "resolve.py", _HERE.parent / "text.py")  # its code


def settings_from_config(doc: Any, file: str = "names.yaml") -> tuple[NameFolder, FuzzySettings]:
    """The folder and fuzzy settings of one ``names.yaml`` document (checked by :func:`parse_names`).

    Raises CodebookError listing every problem.
    """
    section = parse_names(doc, file)
    return folder_of(section.folding), section.fuzzy


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
        folder, fuzzy = folder_of(codebook.names.folding), codebook.names.fuzzy
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
                    pickle.dumps((codebook.names, _named_entries(codebook)), protocol=5)]
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
