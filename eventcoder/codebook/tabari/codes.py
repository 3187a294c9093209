"""TABARI's bracketed codes: event codes, paired codes and the special codes.

``[064]``, ``[032:033]`` (source->target : target->source), ``[---]`` or
``[- - -]`` (null: the match codes nothing), ``[###]`` (discard the sentence),
``[+++]`` (complex: TABARI sets the sentence aside, it codes nothing),
``[031!]`` (dominant) and ``[023?]`` (subordinate), and in ``<TIME>`` a shift
in days (``[-7]``, ``[+30]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from ..petrarch.verbs import parse_code

_DAYS = re.compile(r"^[+-]\d+$")


class CodeKind(Enum):
    """What a bracketed code asks for."""

    EVENT = "event"
    NULL = "null"
    DISCARD = "discard"
    COMPLEX = "complex"
    SHIFT = "shift"


@dataclass(frozen=True, slots=True)
class TabariCode:
    kind: CodeKind
    code: str = "---"
    reverse: str | None = None
    dominant: bool = False
    subordinate: bool = False
    days: int = 0

    @property
    def codes_nothing(self) -> bool:
        return self.kind is not CodeKind.EVENT


def parse_tabari_code(raw: str, *, time: bool = False) -> TabariCode | None:
    """The code in one ``[...]``, or None when it is not a code TABARI defines."""
    text = raw.replace(" ", "").upper()
    special = {"---": CodeKind.NULL, "###": CodeKind.DISCARD, "+++": CodeKind.COMPLEX}
    if text in special:
        return TabariCode(special[text])
    if time and _DAYS.match(text):
        return TabariCode(CodeKind.SHIFT, days=int(text))
    dominant, subordinate = text.endswith("!"), text.endswith("?")
    text = text.rstrip("!?")
    code, reverse, problem = parse_code(text)
    if problem or code is None:
        return None
    if code == "---":
        return TabariCode(CodeKind.NULL)
    return TabariCode(CodeKind.EVENT, code, reverse, dominant, subordinate)
