"""Column views: the events of a dataset in the layouts of GDELT, ICEWS, Phoenix and ACLED.

:func:`build_view` is pure: it takes the dataset's tables as polars frames and
returns one frame with exactly the columns, in order, of the published format
(``COLUMNS[view]``), optionally without the events dated less precisely than
``min_precision`` and with a trailing date-precision column
(:mod:`eventcoder.export.precision`). :mod:`eventcoder.export.exporting`
reads a dataset directory and writes a view to a file.

Per view:

- ``gdelt``: GDELT 2.0 events, see :mod:`eventcoder.export.gdelt`; ``gdelt-mentions``:
  GDELT 2.0 mentions, one row per event mention, see :mod:`eventcoder.export.gdelt_mentions`.
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
from datetime import datetime
from typing import Any

import polars as pl

from eventcoder.codebook.acled import AcledMapping, AcledRule, acled_mapping, load_acled_mapping
from eventcoder.enrich.geo import countries
from eventcoder.errors import ExportError
from eventcoder.export.frame import Columns, ViewContext, as_expr, country_expr, event_frame, precision_expr, utc
from eventcoder.export.gdelt import GDELT_SCHEMA, gdelt_columns
from eventcoder.export.gdelt_mentions import MENTIONS_SCHEMA, build_gdelt_mentions
from eventcoder.export.ids import numeric_id_expr
from eventcoder.export.precision import SIDE_COLUMNS, DatePrecision, precision_filter

__all__ = [
    "COLUMNS",
    "SCHEMAS",
    "VIEWS",
    "AcledMapping",
    "AcledRule",
    "acled_mapping",
    "build_view",
    "load_acled_mapping",
]

VIEWS = ("gdelt", "gdelt-mentions", "icews", "phoenix", "acled")

_S, _I, _F, _D = pl.String, pl.Int64, pl.Float64, pl.Date

SCHEMAS: dict[str, dict[str, Any]] = {
    "gdelt": GDELT_SCHEMA,
    "gdelt-mentions": MENTIONS_SCHEMA,
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
    actor_mentions: pl.DataFrame | None = None,
    min_precision: DatePrecision | None = None,
    precision_column: bool = False,
) -> pl.DataFrame:
    """The events (for ``gdelt-mentions``, the mentions) in the column layout ``name`` (one of :data:`VIEWS`).

    ``penta_class`` (root code -> 0..4) and ``labels`` (event code -> label)
    are the codebook's tables, used by the Phoenix and ICEWS views; ``added``
    is when the dataset was made (GDELT ``DATEADDED``, ACLED ``timestamp``);
    ``actor_mentions`` places the actors of ``gdelt-mentions``. Rows dated
    less precisely than ``min_precision`` are left out. The result has exactly
    ``COLUMNS[name]`` with the types of ``SCHEMAS[name]``, then, with
    ``precision_column``, the view's date-precision column when it has one
    (:data:`~eventcoder.export.precision.SIDE_COLUMNS`).
    """
    if name not in VIEWS:
        raise ExportError(f"unknown view {name!r}; expected one of {VIEWS}")
    if name == "gdelt-mentions":
        frame = build_gdelt_mentions(mentions, articles, actor_mentions if actor_mentions is not None else
                                     pl.DataFrame(), added)
        if min_precision is not None:
            frame = frame.filter(precision_filter(min_precision))
        return frame.drop("_date_precision")
    frame = event_frame(events, mentions, articles, actors)
    if min_precision is not None:
        frame = frame.filter(precision_filter(min_precision))
    builder = {"gdelt": gdelt_columns, "icews": _icews, "phoenix": _phoenix, "acled": _acled}[name]
    frame, columns = builder(frame, ViewContext(mapping, penta_class or {}, labels or {}, added))
    keep = columns.pop(_KEEP, None)
    if keep is not None:
        frame = frame.filter(keep)
    schema = SCHEMAS[name]
    selected = [as_expr(columns[c]).cast(schema[c]).alias(c) for c in schema]
    if precision_column and name in SIDE_COLUMNS:
        selected.append(pl.col("_date_precision").alias(SIDE_COLUMNS[name]))
    return frame.select(selected)


# -- ICEWS ---------------------------------------------------------------------------------


def _icews(frame: pl.DataFrame, ctx: ViewContext) -> tuple[pl.DataFrame, Columns]:
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


# -- Phoenix -------------------------------------------------------------------------------


def _phoenix(frame: pl.DataFrame, ctx: ViewContext) -> tuple[pl.DataFrame, Columns]:
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


def _acled(frame: pl.DataFrame, ctx: ViewContext) -> tuple[pl.DataFrame, Columns]:
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
    precision = precision_expr()
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
        "iso": country_expr("_acled_country", lambda c: c.numeric, dtype=_I),
        "region": pl.col("_acled_country").replace_strict(
            {c: ctx.mapping.region(c, info.continent or "") for c, info in countries().items()},
            default=None,
            return_dtype=_S,
        ),
        "country": country_expr("_acled_country", lambda c: c.name),
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
        "timestamp": int(utc(ctx.added).timestamp()) if ctx.added else None,
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


def __getattr__(name: str) -> Any:
    """``export_view`` and ``read_view`` lived here; they are in :mod:`eventcoder.export.exporting` now."""
    if name in ("export_view", "read_view"):
        from eventcoder.export import exporting  # exporting imports this module: looked up on use

        return getattr(exporting, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
