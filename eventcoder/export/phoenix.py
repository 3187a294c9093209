"""The Phoenix view: ``PentaClass`` from the root code by the codebook's ``penta_class`` table.

``URLs`` and ``NewsSources`` join the event's article urls and outlets with
``;``; ``SentenceID`` is ``article_sentence``.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from eventcoder.export.frame import Columns, ViewContext

__all__ = ["PHOENIX_SCHEMA", "phoenix_columns"]

_S, _I, _F, _D = pl.String, pl.Int64, pl.Float64, pl.Date

PHOENIX_SCHEMA: dict[str, Any] = {
    "EventID": _S, "Date": _D, "Year": _I, "Month": _I, "Day": _I, "SourceActorFull": _S,
    "SourceActorEntity": _S, "SourceActorRole": _S, "SourceActorAttribute": _S,
    "TargetActorFull": _S, "TargetActorEntity": _S, "TargetActorRole": _S,
    "TargetActorAttribute": _S, "EventCode": _S, "EventRootCode": _S, "PentaClass": _I,
    "GoldsteinScore": _F, "Issues": _S, "Lat": _F, "Lon": _F, "LocationName": _S,
    "StateName": _S, "CountryCode": _S, "SentenceID": _S, "URLs": _S, "NewsSources": _S,
}  # fmt: skip
"""Column names and polars types of the Phoenix view, in the published order."""


def phoenix_columns(frame: pl.DataFrame, ctx: ViewContext) -> tuple[pl.DataFrame, Columns]:
    """The Phoenix columns as expressions over :func:`~eventcoder.export.frame.event_frame`'s frame."""
    root = pl.coalesce("root", pl.col("event_code").str.slice(0, 2))
    cols: dict[str, Any] = {
        "EventID": pl.col("event_id"),
        "Date": pl.col("event_date"),
        "Year": pl.col("event_date").dt.year(),
        "Month": pl.col("event_date").dt.month(),
        "Day": pl.col("event_date").dt.day(),
        "EventCode": pl.col("event_code"),
        "EventRootCode": root,
        "PentaClass": root.replace_strict(
            {str(k): int(v) for k, v in ctx.penta.items()}, default=None, return_dtype=pl.Int64
        )
        if ctx.penta
        else None,
        "GoldsteinScore": pl.col("goldstein"),
        "Issues": None,
        "Lat": pl.col("latitude"),
        "Lon": pl.col("longitude"),
        "LocationName": pl.col("location_name"),
        "StateName": pl.col("_admin1"),
        "CountryCode": pl.col("country_code"),
        "SentenceID": pl.concat_str([pl.col("_mention_article"), pl.col("_sentence_index")], separator="_"),
        "URLs": pl.col("_urls").list.join(";").replace("", None),
        "NewsSources": pl.col("_outlets").list.join(";").replace("", None),
    }
    for title, side in (("Source", "source"), ("Target", "target")):
        roles = pl.col(f"_{side}_roles")
        cols[f"{title}ActorFull"] = pl.col(f"{side}_code")
        cols[f"{title}ActorEntity"] = pl.coalesce(
            f"_{side}_country",
            pl.when(pl.col(f"_{side}_group").is_not_null()).then(pl.col(f"{side}_code").str.slice(0, 6)),
        )
        cols[f"{title}ActorRole"] = roles.list.get(0, null_on_oob=True)
        cols[f"{title}ActorAttribute"] = roles.list.get(1, null_on_oob=True)
    return frame, cols
