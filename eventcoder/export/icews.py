"""The ICEWS view: ``Event ID`` is GDELT's number, ``Intensity`` the Goldstein score.

Sectors are the role labels of the ACLED mapping, countries are names,
``Story ID`` is the first article, ``Sentence Number`` counts from 1 and
``Publisher`` is the first article's outlet.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from eventcoder.export.frame import Columns, ViewContext, country_expr, precision_expr
from eventcoder.export.ids import numeric_id_expr

__all__ = ["ICEWS_SCHEMA", "icews_columns"]

_S, _I, _F, _D = pl.String, pl.Int64, pl.Float64, pl.Date

ICEWS_SCHEMA: dict[str, Any] = {
    "Event ID": _I, "Event Date": _D, "Source Name": _S, "Source Sectors": _S,
    "Source Country": _S, "Event Text": _S, "CAMEO Code": _S, "Intensity": _F,
    "Target Name": _S, "Target Sectors": _S, "Target Country": _S, "Story ID": _S,
    "Sentence Number": _I, "Publisher": _S, "City": _S, "District": _S, "Province": _S,
    "Country": _S, "Latitude": _F, "Longitude": _F,
}  # fmt: skip
"""Column names and polars types of the ICEWS view, in the published order."""


def icews_columns(frame: pl.DataFrame, ctx: ViewContext) -> tuple[pl.DataFrame, Columns]:
    """The ICEWS columns as expressions over :func:`~eventcoder.export.frame.event_frame`'s frame."""
    precision = precision_expr()
    cols: dict[str, Any] = {
        "Event ID": numeric_id_expr(),
        "Event Date": pl.col("event_date"),
        "Event Text": pl.col("event_code").replace_strict(dict(ctx.labels), default=None, return_dtype=_S)
        if ctx.labels
        else None,
        "CAMEO Code": pl.col("event_code"),
        "Intensity": pl.col("goldstein"),
        "Story ID": pl.col("first_article_id"),
        "Sentence Number": pl.col("_sentence_index") + 1,
        "Publisher": pl.coalesce("_first_outlet", pl.col("_outlets").list.first()),
        "City": pl.when(precision == 1).then(pl.col("location_name")),
        "District": None,
        "Province": pl.coalesce("_admin1", pl.when(precision == 2).then(pl.col("location_name"))),
        "Country": country_expr("country_code", lambda c: c.name),
        "Latitude": pl.col("latitude"),
        "Longitude": pl.col("longitude"),
    }
    labels_of_roles = dict(ctx.mapping.role_labels)
    for title, side in (("Source", "source"), ("Target", "target")):
        cols[f"{title} Name"] = pl.col(f"{side}_name")
        cols[f"{title} Sectors"] = (
            pl.col(f"_{side}_roles")
            .list.eval(pl.element().replace_strict(labels_of_roles, default=pl.element()))
            .list.join(",")
            .replace("", None)
        )
        cols[f"{title} Country"] = country_expr(f"_{side}_country", lambda c: c.name)
    return frame, cols
