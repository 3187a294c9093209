"""The dateline that opens a news story: ``KYIV, Ukraine (Reuters) -``.

It names where the story was filed and often the outlet. It is not part of the
first sentence: left in, its place name would be coded as that sentence's
source actor. Both the plain-text and the record readers take it off.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]*)*"  # WASHINGTON DC, KYIV, NEW YORK
    r"(?:,\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?)"  # , United States
    rf"(?:,?\s+{_MONTH}\s+\d{{1,2}})?"  # , Nov 20 (date, not part of the place)
    r"(?:\s*\((?P<source>[A-Z0-9][^()\n]{0,40})\)\s*(?:[-—–]+\s*|:\s*)?"  # (Reuters) -
    r"|\s+[-—–]{1,2}\s+)"  # or just a dash: KYIV, Ukraine —
)


class Dateline(NamedTuple):
    place: str
    source: str | None
    rest: str  # the line without its dateline


def split_dateline(line: str) -> Dateline | None:
    """The dateline at the start of ``line``, or None when the line does not open with one."""
    match = _DATELINE.match(line)
    if match is None:
        return None
    source = match["source"].strip() if match["source"] else None
    return Dateline(match["place"], source, line[match.end() :].strip())
