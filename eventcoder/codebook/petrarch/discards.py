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
            phrase = " ".join(fold(text.lstrip("+")).replace("_ ", " ").split())
            if not phrase.strip("_"):
                ignored.add(line, "empty discard phrase")
                continue
            target.append(phrase)
    return list(dict.fromkeys(sentence)), list(dict.fromkeys(story))


@lru_cache(maxsize=32)
def _regex(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        words = phrase.rstrip("_").split()
        body = r"\s+".join(re.escape(w) for w in words)
        parts.append(rf"(?<!\w){body}" + (r"(?!\w)" if phrase.endswith("_") else ""))
    return re.compile("|".join(parts))


def find_discard(text: str, settings: Settings) -> tuple[str, str] | None:
    """``("story" | "sentence", matched text)`` for the first discard in ``text``, or None.

    A story discard anywhere in the text wins over a sentence discard.
    """
    folded = fold(text)
    for level, phrases in (("story", settings.story_discards), ("sentence", settings.sentence_discards)):
        regex = _regex(tuple(phrases))
        if regex is not None and (found := regex.search(folded)):
            return level, found.group()
    return None
