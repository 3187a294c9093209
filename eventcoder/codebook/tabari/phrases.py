"""TABARI verb patterns (``- SUGGESTED_+ * DEMAND_{ GENEVA | INTERNATIONAL }_CONVENTIONS``) as word sequences.

A pattern is words and marks: ``*`` the verb, ``+`` the target, ``$`` the
source, ``%`` a compound actor, ``^`` an actor to skip. Words are joined by
blanks (others may come between) or ``_`` (consecutive); ``XXX~`` is a stem
that must be followed at once by the next word. ``{ a | b c | d }`` lists
alternatives and ``&NAME`` a synonym set. Every alternative and synset member
becomes one variant, so a pattern is a small set of plain word sequences.

eventcoder's patterns let up to ``max_gap`` words stand between any two
pattern words, so ``_`` and ``~`` (consecutive) read as blanks.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ..petrarch.verbs import _words
from .source import Unsupported

MARKS = frozenset("*+$%^")
MAX_VARIANTS = 64
"""A pattern whose synsets and alternatives expand to more variants than this is not read."""

Option = tuple[str, ...]  # one alternative: folded words and marks
Slot = list[Option]  # the alternatives one position of a pattern allows


@dataclass(frozen=True, slots=True)
class Variant:
    """One plain reading of a pattern: marks and folded words, in order."""

    tokens: tuple[str, ...]


class PatternError(ValueError):
    """A pattern that cannot be read; ``reason`` says why, ``detail`` what."""

    def __init__(self, reason: Unsupported, detail: str = "") -> None:
        super().__init__(f"{reason.value}{': ' + detail if detail else ''}")
        self.reason = reason
        self.detail = detail


def split_tokens(body: str) -> list[str]:
    """Raw tokens: ``{``, ``|``, ``}``, marks, ``&SYNSETS`` and words; ``_`` and ``~`` are separators."""
    spaced = body.replace("{", " { ").replace("}", " } ").replace("|", " | ")
    out: list[str] = []
    for chunk in spaced.split():
        for part in chunk.replace("~", "_").split("_"):
            part = part.rstrip("=")
            if not part:
                continue
            if len(part) > 1 and part[0] in MARKS:  # "+HAS" written without a blank
                out.append(part[0])
                part = part[1:]
            if len(part) > 1 and part[-1] in MARKS:
                out.extend([part[:-1], part[-1]])
                continue
            out.append(part)
    return out


def group_end(tokens: list[str], k: int) -> int:
    """The index after the ``}`` that closes the ``{`` at ``k`` (nested groups included)."""
    depth, end = 1, k + 1
    while end < len(tokens) and depth:
        depth += {"{": 1, "}": -1}.get(tokens[end], 0)
        end += 1
    return end


def _word_option(token: str) -> Option:
    return tuple(_words(token))


def _parse(tokens: list[str], synsets: dict[str, list[Option]]) -> list[Slot]:
    """Slots from raw tokens; an alternative group becomes one slot of its (flattened) options."""
    slots: list[Slot] = []
    k = 0
    while k < len(tokens):
        token = tokens[k]
        if token == "{":
            end = group_end(tokens, k)
            inner = tokens[k + 1 : end - 1]
            slots.append(_alternatives(inner, synsets))
            k = end
            continue
        if token in ("|", "}"):
            k += 1
            continue
        if token in MARKS:
            slots.append([(token,)])
        elif token.startswith("&"):
            name = token.upper()
            if name not in synsets:
                raise PatternError(Unsupported.UNDEFINED_SYNSET, token)
            slots.append(list(synsets[name]) or [()])
        else:
            slots.append([_word_option(token)])
        k += 1
    return slots


def alternatives(inner: list[str]) -> list[list[str]]:
    """The alternatives of a group's inside, ``a | b c | d``, split at its own bars only."""
    groups: list[list[str]] = [[]]
    depth = 0
    for token in inner:
        if token == "|" and depth == 0:
            groups.append([])
            continue
        depth += {"{": 1, "}": -1}.get(token, 0)
        groups[-1].append(token)
    return groups


def _alternatives(inner: list[str], synsets: dict[str, list[Option]]) -> Slot:
    """The options of ``{ a | b c | d }``: each alternative expanded to its variants."""
    options: Slot = []
    for group in alternatives(inner):
        for combo in itertools.product(*_parse(group, synsets)):
            options.append(tuple(w for part in combo for w in part))
    return options


def expand(body: str, synsets: dict[str, list[Option]]) -> list[Variant]:
    """Every plain variant of a pattern body; raises PatternError when it cannot be read."""
    slots = _parse(split_tokens(body), synsets)
    count = 1
    for slot in slots:
        count *= max(1, len(slot))
    if count > MAX_VARIANTS:
        raise PatternError(Unsupported.TOO_MANY_VARIANTS, f"{count} patterns (more than {MAX_VARIANTS})")
    return [Variant(tuple(w for part in combo for w in part)) for combo in itertools.product(*slots)]


def synset_options(tokens: list[str], synsets: dict[str, list[Option]]) -> list[Option]:
    """The word sequences one synset member (``+&TIETYPES_MEMOS``) stands for."""
    slots = _parse(tokens, synsets)
    return [tuple(w for part in combo for w in part) for combo in itertools.product(*slots)]
