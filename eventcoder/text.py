"""Sentences and tokens with character offsets, and the folding of names.

The coder reads raw text, so everything downstream depends on tokens that
keep their offsets and compare equal however a name was typed (curly or
straight apostrophes, accents, case).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from .model import Sentence, Token

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "ʻ": "'"})

_TOKEN = re.compile(
    r"""
    (?:[A-Za-z]\.){2,}(?![A-Za-z])          # U.S., U.N., U.S.A.
    | \d+(?:[.,:]\d+)*(?:st|nd|rd|th)?       # numbers, times, ordinals
    | [^\W\d_]+(?:[-'’‘ʼ`´][^\W\d_]+)*(?:[-'’ʼ]\d+)?   # words, hyphens, inner apostrophes
    | [^\s\w]                                # one punctuation mark
    """,
    re.VERBOSE,
)

_PARAGRAPH = re.compile(r"\n")

# Words after which a period does not end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cpt sgt adm cmdr gov sen rep rev fr
    st mt ft jan feb mar apr jun jul aug sep sept oct nov dec no vs etc inc ltd co
    corp jr sr pres amb dept est approx""".split()
)
# After an acronym such as "U.S." a sentence ends only if one of these follows.
_SENTENCE_STARTERS = frozenset(
    "the he she it they we i in on but and a an this that these those there his her its their".split()
)


def fold(text: str) -> str:
    """Fold a string for comparison: NFKC, no accents, one apostrophe, lower case."""
    return _fold_cached(text) if len(text) < 64 else _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    if not text.isascii():
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = unicodedata.normalize("NFKC", text)
    return text.lower()


_fold_cached = lru_cache(maxsize=200_000)(_fold)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into tokens; possessive ``'s`` becomes its own token."""
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__  # Token(...) without its Python-level __new__: a corpus makes millions of tokens
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        word = text[start:end]
        start += offset
        end += offset
        if end - start > 2 and word[-2] in "'’ʼ" and word[-1] in "sS":
            append(new(Token, (word[:-2], fold(word[:-2]), start, end - 2)))
            append(new(Token, (word[-2:], "'s", end - 2, end)))
            continue
        low = word.lower() if word.isascii() and "'" not in word and "`" not in word else fold(word)
        append(new(Token, (word, low, start, end)))
    return tokens


def _ends_sentence(tokens: list[Token], i: int) -> bool:
    """Whether the token at ``i`` (a . ! or ?) closes a sentence."""
    tok = tokens[i]
    if i + 1 >= len(tokens):
        return True
    nxt = tokens[i + 1]
    j = i + 1
    while j < len(tokens) and tokens[j].text in "\"”’')»":
        j += 1
    if j >= len(tokens):
        return True
    nxt = tokens[j]
    if nxt.text[0].islower():
        return False
    if tok.text == "." and i > 0:
        prev = tokens[i - 1]
        if prev.end == tok.start and prev.lower in ABBREVIATIONS:
            return False
        if prev.end == tok.start and len(prev.text) == 1 and prev.text.isupper():
            return False  # an initial: "George W. Bush"
    return True


def _acronym_ends(tokens: list[Token], i: int) -> bool:
    """Whether an acronym token such as ``U.S.`` also closes its sentence."""
    if i + 1 >= len(tokens):
        return True
    return tokens[i + 1].lower in _SENTENCE_STARTERS and tokens[i + 1].text[0].isupper()


def split_sentences(text: str) -> Iterator[Sentence]:
    """Yield the sentences of ``text``; every line break also ends a sentence.

    Headlines, captions and datelines are lines of their own in news text, so a
    line never continues into the next.
    """
    index = 0
    line_start = 0
    for line in _PARAGRAPH.split(text):
        if line.strip():
            for start, end, toks in _line_sentences(line, line_start):
                yield Sentence(index, text[start:end], start, end, tuple(toks))
                index += 1
        line_start += len(line) + 1


def _line_sentences(line: str, offset: int) -> Iterator[tuple[int, int, list[Token]]]:
    tokens = tokenize(line, offset)
    begin = 0
    for i in [k for k, t in enumerate(tokens) if t.text[-1] in ".!?"]:  # only these can close
        text = tokens[i].text
        closes = (text in ".!?" and _ends_sentence(tokens, i)) or (
            text[-1] == "." and len(text) > 2 and "." in text[:-1] and _acronym_ends(tokens, i)
        )
        if not closes:
            continue
        end = i + 1
        while end < len(tokens) and tokens[end].text in ".\"”’')»":
            end += 1
        if end > begin:
            chunk = tokens[begin:end]
            yield chunk[0].start, chunk[-1].end, chunk
        begin = end
    if begin < len(tokens):
        chunk = tokens[begin:]
        yield chunk[0].start, chunk[-1].end, chunk
