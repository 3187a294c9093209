"""TABARI verb patterns read as TABARI matches them (:class:`TabariPattern`).

The PETRARCH-style reading (:mod:`.phrases`) turns a pattern into words an
eventcoder pattern can hold, and so loses what TABARI's connectors say. This
reading keeps them (manual, sections 5.5.3-5.7):

- ``XXX YYY``: ``XXX`` is a stem (it may begin a longer word), other words may
  stand before ``YYY``; ``XXX_YYY``: ``XXX`` is a whole word (TABARI's regular
  endings aside) and ``YYY`` follows at once; ``XXX_ YYY``: whole word, gap
  allowed; ``XXX~ YYY``: stem, ``YYY`` follows at once;
- ``*`` the verb, ``+`` target, ``$`` source, ``%`` compound, ``^`` skip an actor;
- ``{ a | b c }`` alternatives and ``&SET`` synsets: one variant per choice.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

from ..petrarch.verbs import _words as _fold
from ..tabari_rules import Mark, TabariElement, TabariPattern
from .phrases import MAX_VARIANTS, Option, PatternError, alternatives, group_end
from .source import Unsupported

_words = cache(lambda text: tuple(_fold(text)))  # big dictionaries repeat the same words thousands of times
_MARKS = {"+": Mark.TARGET, "$": Mark.SOURCE, "%": Mark.COMPOUND, "^": Mark.SKIP}
_PIECES = re.compile(r"([_~])")
_JOIN = "\x01"  # stands for the `_` of `WORD_{`


@dataclass(slots=True)
class _Atom:
    text: str  # a folded word, or a mark ("*" the verb)
    mark: Mark | None  # None: the verb
    stem: bool = True
    tight: bool = False


_Item = _Atom | list[list["_Item"]]  # an atom, or alternatives (each a sequence of items)


def _synset(name: str, synsets: dict[str, list[Option]]) -> list[list[_Item]]:
    """A synset's members as alternatives: the words of a member follow each other at once."""
    if name.upper() not in synsets:
        raise PatternError(Unsupported.UNDEFINED_SYNSET, name)
    return [[*(_Atom(w, Mark.WORD, True, True) for w in member[:-1]), _Atom(member[-1], Mark.WORD)]
            for member in synsets[name.upper()] if member]


def _chunk_items(chunk: str, synsets: dict[str, list[Option]]) -> list[_Item]:
    """The items of one blank-delimited chunk (``+_WAS_*_BY_$``, ``BACK~``, ``IN_``, ``NEW_&SET_TIES``)."""
    items: list[_Item] = []
    parts = _PIECES.split(chunk)
    texts, seps = parts[0::2], [*parts[1::2], ""]
    for k, (raw, sep) in enumerate(zip(texts, seps, strict=True)):
        follows = any(texts[k + 1 :])
        tight = sep == "~" or (sep == "_" and follows)
        text = raw.rstrip("=")
        if not text:
            if tight and items:
                _tighten(items[-1])
            continue
        if text.startswith("&"):
            group = _synset(text, synsets)
            items.append(group)
            if tight:
                _tighten(group)
            continue
        if text == "*":
            atom = _Atom("*", None)
        elif text in _MARKS:
            atom = _Atom(text, _MARKS[text])
        else:
            words = _words(text)
            if not words:
                continue
            items += [_Atom(w, Mark.WORD, False, True) for w in words[:-1]]
            atom = _Atom(words[-1], Mark.WORD, sep != "_" and not raw.endswith("="))
        atom.tight = tight
        items.append(atom)
    return items


def _parse(tokens: list[str], synsets: dict[str, list[Option]]) -> list[_Item]:
    items: list[_Item] = []
    k = 0
    while k < len(tokens):
        token = tokens[k]
        if token == "{":
            end = group_end(tokens, k)
            items.append([_parse(g, synsets) for g in alternatives(tokens[k + 1 : end - 1])])
            k = end
            continue
        if token == _JOIN:  # "REQUIRE_{ A | B }": a whole word, the group follows it at once
            if items:
                _tighten(items[-1])
                if isinstance(items[-1], _Atom):
                    items[-1].stem = False
        elif token.startswith("_") and items:  # "}_HERE": the word after a group follows it at once
            _tighten(items[-1])
            items += _chunk_items(token.lstrip("_"), synsets)
        elif token not in ("|", "}"):
            items += _chunk_items(token, synsets)
        k += 1
    return items


def _tighten(item: _Item) -> None:
    if isinstance(item, _Atom):
        item.tight = True
    else:
        for seq in item:
            if seq:
                _tighten(seq[-1])


def _flatten(items: list[_Item]) -> list[list[_Atom]]:
    """Every plain atom sequence ``items`` stand for (alternatives multiplied out)."""
    choices: list[list[list[_Atom]]] = []
    for item in items:
        if isinstance(item, _Atom):
            choices.append([[item]])
        else:
            choices.append([flat for seq in item for flat in _flatten(seq)] or [[]])
    count = 1
    for c in choices:
        count *= len(c)
    if count > MAX_VARIANTS:
        raise PatternError(Unsupported.TOO_MANY_VARIANTS, f"{count} patterns (more than {MAX_VARIANTS})")
    return [[a for part in combo for a in part] for combo in itertools.product(*choices)]


def _element(atom: _Atom) -> TabariElement:
    return TabariElement(atom.mark or Mark.WORD, atom.text if atom.mark is Mark.WORD else "", atom.stem,
                         atom.tight)


def tabari_patterns(body: str, synsets: dict[str, list[Option]], leading: tuple[str, ...] = ()) -> list[TabariPattern]:
    """Every variant of a pattern body (``+ WAS * BY $``); ``leading``: the root's words after its verb
    (``BURN DOWN``), which come first in the upper part. Raises PatternError when it cannot be read."""
    spaced = body.replace("_{", f" {_JOIN} {{").replace("{", " { ").replace("}", " } ").replace("|", " | ")
    out: list[TabariPattern] = []
    for atoms in _flatten(_parse(spaced.split(), synsets)):
        stars = [k for k, a in enumerate(atoms) if a.mark is None]
        if len(stars) != 1:
            raise PatternError(Unsupported.NO_STAR)
        star = stars[0]
        lower = tuple(_element(a) for a in atoms[:star])
        upper = tuple([*(TabariElement(Mark.WORD, w) for w in leading), *(_element(a) for a in atoms[star + 1 :])])
        length = sum(len(re.sub(r"[^a-z0-9]", "", a.text)) for a in atoms if a.mark is Mark.WORD)
        out.append(TabariPattern(lower, upper, atoms[star].tight, length + sum(len(w) for w in leading)))
    return list(dict.fromkeys(out))


def with_leading(reading: TabariPattern, leading: tuple[str, ...]) -> TabariPattern:
    """``reading`` for a root with words after its verb (``BURN DOWN``): they come first in its upper part."""
    if not leading:
        return reading
    return TabariPattern(reading.lower, (*(TabariElement(Mark.WORD, w) for w in leading), *reading.upper),
                         reading.verb_tight, reading.length + sum(map(len, leading)), reading.root)


def root_pattern(leading: tuple[str, ...]) -> TabariPattern:
    """The TABARI reading of a root alone (``BURN DOWN``: ``down`` may follow the verb)."""
    return TabariPattern((), tuple(TabariElement(Mark.WORD, w) for w in leading), False, sum(map(len, leading)), True)
