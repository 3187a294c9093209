"""What a gold event and a coded event are compared on: entities, roots, folded names.

An actor code names an *entity*: its first three letters (the country, or a
bare role such as ``GOV`` when the text gives no country), except for
organisation codes (``IGO``, ``NGO``, ``MNC``, ``IMG``, ``NGM``), whose entity
is the organisation. CAMEO nests organisations in three-letter segments
(``IGOUNOIAE`` is the IAEA inside the UN, ``IGOWSTNAT`` is NATO), and coders
spell some of them differently (``IGOIAE``, ``IGOUNOIAE``), so the organisation
is the whole remainder when :data:`ORGANISATION_ALIASES` knows it, else the most
specific known segment, else the first segment. These rules are those of
``../shared/dev/score.py``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

__all__ = ["ORGANISATION_ALIASES", "ORGANISATION_PREFIXES", "entity_key", "fold_name", "root_of"]

ORGANISATION_PREFIXES = frozenset({"IGO", "NGO", "MNC", "IMG", "NGM"})

# Spelling (whole remainder or one three-letter segment) -> the organisation it names.
ORGANISATION_ALIASES: Mapping[str, str] = {
    "UNO": "UN",
    "UN": "UN",
    "EUREEC": "EU",
    "EEC": "EU",
    "EUR": "EU",
    "EU": "EU",
    "NATO": "NATO",
    "NAT": "NATO",
    "AFU": "AU",
    "AU": "AU",
    "ARL": "ARL",
    "ICC": "ICC",
    "IAE": "IAEA",
    "IAEA": "IAEA",
    "ECW": "ECOWAS",
    "WAS": "ECOWAS",
    "ECOWAS": "ECOWAS",
    "WHO": "WHO",
}

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def entity_key(code: str | None) -> str | None:
    """The entity an actor code names (see the module docstring); None for no code."""
    if not code:
        return None
    code = code.upper()
    prefix, rest = code[:3], code[3:]
    if prefix not in ORGANISATION_PREFIXES:
        return prefix
    if rest in ORGANISATION_ALIASES:
        return prefix + ORGANISATION_ALIASES[rest]
    segments = [rest[i : i + 3] for i in range(0, len(rest), 3)]
    for segment in reversed(segments):
        if segment in ORGANISATION_ALIASES:
            return prefix + ORGANISATION_ALIASES[segment]
    return code[:6]


def root_of(code: str) -> str:
    """The CAMEO root of an event code: its first two digits (``"0231"`` -> ``"02"``)."""
    return code[:2]


def fold_name(text: str) -> str:
    """A place or actor name folded for comparison: no accents, one apostrophe, case-folded, trimmed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.translate(_QUOTES).casefold().strip()
