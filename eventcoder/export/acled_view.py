"""The ACLED view: CAMEO events as ACLED events, by the codebook's :class:`~eventcoder.codebook.acled.AcledMapping`.

Events with no ACLED counterpart are left out. ``fatalities`` is 0 when none
was reported; ``time_precision`` is 1 for a day, 2 for a week, 3 for a month
or year. The country (``iso``, ``region``, ``country``, the prefix of
``event_id_cnty``) is the location's, else actor1's, else actor2's; a state
actor counts as foreign (inter 8) only against a located event's country.
``actor1`` is the source, ``actor2`` the target (ACLED implies no direction;
protests and riots have one actor). The rules are documented in
``codebooks/default/ACLED.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import polars as pl

from eventcoder.codebook.acled import AcledMapping
from eventcoder.enrich.geo import countries
from eventcoder.export.frame import KEEP, Columns, ViewContext, country_expr, precision_expr, utc

__all__ = ["ACLED_SCHEMA", "acled_columns"]

_S, _I, _F, _D = pl.String, pl.Int64, pl.Float64, pl.Date

ACLED_SCHEMA: dict[str, Any] = {
    "event_id_cnty": _S, "event_date": _D, "year": _I, "time_precision": _I,
    "disorder_type": _S, "event_type": _S, "sub_event_type": _S, "actor1": _S,
    "assoc_actor_1": _S, "inter1": _I, "actor2": _S, "assoc_actor_2": _S, "inter2": _I,
    "interaction": _I, "civilian_targeting": _S, "iso": _I, "region": _S, "country": _S,
    "admin1": _S, "admin2": _S, "admin3": _S, "location": _S, "latitude": _F,
    "longitude": _F, "geo_precision": _I, "source": _S, "source_scale": _S, "notes": _S,
    "fatalities": _I, "tags": _S, "timestamp": _I,
}  # fmt: skip
"""Column names and polars types of the ACLED view, in the published order."""

_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
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


def acled_columns(frame: pl.DataFrame, ctx: ViewContext) -> tuple[pl.DataFrame, Columns]:
    """The ACLED columns, decided once per distinct event key by the mapping, joined back to the events."""
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
        KEEP: pl.col("_a_event_type").is_not_null(),
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
