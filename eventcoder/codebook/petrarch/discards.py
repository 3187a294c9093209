"""Read PETRARCH discard lists (``*discards*``) and find discards in text.

Each line is a phrase. A sentence containing it codes nothing; with a leading
``+`` the whole story (article) is dropped. Matching ignores case; a phrase
must start at a word start and, like PETRARCH, matches as a stem
(``TYPHOON`` also matches ``typhoons``) unless it ends with ``_``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ...text import fold
from ..entries import Settings
from .source import Ignored, read_lines


def read_discards(paths: Iterable[Path], ignored: Ignored) -> tuple[list[str], list[str]]:
    """``(sentence_phrases, story_phrases)``, folded, single-spaced."""
    sentence: list[str] = []
    story: list[str] = []
    for path in paths:
        for line in read_lines(path):
            text = line.text.strip()
            target = story if text.startswith("+") else sentence
            body = fold(text.lstrip("+")).strip()
            whole = body.endswith("_")  # a trailing _ asks for a word end; an inner one joins words
            phrase = " ".join(body.rstrip("_").replace("_", " ").split()) + ("_" if whole else "")
            if not phrase.strip("_"):
                ignored.add(line, "empty discard phrase")
                continue
            target.append(phrase)
    return list(dict.fromkeys(sentence)), list(dict.fromkeys(story))


_WORDS = re.compile(r"\w+")
_STEM_KEY = 3


@lru_cache(maxsize=32)
def _index(phrases: tuple[str, ...]) -> dict[str, re.Pattern[str]]:
    """Phrases grouped by a key their text must contain, each group one regex.

    A phrase of several words is keyed by its first word (matched whole), a
    one-word stem by its first three letters. Only the groups whose key is a
    word (or word start) of the text are searched: hundreds of phrases cost
    about one scan of the text.
    """
    groups: dict[str, list[str]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        words = phrase.rstrip("_").split()
        if not words:
            continue
        body = r"\s+".join(re.escape(w) for w in words)
        lead = re.match(r"\w+", words[0])
        whole = (len(words) > 1 or phrase.endswith("_")) and lead is not None and lead.group() == words[0]
        key = "" if lead is None else lead.group() if whole else "~" + lead.group()[:_STEM_KEY]
        groups.setdefault(key, []).append(body + (r"(?!\w)" if phrase.endswith("_") else ""))
    return {key: re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")") for key, parts in groups.items()}


def _search(folded: str, phrases: tuple[str, ...]) -> str | None:
    index = _index(phrases)
    words = set(_WORDS.findall(folded))
    keys = (words | {"", *("~" + w[:k] for w in words for k in range(1, min(len(w), _STEM_KEY) + 1))}) & index.keys()
    found = [m for key in keys if (m := index[key].search(folded))]
    return min(found, key=lambda m: (m.start(), -len(m.group()))).group() if found else None


def find_discard(text: str, settings: Settings) -> tuple[str, str] | None:
    """``("story" | "sentence", matched text)`` for the first discard in ``text``, or None.

    A story discard anywhere in the text wins over a sentence discard.
    """
    if not settings.story_discards and not settings.sentence_discards:
        return None
    folded = fold(text)
    for level, phrases in (("story", settings.story_discards), ("sentence", settings.sentence_discards)):
        if phrases and (found := _search(folded, tuple(phrases))):
            return level, found
    return None
