"""Column views: the events of a dataset in the layouts of GDELT, ICEWS, Phoenix and ACLED.

:func:`build_view` is pure: it takes the dataset's tables as polars frames and
returns one frame with exactly the columns, in order, of the published format
(``COLUMNS[view]``, from ``shared/reference/FORMATS.md``). :func:`export_view`
reads a dataset directory and writes a view to Parquet, CSV or TSV.

Per view:

- ``gdelt``: GDELT 2.0 events. ``GlobalEventID`` is the event id read as an
  integer of 53 bits (:mod:`eventcoder.export.ids`); ``Day`` YYYYMMDD, ``MonthYear`` YYYYMM,
  ``Year`` and ``DATEADDED`` (YYYYMMDDHHMMSS) are integers; ``FractionDate``
  is GDELT's ``year + (month * 30 + day) / 365``. Actor codes are split into
  country (ISO3), known group (the segment after IGO/NGO/MNC) and up to three
  role types. ``IsRootEvent`` is 1 when a mention stands in the first three
  sentences (headline and lead). ``AvgTone`` and actor geography are null.
  ``ActionGeo_*`` is the event's location, with FIPS 10-4 country codes;
  ``ActionGeo_Type`` is 1 country, 2 US state, 3 US city, 4 world city,
  5 world region, from the location's precision. ``SOURCEURL`` is the url of
  the event's first article.
- ``icews``: ``Event ID`` is the same number as GDELT's ``GlobalEventID``;
  ``Intensity`` is the Goldstein score, sectors are the role labels
  of the mapping, countries are names, ``Story ID`` the first article,
  ``Sentence Number`` counts from 1, ``Publisher`` is the first article's outlet.
- ``phoenix``: ``PentaClass`` from the root code via the ``penta_class``
  table (the codebook's); ``URLs`` and ``NewsSources`` join the event's
  article urls and outlets with ``;``; ``SentenceID`` is ``article_sentence``.
- ``acled``: CAMEO codes mapped to ACLED event types by an :class:`AcledMapping`
  (codebook data, ``acled.yaml``); events with no ACLED counterpart are left
  out. ``fatalities`` is 0 when none was reported; ``time_precision`` is 1 for
  a day, 2 for a week, 3 for a month or year. The country (``iso``,
  ``region``, ``country``, the prefix of ``event_id_cnty``) is the location's,
  else actor1's, else actor2's; a state actor counts as foreign (inter 8)
  only against a located event's country. ``actor1`` is the source, ``actor2``
  the target (ACLED implies no direction; protests and riots have one actor).

Optional columns ``admin1``, ``geo_precision`` and ``geo_feature_id`` of the
events (or of their first located mention) are used when present; without
``geo_precision`` a location named like its country is precision 3, any other 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import polars as pl

from eventcoder.codebook import Codebook
from eventcoder.codebook.yamlio import load_located
from eventcoder.enrich.geo import countries
from eventcoder.errors import ExportError, OutputError
from eventcoder.export.acled_mapping import AcledMapping, AcledRule, acled_mapping, load_acled_mapping
from eventcoder.export.atomic import replacing
from eventcoder.export.ids import numeric_id_expr
from eventcoder.export.reader import read_manifest, read_table

__all__ = [
    "COLUMNS",
    "SCHEMAS",
    "VIEWS",
    "AcledMapping",
    "AcledRule",
    "acled_mapping",
    "build_view",
    "export_view",
    "load_acled_mapping",
    "read_view",
]

VIEWS = ("gdelt", "icews", "phoenix", "acled")

_S, _I, _F, _D = pl.String, pl.Int64, pl.Float64, pl.Date

_GDELT_ACTOR = [("Code", _S), ("Name", _S), ("CountryCode", _S), ("KnownGroupCode", _S),
                ("EthnicCode", _S), ("Religion1Code", _S), ("Religion2Code", _S), ("Type1Code", _S),
                ("Type2Code", _S), ("Type3Code", _S)]  # fmt: skip
_GDELT_GEO = [("Type", _I), ("Fullname", _S), ("CountryCode", _S), ("ADM1Code", _S), ("ADM2Code", _S),
              ("Lat", _F), ("Long", _F), ("FeatureID", _S)]  # fmt: skip

SCHEMAS: dict[str, dict[str, Any]] = {
    "gdelt": {
        "GlobalEventID": _I, "Day": _I, "MonthYear": _I, "Year": _I, "FractionDate": _F,
        **{f"Actor1{n}": t for n, t in _GDELT_ACTOR},
        **{f"Actor2{n}": t for n, t in _GDELT_ACTOR},
        "IsRootEvent": _I, "EventCode": _S, "EventBaseCode": _S, "EventRootCode": _S,
        "QuadClass": _I, "GoldsteinScale": _F, "NumMentions": _I, "NumSources": _I,
        "NumArticles": _I, "AvgTone": _F,
        **{f"Actor1Geo_{n}": t for n, t in _GDELT_GEO},
        **{f"Actor2Geo_{n}": t for n, t in _GDELT_GEO},
        **{f"ActionGeo_{n}": t for n, t in _GDELT_GEO},
        "DATEADDED": _I, "SOURCEURL": _S,
    },
    "icews": {
        "Event ID": _I, "Event Date": _D, "Source Name": _S, "Source Sectors": _S,
        "Source Country": _S, "Event Text": _S, "CAMEO Code": _S, "Intensity": _F,
        "Target Name": _S, "Target Sectors": _S, "Target Country": _S, "Story ID": _S,
        "Sentence Number": _I, "Publisher": _S, "City": _S, "District": _S, "Province": _S,
        "Country": _S, "Latitude": _F, "Longitude": _F,
    },
    "phoenix": {
        "EventID": _S, "Date": _D, "Year": _I, "Month": _I, "Day": _I, "SourceActorFull": _S,
        "SourceActorEntity": _S, "SourceActorRole": _S, "SourceActorAttribute": _S,
        "TargetActorFull": _S, "TargetActorEntity": _S, "TargetActorRole": _S,
        "TargetActorAttribute": _S, "EventCode": _S, "EventRootCode": _S, "PentaClass": _I,
        "GoldsteinScore": _F, "Issues": _S, "Lat": _F, "Lon": _F, "LocationName": _S,
        "StateName": _S, "CountryCode": _S, "SentenceID": _S, "URLs": _S, "NewsSources": _S,
    },
    "acled": {
        "event_id_cnty": _S, "event_date": _D, "year": _I, "time_precision": _I,
        "disorder_type": _S, "event_type": _S, "sub_event_type": _S, "actor1": _S,
        "assoc_actor_1": _S, "inter1": _I, "actor2": _S, "assoc_actor_2": _S, "inter2": _I,
        "interaction": _I, "civilian_targeting": _S, "iso": _I, "region": _S, "country": _S,
        "admin1": _S, "admin2": _S, "admin3": _S, "location": _S, "latitude": _F,
        "longitude": _F, "geo_precision": _I, "source": _S, "source_scale": _S, "notes": _S,
        "fatalities": _I, "tags": _S, "timestamp": _I,
    },
}  # fmt: skip
"""Column names and polars types of each view, in the published order."""

COLUMNS: dict[str, tuple[str, ...]] = {view: tuple(schema) for view, schema in SCHEMAS.items()}

_GROUP_PREFIXES = ("IGO", "NGO", "MNC", "NGM")
_ROOT_SENTENCES = 3
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_KEEP = "__keep__"
_ACLED_KEY = ("event_code", "country_code", "source_code", "target_code", "source_name", "target_name", "_sentence")
# The ACLED columns the mapping (acled.yaml) decides, one row of them per _ACLED_KEY.
_ACLED_MAPPED = (
    "event_type",
    "sub_event_type",
    "disorder_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "interaction",
    "civilian_targeting",
)
_FORMATS = {".parquet": "parquet", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".txt": "tsv"}


# -- building views ------------------------------------------------------------------------


def build_view(
    name: str,
    events: pl.DataFrame,
    mentions: pl.DataFrame,
    articles: pl.DataFrame,
    actors: pl.DataFrame,
    mapping: AcledMapping,
    *,
    penta_class: Mapping[str, int] | None = None,
    labels: Mapping[str, str] | None = None,
    added: datetime | None = None,
) -> pl.DataFrame:
    """The events in the column layout ``name`` (one of :data:`VIEWS`).

    ``penta_class`` (root code -> 0..4) and ``labels`` (event code -> label)
    are the codebook's tables, used by the Phoenix and ICEWS views; ``added``
    is when the dataset was made (GDELT ``DATEADDED``, ACLED ``timestamp``).
    The result has exactly ``COLUMNS[name]`` with the types of ``SCHEMAS[name]``.
    """
    if name not in VIEWS:
        raise ExportError(f"unknown view {name!r}; expected one of {VIEWS}")
    frame = _event_frame(events, mentions, articles, actors)
    builder = {"gdelt": _gdelt, "icews": _icews, "phoenix": _phoenix, "acled": _acled}[name]
    frame, columns = builder(frame, _Context(mapping, penta_class or {}, labels or {}, added))
    keep = columns.pop(_KEEP, None)
    if keep is not None:
        frame = frame.filter(keep)
    schema = SCHEMAS[name]
    return frame.select(_as_expr(columns[c]).cast(schema[c]).alias(c) for c in schema)


def _as_expr(value: Any) -> pl.Expr:
    return value if isinstance(value, pl.Expr) else pl.lit(value)


_Columns = dict[str, Any]


@dataclass(frozen=True)
class _Context:
    """What every view builder may read besides the event frame: the codebook's tables and the dataset's date."""

    mapping: AcledMapping
    penta: Mapping[str, int]
    labels: Mapping[str, str]
    added: datetime | None


def _event_frame(
    events: pl.DataFrame, mentions: pl.DataFrame, articles: pl.DataFrame, actors: pl.DataFrame
) -> pl.DataFrame:
    """One row per event with everything the views read, parsed actors included."""
    ev = _with_columns(
        events,
        {
            "admin1": _S,
            "geo_precision": _I,
            "geo_feature_id": _S,
            "source_name": _S,
            "target_name": _S,
            "fatalities": _I,
        },
    )
    me = _with_columns(
        mentions,
        {
            "event_id": _S,
            "article_id": _S,
            "sentence_index": _I,
            "char_start": _I,
            "mention_id": _S,
            "sentence_text": _S,
            "date_precision": _S,
            "outlet": _S,
            "admin1": _S,
            "geo_precision": _I,
            "geo_feature_id": _S,
            "location_name": _S,
        },
    )
    ar = _with_columns(articles, {"article_id": _S, "url": _S, "source": _S})
    me = me.join(
        ar.select("article_id", pl.col("url").alias("_url"), pl.col("source").alias("_outlet")),
        on="article_id",
        how="left",
    )
    ordered = me.sort(["event_id", "article_id", "sentence_index", "char_start", "mention_id"], nulls_last=True)
    located = pl.col("location_name").is_not_null()
    per_event = ordered.group_by("event_id", maintain_order=True).agg(
        pl.col("sentence_text").first().alias("_sentence"),
        pl.col("sentence_index").first().alias("_sentence_index"),
        pl.col("article_id").first().alias("_mention_article"),
        pl.col("date_precision").drop_nulls().first().alias("_date_precision"),
        (pl.col("sentence_index").min() < _ROOT_SENTENCES).alias("_root"),
        pl.col("_url").drop_nulls().unique(maintain_order=True).alias("_urls"),
        pl.coalesce("outlet", "_outlet").drop_nulls().unique(maintain_order=True).alias("_outlets"),
        pl.col("admin1").filter(located).first().alias("_m_admin1"),
        pl.col("geo_precision").filter(located).first().alias("_m_geo_precision"),
        pl.col("geo_feature_id").filter(located).first().alias("_m_geo_feature_id"),
    )
    frame = ev.join(per_event, on="event_id", how="left").join(
        ar.select(
            pl.col("article_id").alias("first_article_id"),
            pl.col("url").alias("_first_url"),
            pl.col("source").alias("_first_outlet"),
        ),
        on="first_article_id",
        how="left",
    )
    frame = frame.with_columns(
        pl.coalesce("admin1", "_m_admin1").alias("_admin1"),
        pl.coalesce("geo_precision", "_m_geo_precision").alias("_geo_precision"),
        pl.coalesce("geo_feature_id", "_m_geo_feature_id").alias("_feature_id"),
        pl.col("_urls").fill_null([]),
        pl.col("_outlets").fill_null([]),
    )
    return _with_actor_parts(frame, actors).sort(["event_date", "event_id"], nulls_last=True)


def _with_columns(frame: pl.DataFrame, wanted: Mapping[str, Any]) -> pl.DataFrame:
    """``frame`` with each ``wanted`` column present (null when missing)."""
    missing = [pl.lit(None, dtype=t).alias(c) for c, t in wanted.items() if c not in frame.columns]
    return frame.with_columns(missing) if missing else frame


def _with_actor_parts(frame: pl.DataFrame, actors: pl.DataFrame) -> pl.DataFrame:
    """Split source and target codes into country, known group and roles."""
    frame = frame.with_columns(pl.col("source_code", "target_code").cast(_S))  # an all-null column has no type
    known: dict[str, str | None] = {}
    if {"actor_code", "country_code"} <= set(actors.columns):
        for code, country in actors.select("actor_code", "country_code").unique().iter_rows():
            if code is not None and (code not in known or known[code] is None):
                known[code] = country
    codes = set(frame.get_column("source_code").drop_nulls()) | set(frame.get_column("target_code").drop_nulls())
    parts = {code: _split_code(code, known) for code in codes}
    columns = []
    for side in ("source", "target"):
        table = pl.DataFrame(
            {
                f"{side}_code": list(parts),
                f"_{side}_country": [p[0] for p in parts.values()],
                f"_{side}_group": [p[1] for p in parts.values()],
                f"_{side}_roles": [list(p[2]) for p in parts.values()],
            },
            schema={f"{side}_code": _S, f"_{side}_country": _S, f"_{side}_group": _S, f"_{side}_roles": pl.List(_S)},
        )
        columns.append(table)
    for table in columns:
        frame = frame.join(table, on=table.columns[0], how="left")
    return frame


def _split_code(code: str, known: Mapping[str, str | None]) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(country ISO3, known group, roles) of a CAMEO actor code."""
    segments = [code[i : i + 3] for i in range(0, len(code), 3)]
    if not segments:
        return None, None, ()
    head = segments[0]
    if head in _GROUP_PREFIXES:
        return None, segments[1] if len(segments) > 1 else None, (head, *segments[2:])
    country = known.get(code)
    if country is None and code not in known and head in countries():
        country = head
    if country is not None and head == country:
        return country, None, tuple(segments[1:])
    return None, None, tuple(segments)


# -- GDELT ---------------------------------------------------------------------------------


def _gdelt(frame: pl.DataFrame, ctx: _Context) -> tuple[pl.DataFrame, _Columns]:
    day = pl.col("event_date")
    cols: dict[str, Any] = {
        "GlobalEventID": numeric_id_expr(),
        "Day": day.dt.strftime("%Y%m%d").cast(pl.Int64),
        "MonthYear": day.dt.strftime("%Y%m").cast(pl.Int64),
        "Year": day.dt.year(),
        "FractionDate": (day.dt.year().cast(_F) + (day.dt.month().cast(_F) * 30 + day.dt.day().cast(_F)) / 365).round(
            4
        ),
    }
    for number, side in ((1, "source"), (2, "target")):
        roles = pl.col(f"_{side}_roles")
        cols.update(
            {
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
        )
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
    for prefix in ("Actor1Geo_", "Actor2Geo_"):
        cols.update({f"{prefix}{n}": None for n, _ in _GDELT_GEO})
    fips = _country_expr("country_code", lambda c: c.fips)
    country_name = _country_expr("country_code", lambda c: c.name)
    precision = _precision_expr()
    is_us = pl.col("country_code") == "USA"
    has_place = pl.col("location_name").is_not_null() | pl.col("latitude").is_not_null()
    cols.update(
        {
            "ActionGeo_Type": pl.when(~has_place)
            .then(None)
            .when(precision == 3)
            .then(1)
            .when(is_us & (precision == 1))
            .then(3)
            .when(is_us)
            .then(2)
            .when(precision == 1)
            .then(4)
            .otherwise(5),
            "ActionGeo_Fullname": pl.when(precision == 3)
            .then(pl.coalesce(country_name, "location_name"))
            .otherwise(
                pl.concat_str(
                    [pl.col("location_name"), pl.col("_admin1"), country_name], separator=", ", ignore_nulls=True
                )
            ),
            "ActionGeo_CountryCode": fips,
            "ActionGeo_ADM1Code": pl.when(precision == 3).then(fips),
            "ActionGeo_ADM2Code": None,
            "ActionGeo_Lat": pl.col("latitude"),
            "ActionGeo_Long": pl.col("longitude"),
            "ActionGeo_FeatureID": pl.when(precision == 3).then(fips).otherwise(pl.col("_feature_id")),
            "DATEADDED": int(_utc(ctx.added).strftime("%Y%m%d%H%M%S")) if ctx.added else None,
            "SOURCEURL": pl.coalesce("_first_url", pl.col("_urls").list.first()),
        }
    )
    return frame, cols


# -- ICEWS ---------------------------------------------------------------------------------


def _icews(frame: pl.DataFrame, ctx: _Context) -> tuple[pl.DataFrame, _Columns]:
    precision = _precision_expr()
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
        "Country": _country_expr("country_code", lambda c: c.name),
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
        cols[f"{title} Country"] = _country_expr(f"_{side}_country", lambda c: c.name)
    return frame, cols


# -- Phoenix -------------------------------------------------------------------------------


def _phoenix(frame: pl.DataFrame, ctx: _Context) -> tuple[pl.DataFrame, _Columns]:
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


# -- ACLED ---------------------------------------------------------------------------------


def _acled(frame: pl.DataFrame, ctx: _Context) -> tuple[pl.DataFrame, _Columns]:
    keys = frame.select(
        *_ACLED_KEY,
        "_source_country",
        "_source_group",
        "_source_roles",
        "_target_country",
        "_target_group",
        "_target_roles",
    ).unique(subset=list(_ACLED_KEY), maintain_order=True)
    rows = [_acled_row(row, ctx.mapping) for row in keys.iter_rows(named=True)]
    names = _ACLED_MAPPED
    table = pl.DataFrame(
        {**{c: keys.get_column(c) for c in _ACLED_KEY}, **{f"_a_{n}": [r[n] for r in rows] for n in names}},
        schema_overrides={f"_a_{n}": (_I if n.startswith(("inter", "interaction")) else _S) for n in names},
    )
    precision = _precision_expr()
    frame = frame.with_columns(
        pl.coalesce("country_code", "_source_country", "_target_country").alias("_acled_country")
    )
    cols: dict[str, Any] = {
        _KEEP: pl.col("_a_event_type").is_not_null(),
        "event_id_cnty": pl.concat_str([pl.col("_acled_country").fill_null("XXX"), pl.col("event_id")]),
        "event_date": pl.col("event_date"),
        "year": pl.col("event_date").dt.year(),
        "time_precision": pl.col("_date_precision").replace_strict(
            _TIME_PRECISION, default=None, return_dtype=pl.Int64
        ),
        "assoc_actor_1": None,
        "assoc_actor_2": None,
        "iso": _country_expr("_acled_country", lambda c: c.numeric, dtype=_I),
        "region": pl.col("_acled_country").replace_strict(
            {c: ctx.mapping.region(c) for c in countries()}, default=None, return_dtype=_S
        ),
        "country": _country_expr("_acled_country", lambda c: c.name),
        "admin1": pl.col("_admin1"),
        "admin2": None,
        "admin3": None,
        "location": pl.col("location_name"),
        "latitude": pl.col("latitude"),
        "longitude": pl.col("longitude"),
        "geo_precision": precision,
        "source": pl.col("_outlets").list.join("; ").replace("", None),
        "source_scale": None,
        "notes": pl.col("_sentence"),
        "fatalities": pl.col("fatalities").fill_null(0),
        "tags": None,
        "timestamp": int(_utc(ctx.added).timestamp()) if ctx.added else None,
    }
    for n in names:
        cols[n] = pl.col(f"_a_{n}")
    joined = frame.join(table, on=list(_ACLED_KEY), how="left", nulls_equal=True, maintain_order="left")
    return joined, cols


def _acled_row(row: Mapping[str, Any], mapping: AcledMapping) -> dict[str, Any]:
    event_country = row["country_code"]
    source = _acled_inter(row, "source", mapping, event_country)
    target = _acled_inter(row, "target", mapping, event_country)
    rule = mapping.rule_for(row["event_code"], source, target, row["_sentence"] or "")
    if rule is None:
        return dict.fromkeys(_ACLED_MAPPED)
    # (side, inter code, whether the rule said what kind of actor it is here: then it is named by that kind)
    inter_source = rule.source_inter.apply(source)
    inter_target = None if rule.alone else rule.target_inter.apply(target)
    sides = [
        ("source", inter_source, rule.source_inter.fixed is not None or inter_source != source),
        ("target", inter_target, rule.target_inter.fixed is not None or inter_target != target),
    ]
    if rule.swap and inter_target is not None:
        sides.reverse()
    (side1, inter1, kind1), (side2, inter2, kind2) = sides
    if inter1 is None:  # a rule that leaves the source without a kind: no ACLED event
        return dict.fromkeys(_ACLED_MAPPED)
    disorder = mapping.disorder_type(rule)
    civilian = inter2 in mapping.civilian_inter and disorder is not None and "Political violence" in disorder
    country = row["country_code"] or row["_source_country"] or row["_target_country"]
    return {
        "event_type": rule.event_type,
        "sub_event_type": rule.sub_event_type,
        "disorder_type": disorder,
        "actor1": _acled_side_name(row, side1, inter1, kind1, mapping, country),
        "inter1": inter1,
        "actor2": None if inter2 is None else _acled_side_name(row, side2, inter2, kind2, mapping, country),
        "inter2": inter2,
        "interaction": inter1 * 10 if inter2 is None else min(inter1, inter2) * 10 + max(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilian else "",
    }


def _acled_inter(row: Mapping[str, Any], side: str, mapping: AcledMapping, event_country: str | None) -> int | None:
    """The inter code of the event's source or target (None for no target); an event with no source is agentless."""
    if row[f"{side}_code"] is None:
        return mapping.agentless_inter if side == "source" else None
    return mapping.inter(
        row[f"_{side}_country"], tuple(row[f"_{side}_roles"] or ()), row[f"_{side}_group"], event_country
    )


def _acled_side_name(
    row: Mapping[str, Any], side: str, inter: int, by_kind: bool, mapping: AcledMapping, event_country: str | None
) -> str | None:
    """ACLED's name of one actor: a template of the inter code the rule gave it, else of its role, else its name."""
    code = row[f"{side}_code"]
    if code is None:  # agentless, or a rule gave the missing actor a kind (protesters of a protest)
        template = mapping.names_by_inter.get(inter) or (mapping.agentless_name if side == "source" else None)
        info = countries().get(event_country) if event_country else None
        return template.format(country=info.name) if template is not None and info is not None else None
    country = row[f"_{side}_country"] or (event_country if row[f"_{side}_group"] is None else None)
    return _acled_name(row[f"{side}_name"], country, row[f"_{side}_roles"], inter if by_kind else None, mapping)


def _acled_name(
    name: str | None, country: str | None, roles: Iterable[str] | None, inter: int | None, mapping: AcledMapping
) -> str | None:
    info = countries().get(country) if country else None
    template = mapping.names_by_inter.get(inter) if inter is not None else None
    if template is None:
        template = next((mapping.names_by_role[r] for r in roles or () if r in mapping.names_by_role), None)
    if template is not None and info is not None:
        return template.format(country=info.name)
    return name


# -- shared expressions --------------------------------------------------------------------


def _country_expr(column: str, pick: Any, dtype: Any = _S) -> pl.Expr:
    """A property of the ISO3 country in ``column`` (name, FIPS, numeric)."""
    table = {iso3: pick(info) for iso3, info in countries().items()}
    return pl.col(column).replace_strict(table, default=None, return_dtype=dtype)


def _precision_expr() -> pl.Expr:
    """geo_precision: the column when present, else 3 for a country-named location, else 1."""
    names = sorted({info.name for info in countries().values()})
    has_place = pl.col("location_name").is_not_null() | pl.col("latitude").is_not_null()
    return (
        pl.when(pl.col("_geo_precision").is_not_null())
        .then(pl.col("_geo_precision"))
        .when(~has_place)
        .then(None)
        .when(pl.col("location_name").is_in(names))
        .then(3)
        .otherwise(1)
        .cast(pl.Int64)
    )


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


# -- reading and writing ---------------------------------------------------------------------


def export_view(
    dataset_dir: Path,
    view: str,
    to: Path,
    *,
    codebook: Codebook | None = None,
    mapping: AcledMapping | None = None,
    penta_class: Mapping[str, int] | None = None,
    labels: Mapping[str, str] | None = None,
    header: bool = True,
) -> int:
    """Write ``view`` of the dataset at ``dataset_dir`` to ``to``; return the rows written.

    The format follows the extension of ``to``: ``.parquet``, ``.csv`` or
    ``.tsv``. Text files have a header row unless ``header`` is False (GDELT's
    own files have none); read them back with :func:`read_view` to keep codes
    as text. ``mapping``, ``penta_class`` and ``labels`` default to those of
    ``codebook`` (its ``acled`` data section, PentaClass and labels); without
    a codebook, to the files of the codebook recorded in the dataset's
    manifest (``acled.yaml``, else the default codebook's). The file is
    written beside ``to`` and renamed into place.
    """
    if view not in VIEWS:
        raise ExportError(f"unknown view {view!r}; expected one of {VIEWS}")
    to = Path(to)
    fmt = _FORMATS.get(to.suffix.lower())
    if fmt is None:
        raise ExportError(f"cannot tell the format of {to.name}: use .parquet, .csv or .tsv")
    dataset_dir = Path(dataset_dir)
    tables = {
        name: read_table(dataset_dir, name, required=name in ("events", "mentions"))
        for name in ("events", "mentions", "articles", "actors")
    }
    manifest = read_manifest(dataset_dir)
    if codebook is not None:
        docs = codebook.data.get("acled") or []
        if mapping is None and docs:
            mapping = acled_mapping(docs[0], "acled.yaml", str(codebook.root / "acled.yaml"))
        if penta_class is None:
            penta_class = {c.root: c.penta_class for c in codebook.codes.values()}
        if labels is None:
            labels = {c.code: c.label for c in codebook.codes.values()}
    if mapping is None or penta_class is None or labels is None:
        book_mapping, book_penta, book_labels = _codebook_tables(manifest)
        mapping = mapping or book_mapping
        penta_class = penta_class if penta_class is not None else book_penta
        labels = labels if labels is not None else book_labels
    added = _parse_time(manifest.get("finished"))
    frame = build_view(
        view,
        tables["events"],
        tables["mentions"],
        tables["articles"],
        tables["actors"],
        mapping,
        penta_class=penta_class,
        labels=labels,
        added=added,
    )
    try:
        with replacing(to) as temporary:
            if fmt == "parquet":
                frame.write_parquet(temporary, compression="zstd")
            else:
                frame.write_csv(
                    temporary,
                    separator="\t" if fmt == "tsv" else ",",
                    include_header=header,
                    quote_style="necessary",
                    date_format="%Y-%m-%d",
                )
    except OSError as exc:
        raise OutputError(f"cannot write {to}: {exc}") from exc
    return frame.height


def read_view(path: Path, view: str, *, header: bool = True) -> pl.DataFrame:
    """Read a file written by :func:`export_view` with the view's column types."""
    path = Path(path)
    schema = SCHEMAS[view]
    if path.suffix.lower() == ".parquet":
        return pl.read_parquet(path)
    separator = "," if path.suffix.lower() == ".csv" else "\t"
    if header:
        return pl.read_csv(path, separator=separator, schema=schema)
    return pl.read_csv(path, separator=separator, has_header=False, new_columns=list(schema), schema=schema)


def _codebook_tables(manifest: Mapping[str, Any]) -> tuple[AcledMapping, dict[str, int], dict[str, str]]:
    """The ACLED mapping, PentaClass table and code labels of the dataset's codebook."""
    from eventcoder.codebook import default_codebook_path

    default = default_codebook_path()
    recorded = (manifest.get("codebook") or {}).get("path")
    root = Path(recorded) if recorded and Path(recorded).is_dir() else default
    acled_file = root / "acled.yaml" if (root / "acled.yaml").is_file() else default / "acled.yaml"
    mapping = load_acled_mapping(acled_file)
    penta, labels = _taxonomy(root)
    return mapping, penta, labels


def _taxonomy(root: Path) -> tuple[dict[str, int], dict[str, str]]:
    """PentaClass by root and labels by code, read straight from the codebook files."""
    penta: dict[str, int] = {}
    labels: dict[str, str] = {}
    manifest = root / "codebook.yaml"
    if manifest.is_file():
        doc = load_located(manifest) or {}
        penta = {str(k): int(v) for k, v in (doc.get("penta_class") or {}).items()}
    for file in sorted(root.glob("cameo*.yaml")):
        doc = load_located(file) or {}
        labels.update({str(k): str(v) for k, v in (doc.get("codes") or {}).items()})
    return penta, labels


def _parse_time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
