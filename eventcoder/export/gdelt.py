"""The GDELT 2.0 events view: 61 columns, one row per event.

``GlobalEventID`` is the event id as a 53-bit number (:mod:`eventcoder.export.ids`);
``Day`` YYYYMMDD, ``MonthYear`` YYYYMM, ``Year`` and ``DATEADDED``
(YYYYMMDDHHMMSS) are integers; ``FractionDate`` is GDELT's
``year + (month * 30 + day) / 365``. Actor codes are split into country
(ISO3), known group (the segment after IGO/NGO/MNC) and up to three role
types. ``IsRootEvent`` is 1 when a mention stands in the first three
sentences (headline and lead). ``AvgTone`` is null. ``SOURCEURL`` is the url
of the event's first article.

Geography, with FIPS 10-4 country codes as GDELT has them:

- ``ActionGeo_*`` is the event's place. ``Type`` is 1 country, 2 US state,
  3 US city, 4 world city, 5 world region (from the place's precision).
  ``ADM1Code`` is the FIPS country code and geonames' first-level code
  (:mod:`eventcoder.enrich.admin1`, ``IZ11`` for Erbil); for a country, or a
  place whose region geonames does not code (a region known only by its
  ISO 3166-2 code), it is the FIPS country code alone, as GDELT writes for
  places known only to the country. ``FeatureID`` is the geonames id of a
  town, the ADM1 code of a region (its ISO 3166-2 code when there is none),
  the FIPS code of a country.
- ``Actor1Geo_*``/``Actor2Geo_*``: an actor's place, known when its code
  names a country: the event's place when that place lies in the actor's
  country, else the country itself (type 1, the country's mean town point).
  An actor with no country (IGOs, bare roles) has none.

:data:`BIGQUERY_NAMES` renames the columns as GDELT's BigQuery tables name them
(``GLOBALEVENTID``, ``SQLDATE``, ``*Geo_FullName``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import polars as pl

from eventcoder.enrich.admin1 import adm1_codes
from eventcoder.enrich.geo import countries, default_gazetteer
from eventcoder.export.frame import Columns, ViewContext, country_expr, precision_expr, utc
from eventcoder.export.ids import numeric_id_expr

__all__ = ["BIGQUERY_NAMES", "GDELT_SCHEMA", "gdelt_columns"]

_S, _I, _F = pl.String, pl.Int64, pl.Float64

_ACTOR = [("Code", _S), ("Name", _S), ("CountryCode", _S), ("KnownGroupCode", _S), ("EthnicCode", _S),
          ("Religion1Code", _S), ("Religion2Code", _S), ("Type1Code", _S), ("Type2Code", _S),
          ("Type3Code", _S)]  # fmt: skip
_GEO = [("Type", _I), ("Fullname", _S), ("CountryCode", _S), ("ADM1Code", _S), ("ADM2Code", _S),
        ("Lat", _F), ("Long", _F), ("FeatureID", _S)]  # fmt: skip

GDELT_SCHEMA: dict[str, Any] = {
    "GlobalEventID": _I, "Day": _I, "MonthYear": _I, "Year": _I, "FractionDate": _F,
    **{f"Actor1{n}": t for n, t in _ACTOR},
    **{f"Actor2{n}": t for n, t in _ACTOR},
    "IsRootEvent": _I, "EventCode": _S, "EventBaseCode": _S, "EventRootCode": _S,
    "QuadClass": _I, "GoldsteinScale": _F, "NumMentions": _I, "NumSources": _I,
    "NumArticles": _I, "AvgTone": _F,
    **{f"Actor1Geo_{n}": t for n, t in _GEO},
    **{f"Actor2Geo_{n}": t for n, t in _GEO},
    **{f"ActionGeo_{n}": t for n, t in _GEO},
    "DATEADDED": _I, "SOURCEURL": _S,
}  # fmt: skip
"""Column names and polars types of the GDELT 2.0 events file, in the published order."""

BIGQUERY_NAMES: dict[str, str] = {
    "GlobalEventID": "GLOBALEVENTID",
    "Day": "SQLDATE",
    **{f"{side}Geo_Fullname": f"{side}Geo_FullName" for side in ("Actor1", "Actor2", "Action")},
}
"""The GDELT column names BigQuery's ``gdeltv2.events`` and ``eventmentions`` spell otherwise."""

_ISO_REGION = r"^[A-Z]{2}-[A-Z0-9]+$"  # an ISO 3166-2 code: the feature id of a region


def gdelt_columns(frame: pl.DataFrame, ctx: ViewContext) -> tuple[pl.DataFrame, Columns]:
    """The GDELT columns as expressions over :func:`~eventcoder.export.frame.event_frame`'s frame."""
    frame = _with_geo(frame)
    day = pl.col("event_date")
    cols: Columns = {
        "GlobalEventID": numeric_id_expr(),
        "Day": day.dt.strftime("%Y%m%d").cast(pl.Int64),
        "MonthYear": day.dt.strftime("%Y%m").cast(pl.Int64),
        "Year": day.dt.year(),
        "FractionDate": (day.dt.year().cast(_F) + (day.dt.month().cast(_F) * 30 + day.dt.day().cast(_F)) / 365).round(
            4
        ),
    }
    for number, side in ((1, "source"), (2, "target")):
        cols.update(_actor_columns(number, side))
    cols.update(
        {
            "IsRootEvent": pl.col("_root").fill_null(False).cast(pl.Int64),
            "EventCode": pl.col("event_code"),
            "EventBaseCode": pl.col("event_code").str.slice(0, 3),
            "EventRootCode": pl.coalesce("root", pl.col("event_code").str.slice(0, 2)),
            "QuadClass": pl.col("quad_class"),
            "GoldsteinScale": pl.col("goldstein"),
            "NumMentions": pl.col("num_mentions"),
            "NumSources": pl.col("num_sources"),
            "NumArticles": pl.col("num_articles"),
            "AvgTone": None,
        }
    )
    for prefix in ("Actor1Geo_", "Actor2Geo_", "ActionGeo_"):
        cols.update({f"{prefix}{n}": pl.col(f"_{prefix}{n}") for n, _ in _GEO})
    cols["DATEADDED"] = int(utc(ctx.added).strftime("%Y%m%d%H%M%S")) if ctx.added else None
    cols["SOURCEURL"] = pl.coalesce("_first_url", pl.col("_urls").list.first())
    return frame, cols


def _actor_columns(number: int, side: str) -> Columns:
    roles = pl.col(f"_{side}_roles")
    return {
        f"Actor{number}Code": pl.col(f"{side}_code"),
        f"Actor{number}Name": pl.col(f"{side}_name").str.to_uppercase(),
        f"Actor{number}CountryCode": pl.col(f"_{side}_country"),
        f"Actor{number}KnownGroupCode": pl.col(f"_{side}_group"),
        f"Actor{number}EthnicCode": None,
        f"Actor{number}Religion1Code": None,
        f"Actor{number}Religion2Code": None,
        f"Actor{number}Type1Code": roles.list.get(0, null_on_oob=True),
        f"Actor{number}Type2Code": roles.list.get(1, null_on_oob=True),
        f"Actor{number}Type3Code": roles.list.get(2, null_on_oob=True),
    }


def _with_geo(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with the 24 geography columns, named ``_{Actor1,Actor2,Action}Geo_*``."""
    frame = frame.with_columns(_action_geo())
    for number, side in ((1, "source"), (2, "target")):
        frame = frame.with_columns(_actor_geo(f"Actor{number}Geo_", f"_{side}_country"))
    return frame


def _action_geo() -> list[pl.Expr]:
    fips = country_expr("country_code", lambda c: c.fips)
    country_name = country_expr("country_code", lambda c: c.name)
    precision = precision_expr()
    is_us = pl.col("country_code") == "USA"
    has_place = pl.col("location_name").is_not_null() | pl.col("latitude").is_not_null()
    feature = pl.col("_feature_id")
    adm1 = feature.replace_strict(adm1_codes(), default=None, return_dtype=_S)
    region = feature.str.contains(_ISO_REGION).fill_null(False)
    columns = {
        "Type": pl.when(~has_place).then(None).when(precision == 3).then(1).when(is_us & (precision == 1)).then(3)
        .when(is_us).then(2).when(precision == 1).then(4).otherwise(5),
        "Fullname": pl.when(precision == 3).then(pl.coalesce(country_name, "location_name")).otherwise(
            pl.concat_str([pl.col("location_name"), pl.col("_admin1"), country_name], separator=", ",
                          ignore_nulls=True)),
        "CountryCode": fips,
        "ADM1Code": pl.when(~has_place).then(None).when(precision == 3).then(fips).otherwise(pl.coalesce(adm1, fips)),
        "ADM2Code": pl.lit(None, dtype=_S),
        "Lat": pl.col("latitude"),
        "Long": pl.col("longitude"),
        "FeatureID": pl.when(precision == 3).then(fips).when(region).then(pl.coalesce(adm1, feature))
        .otherwise(feature),
    }  # fmt: skip
    return [expr.alias(f"_ActionGeo_{name}") for name, expr in columns.items()]


def _actor_geo(prefix: str, country: str) -> list[pl.Expr]:
    """An actor's place: the event's when it lies in the actor's country, else the country's."""
    here = pl.col(country).is_not_null() & (pl.col(country) == pl.col("country_code"))
    known = pl.col(country).is_not_null()
    points = _country_points()
    fips = country_expr(country, lambda c: c.fips)
    at_country = {
        "Type": pl.lit(1, dtype=_I),
        "Fullname": country_expr(country, lambda c: c.name),
        "CountryCode": fips,
        "ADM1Code": fips,
        "ADM2Code": pl.lit(None, dtype=_S),
        "Lat": pl.col(country).replace_strict({k: v[0] for k, v in points.items()}, default=None, return_dtype=_F),
        "Long": pl.col(country).replace_strict({k: v[1] for k, v in points.items()}, default=None, return_dtype=_F),
        "FeatureID": fips,
    }
    return [
        pl.when(here).then(pl.col(f"_ActionGeo_{name}")).when(known).then(expr).alias(f"_{prefix}{name}")
        for name, expr in at_country.items()
    ]


@lru_cache(maxsize=1)
def _country_points() -> dict[str, tuple[float, float]]:
    """Each country's point in the gazetteer (the mean of its towns), by ISO3."""
    gazetteer = default_gazetteer()
    points: dict[str, tuple[float, float]] = {}
    for iso3, info in countries().items():
        for place in gazetteer.candidates(info.name):
            if place.geo_precision == 3 and place.country_code == iso3 and place.latitude is not None:
                points[iso3] = (place.latitude, place.longitude if place.longitude is not None else 0.0)
                break
    return points
