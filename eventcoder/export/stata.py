"""Stata ``.dta`` files (format 119/118 via pyreadstat, Stata 14 and later) of any view or table.

- Names: Stata variable names are at most 32 letters, digits and ``_`` and
  not reserved words, so ``Event ID`` becomes ``Event_ID`` and ``long``
  becomes ``long_``; the original name is then the variable label.
- Dates are Stata dates (``%td``, days since 1960-01-01).
- Codes stay strings (``"042"``, ``"04"``): Stata attaches value labels to
  numbers only, so a CAMEO code column is labelled as a variable, not per value.
- Strings longer than 2,045 bytes are ``strL`` (pyreadstat picks the type
  from the longest value); Stata has no missing string, so a null string is ``""``.
- Integers are written as Stata ``long`` when they fit 32 bits, else as
  ``double``: ids (below 2**53, :mod:`eventcoder.export.ids`) are exact.
- Coded columns carry variable labels (:data:`DESCRIPTIONS`); coded numeric
  columns carry value labels (:data:`VALUE_LABELS`): QuadClass,
  PentaClass, GDELT's geo types and IsRootEvent, ACLED's inter codes and
  precisions, GDELT's MentionType and InRawText, the tables' ``quad_class``
  and ``geo_precision``.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Mapping
from pathlib import Path

import polars as pl

from eventcoder.errors import ExportError

__all__ = ["DESCRIPTIONS", "VALUE_LABELS", "stata_name", "write_dta"]

_QUAD = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"}
_PENTA = {0: "Neutral statement or appeal", **{k + 1: v for k, v in _QUAD.items()}}
_GEO_TYPE = {1: "Country", 2: "US state", 3: "US city", 4: "World city", 5: "World region"}
_YES_NO = {0: "No", 1: "Yes"}
_GEO_PRECISION = {1: "The town itself", 2: "Part of a region, or near a town", 3: "A country or larger region"}
_TIME_PRECISION = {1: "Exact day", 2: "Week", 3: "Month or year"}
_INTER = {1: "State forces", 2: "Rebel groups", 3: "Political militias", 4: "Identity militias", 5: "Rioters",
          6: "Protesters", 7: "Civilians", 8: "External/Other forces"}  # fmt: skip
_MENTION_TYPE = {1: "Web", 2: "Citation only", 3: "CORE", 4: "DTIC", 5: "JSTOR", 6: "Non-textual source"}

VALUE_LABELS: dict[str, dict[int, str]] = {
    "QuadClass": _QUAD, "quad_class": _QUAD, "PentaClass": _PENTA,
    "Actor1Geo_Type": _GEO_TYPE, "Actor2Geo_Type": _GEO_TYPE, "ActionGeo_Type": _GEO_TYPE,
    "IsRootEvent": _YES_NO, "InRawText": _YES_NO, "MentionType": _MENTION_TYPE,
    "geo_precision": _GEO_PRECISION, "time_precision": _TIME_PRECISION, "inter1": _INTER, "inter2": _INTER,
}  # fmt: skip
"""Value labels of coded numeric columns, by column name (views and tables)."""

_CAMEO = {"code": "CAMEO event code (text)", "base": "CAMEO base code (text)", "root": "CAMEO root code (text)"}
DESCRIPTIONS: dict[str, str] = {
    "EventCode": _CAMEO["code"], "EventBaseCode": _CAMEO["base"], "EventRootCode": _CAMEO["root"],
    "CAMEO Code": _CAMEO["code"], "event_code": _CAMEO["code"], "event_base_code": _CAMEO["base"],
    "event_root_code": _CAMEO["root"], "root": _CAMEO["root"], "QuadClass": "CAMEO quad class",
    "quad_class": "CAMEO quad class", "PentaClass": "Phoenix penta class", "GoldsteinScale": "Goldstein scale",
    "goldstein": "Goldstein scale", "Intensity": "Goldstein scale",
}  # fmt: skip
"""Variable labels of coded columns (a renamed column's label starts with its original name)."""

_RESERVED = frozenset(
    "_all _b byte _coef _cons double float if in int long _n _N _pi _pred _rc _skip strL using with "
    "str _se _sd".split()
) | frozenset(keyword.kwlist)
_STR_N = re.compile(r"^str\d+$")
_INT32 = (-2_147_483_647, 2_147_483_620)  # Stata long's range (the top values are missing codes)


def stata_name(name: str) -> str:
    """A valid Stata variable name for column ``name``."""
    clean = re.sub(r"[^A-Za-z0-9_]", "_", name)[:32] or "v"
    if clean[0].isdigit():
        clean = f"_{clean}"[:32]
    if clean in _RESERVED or _STR_N.match(clean):
        clean = f"{clean[:31]}_"
    return clean


def write_dta(frame: pl.DataFrame, path: Path, labels: Mapping[str, str]) -> None:
    """Write ``frame`` (no list columns) as a Stata file; ``labels`` describe columns by their original name."""
    try:
        import pyreadstat
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ExportError("Stata files need pyreadstat: pip install 'eventcoder[stata]'") from exc
    names = _unique_names(frame.columns)
    prepared = frame.select(_stata_column(frame, c).alias(names[c]) for c in frame.columns)
    variable_labels = {names[c]: _label(c, names[c], labels.get(c) or DESCRIPTIONS.get(c)) for c in frame.columns}
    value_labels: dict[str, dict[int | float, str]] = {}
    for column in (c for c in frame.columns if c in VALUE_LABELS):
        labels_of: dict[int | float, str] = dict(VALUE_LABELS[column].items())
        value_labels[names[column]] = labels_of
    pyreadstat.write_dta(
        prepared,
        str(path),
        column_labels={k: v for k, v in variable_labels.items() if v},
        variable_value_labels=value_labels,
    )


def _label(column: str, name: str, description: str | None) -> str | None:
    if name == column:
        return description
    return f"{column}: {description}" if description else column


def _unique_names(columns: list[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    taken: set[str] = set()
    for column in columns:
        name, n = stata_name(column), 1
        while name.lower() in taken:
            n += 1
            name = f"{stata_name(column)[: 32 - len(str(n)) - 1]}_{n}"
        taken.add(name.lower())
        names[column] = name
    return names


def _stata_column(frame: pl.DataFrame, column: str) -> pl.Expr:
    dtype = frame.schema[column]
    expr = pl.col(column)
    if dtype == pl.String:
        return expr.fill_null("")
    if dtype == pl.Boolean:
        return expr.cast(pl.Int32)
    if dtype.is_integer():
        values = frame.get_column(column).drop_nulls()
        fits = values.is_empty() or (_INT32[0] <= values.min() and values.max() <= _INT32[1])  # type: ignore[operator]
        return expr.cast(pl.Int32 if fits else pl.Float64)
    if dtype.is_float() or dtype == pl.Date:
        return expr
    if isinstance(dtype, pl.Datetime):
        return expr.dt.replace_time_zone(None)
    return expr.cast(pl.String).fill_null("")
