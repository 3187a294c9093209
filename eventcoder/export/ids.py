"""Integer ids for the formats that want numbers: GDELT ``GlobalEventID``, ICEWS ``Event ID``.

The dataset's ids are text (16 hex digits of a BLAKE2b hash, see
:func:`eventcoder.stableid.stable_id` and :mod:`eventcoder.events`). A view that
needs an integer takes the id's low :data:`ID_BITS` bits, so the number is the
same on every run and every tool reads it exactly: R, Stata, JavaScript and
spreadsheets hold numbers as IEEE doubles, which count integers exactly only
up to 2**53. Two events of one dataset share a number with a chance of about
n**2 / 2**54 (1 in 18,000 for a million events).
"""

from __future__ import annotations

import re

import polars as pl

__all__ = ["ID_BITS", "MAX_ID", "numeric_id", "numeric_id_expr"]

ID_BITS = 53
MAX_ID = (1 << ID_BITS) - 1
"""The largest id a view writes: 2**53 - 1, the largest integer a double holds exactly."""

# 14 hex digits (56 bits) always fit an Int64; the mask keeps 53 of them.
_DIGITS = 14
_HEX = re.compile(r"[0-9a-fA-F]+")


def numeric_id(text_id: str) -> int | None:
    """The integer id of the hex id ``text_id`` (None when it is not hexadecimal)."""
    digits = text_id[-_DIGITS:]
    return int(digits, 16) & MAX_ID if _HEX.fullmatch(digits) else None


def numeric_id_expr(column: str = "event_id") -> pl.Expr:
    """:func:`numeric_id` of each value of ``column`` as a polars expression (Int64, null when not hex)."""
    digits = pl.col(column).str.slice(-_DIGITS)
    return digits.str.to_integer(base=16, strict=False).cast(pl.Int64) & MAX_ID
