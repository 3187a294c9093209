"""Resolve later, shorter references to people an article has named in full.

News names a person once in full (``Iraqi Prime Minister Mohammed Shia
al-Sudani``) and then by surname (``Sudani``, ``al-Sudani``) or by title
(``the prime minister``). A :class:`Coreference` is the memory of one
article: the coder calls :meth:`Coreference.introduce` for each person
mention, and :meth:`Coreference.resolve` / :meth:`Coreference.resolve_title`
for a capitalised word or a ``the <title>`` phrase the dictionary did not
resolve. Pronouns are out of scope (the coder's ``last_person`` handles
``he``/``she``).

Rules, all on folded names (see :mod:`eventcoder.actors.names`):

- a reference resolves when its tokens are the last tokens of an earlier
  person's name (``Sudani``, ``al-Sudani``, ``Shia al-Sudani``; ``Abbas`` for
  Mahmoud Abbas though Abbas is also a given name), or the first token when
  that is a family name written first (``Kim``, ``Xi``, ``Wang``); a typo in a
  word of six letters or more is allowed (``Blinkin``);
- a given name alone (``Mohammed``) never resolves, unless it is the surname;
- when two different people fit (``Barzani`` after Masoud and Masrour
  Barzani), nothing is resolved;
- one word of two letters resolves only as a family name written first
  (``Xi``), never as a last name (``Un``);
- a title resolves to the person last introduced with a title that ends
  with it (``the prime minister`` <- ``Iraqi Prime Minister``), unless the
  earlier title adds a rank (``Deputy Prime Minister`` is not ``the prime
  minister``).

A Coreference holds state; make one per article and never share it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from ..model import ActorMention
from ..text import fold
from .names import DEFAULT_FOLDER, NameFolder

# Words before a title that make it a different office than the bare title.
RANK_WORDS = frozenset({"deputy", "vice", "former", "ex", "acting", "assistant", "under", "junior",
                        "associate", "outgoing", "incoming", "late", "first", "second", "co", "shadow"})
# Words a title phrase may start with that do not belong to the title.
LEADING_WORDS = frozenset({"the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "country's",
                           "nation's", "then", "current", "now"})
# Spellings of one title: the later phrase and the earlier title are compared after these.
TITLE_SYNONYMS: Mapping[str, str] = {
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesmen": "spokesperson",
    "premier": "prime minister", "pm": "prime minister", "chief": "head",
    "secretary-general": "secretary general", "defence": "defense",
}
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_TYPO_MIN = 6
_TYPO_THRESHOLD = 85.0


@dataclass(frozen=True, slots=True)
class _Person:
    mention: ActorMention
    tokens: tuple[str, ...]
    title: tuple[str, ...]


def title_words(text: str, synonyms: Mapping[str, str] = TITLE_SYNONYMS) -> tuple[str, ...]:
    """A title phrase as lower-case words, synonyms unified, leading articles dropped."""
    words: list[str] = []
    for word in _WORD.findall(fold(text)):
        words.extend(synonyms.get(word, word).split())
    while words and words[0] in LEADING_WORDS:
        words.pop(0)
    return tuple(words)


def as_reference(antecedent: ActorMention, at: ActorMention) -> ActorMention:
    """``antecedent`` (code, name, key) at the place and text of the reference ``at``."""
    return replace(antecedent, first=at.first, last=at.last, char_start=at.char_start,
                   char_end=at.char_end, text=at.text, how="coreference",
                   rule=f"coreference: {antecedent.text}", score=None)


class Coreference:
    """The people one article has introduced, to resolve later references."""

    def __init__(self, folder: NameFolder = DEFAULT_FOLDER,
                 synonyms: Mapping[str, str] = TITLE_SYNONYMS) -> None:
        self.folder = folder
        self.synonyms = synonyms
        self._people: list[_Person] = []

    def __len__(self) -> int:
        return len(self._people)

    def introduce(self, mention: ActorMention, title: str | None = None) -> None:
        """Remember a person named in full; later references may resolve to it.

        The title is ``title`` if given, else the words of ``mention.text``
        before the name (``Iraqi Prime Minister`` in ``Iraqi Prime Minister
        Mohammed Shia al-Sudani``). Mentions that are not people, and names
        of a single word, are ignored.
        """
        if not mention.is_person:
            return
        tokens = self.folder.tokens(mention.name)
        if len(tokens) < 2:
            return
        words = title_words(title, self.synonyms) if title is not None else self._title_of(mention, tokens)
        self._people = [p for p in self._people if p.mention.key != mention.key]
        self._people.append(_Person(mention, tokens, words))

    def introduce_all(self, mentions: Iterable[ActorMention]) -> None:
        for mention in mentions:
            self.introduce(mention)

    def resolve(self, text: str) -> ActorMention | None:
        """The person an earlier full name ``text`` is a part of (``Sudani``), or None."""
        query = self.folder.tokens(text)
        if not query:
            return None
        found = {p.mention.key: p.mention for p in reversed(self._people) if self._refers(query, p.tokens)}
        if len(found) != 1:
            return None
        return next(iter(found.values()))

    def resolve_title(self, role_phrase: str) -> ActorMention | None:
        """The person last introduced with the title ``role_phrase`` (``the prime minister``)."""
        query = title_words(role_phrase, self.synonyms)
        if not query:
            return None
        for person in reversed(self._people):
            title = person.title
            if len(title) < len(query) or title[len(title) - len(query):] != query:
                continue
            if RANK_WORDS.intersection(title[: len(title) - len(query)]):
                continue
            return person.mention
        return None

    def _refers(self, query: tuple[str, ...], name: tuple[str, ...]) -> bool:
        n = len(query)
        if n > len(name):
            return False
        if n == len(name):
            return all(self._same(q, t) for q, t in zip(query, name, strict=True))
        if all(self._same(q, t) for q, t in zip(query, name[-n:], strict=True)):
            if n > 1:
                return True
            word = query[0]
            return len(word) > 2 and (not self.folder.is_given_name(word) or word == name[-1])
        # family name first: "Kim" for Kim Jong Un, "Xi" for Xi Jinping
        return n == 1 and query[0] == name[0] and query[0] in self.folder.common_surnames

    @staticmethod
    def _same(a: str, b: str) -> bool:
        if a == b:
            return True
        return min(len(a), len(b)) >= _TYPO_MIN and fuzz.ratio(a, b, score_cutoff=_TYPO_THRESHOLD) > 0

    def _title_of(self, mention: ActorMention, name: tuple[str, ...]) -> tuple[str, ...]:
        words = _WORD.findall(mention.text)
        known = set(name)
        for k, word in enumerate(words):
            if known.intersection(self.folder.tokens(word)):
                return title_words(" ".join(words[:k]), self.synonyms)
        return ()
