"""The report's dimensions: actor groups, named actors, places, event codes, countries.

The page filters and counts events by these; each becomes a small table the
page reads by index, and each event column is replaced by the index of its
member. The long tails are capped, so the page stays small whatever the
dataset: actor codes beyond :data:`MAX_CODES` fold into "other actors" of
their country, named actors beyond :data:`MAX_NAMED` are not named, places
beyond :data:`MAX_PLACES` count for their country only (no point). Index 0 is
"none" in every dimension but event codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from eventcoder.report.labels import ORGANISATION_PREFIXES, Labels
from eventcoder.report.world import project

__all__ = ["MAX_CODES", "MAX_NAMED", "MAX_PLACES", "Dimensions", "build_dimensions", "event_code_key", "place_key"]

MAX_CODES = 3000
MAX_NAMED = 2000
MAX_PLACES = 5000
OTHER = "*"  # suffix of a country's bucket of folded codes or places
_PLACE_KEY = ("location_name", "admin1", "country_code", "latitude", "longitude")


@dataclass(frozen=True)
class Dimensions:
    """Each dimension's members (index order, as JSON-ready rows) and the frames mapping values to indices."""

    codes: list[dict[str, object]]
    named: list[dict[str, object]]
    places: list[dict[str, object]]
    event_codes: list[dict[str, object]]
    countries: list[dict[str, object]]
    code_index: pl.DataFrame  # code -> idx (every code of the events, folded ones to their bucket)
    named_index: pl.DataFrame  # actor_id -> idx (kept ones only)
    place_index: pl.DataFrame  # place_key() -> idx
    event_code_index: pl.DataFrame  # event_code_key() -> idx


def place_key() -> pl.Expr:
    """The key of an event's place (name, admin1, country, rounded coordinates), null parts included."""
    parts = [pl.col(c).cast(pl.String).fill_null("") for c in _PLACE_KEY[:3]]
    parts += [pl.col(c).round(4).cast(pl.String).fill_null("") for c in _PLACE_KEY[3:]]
    return pl.concat_str(parts, separator="\x1f").alias("place_key")


def event_code_key() -> pl.Expr:
    """The key of an event's code, QuadClass and Goldstein score."""
    parts = [pl.col(c).cast(pl.String).fill_null("") for c in ("event_code", "quad_class", "goldstein")]
    return pl.concat_str(parts, separator="\x1f").alias("event_code_key")


def build_dimensions(events: pl.DataFrame, actors: pl.DataFrame, labels: Labels) -> Dimensions:
    """Every dimension of the event frame ``events``, labelled from the codebook and the actors table."""
    codes, code_index = _codes(events, actors, labels)
    named, named_index = _named(events, actors)
    places, place_index = _places(events)
    countries = sorted({str(c["country"]) for c in codes + places if c.get("country")})
    position = {iso3: k + 1 for k, iso3 in enumerate(countries)}
    for row in codes + places:
        row["country"] = position.get(str(row.get("country") or ""), 0)
    event_codes, event_code_index = _event_codes(events, labels)
    return Dimensions(
        codes=codes,
        named=named,
        places=places,
        event_codes=event_codes,
        countries=[{"iso3": c, "name": labels.country(c)} for c in ["", *countries]],
        code_index=code_index,
        named_index=named_index,
        place_index=place_index,
        event_code_index=event_code_index,
    )


def _codes(events: pl.DataFrame, actors: pl.DataFrame, labels: Labels) -> tuple[list[dict[str, object]], pl.DataFrame]:
    """Actor codes by events involving them; the top MAX_CODES kept, the others in their country's bucket."""
    counts = (
        pl.concat([events.select(code="source_code"), events.select(code="target_code")])
        .drop_nulls()
        .group_by("code")
        .len()
        .sort(["len", "code"], descending=[True, False])
    )
    organisations = _organisation_names(actors)
    rows: list[dict[str, object]] = [{"code": "", "label": "no actor", "country": None, "listed": False}]
    index: dict[str, int] = {}
    for k, code in enumerate(counts.get_column("code").to_list()):
        country, _ = labels.split_code(code)
        if k >= MAX_CODES:
            code = f"{country or ''}{OTHER}"  # folded into its country's bucket
        if code not in index:
            index[code] = len(rows)
            rows.append(_code_row(code, country, labels, organisations))
        if k >= MAX_CODES:
            index[counts.item(k, "code")] = index[code]
    frame = pl.DataFrame(
        {"code": list(index), "idx": list(index.values())}, schema={"code": pl.String, "idx": pl.UInt16}
    )
    return rows, frame


def _code_row(code: str, country: str | None, labels: Labels, organisations: dict[str, str]) -> dict[str, object]:
    if code.endswith(OTHER):
        label = f"{labels.country(country)} · other actors" if country else "other actors"
        return {"code": code, "label": label, "country": country, "listed": False}
    organisation = code.startswith(ORGANISATION_PREFIXES)
    name = organisations.get(code) if organisation else None
    listed = country is not None or organisation  # a role with no country ("troops" anywhere) is not an actor
    return {"code": code, "label": name or labels.actor(code), "country": country, "listed": listed}


def _organisation_names(actors: pl.DataFrame) -> dict[str, str]:
    """IGO/NGO codes named by their most mentioned codebook actor (IGOUNO -> United Nations)."""
    known = (
        actors.filter(pl.col("origin") == "codebook", pl.col("actor_code").str.starts_with("IGO")
                      | pl.col("actor_code").str.starts_with("NGO") | pl.col("actor_code").str.starts_with("MNC"))
        .sort(["mention_count", "canonical_name"], descending=[True, False], nulls_last=True)
        .unique("actor_code", keep="first", maintain_order=True)
    )  # fmt: skip
    codes, names = known.get_column("actor_code").to_list(), known.get_column("canonical_name").to_list()
    return dict(zip(codes, names, strict=True))


def _named(events: pl.DataFrame, actors: pl.DataFrame) -> tuple[list[dict[str, object]], pl.DataFrame]:
    """Named actors by events involving them, the top MAX_NAMED, with the actors table's name and spellings."""
    counts = (
        pl.concat([events.select(actor_id="source_named"), events.select(actor_id="target_named")])
        .drop_nulls()
        .group_by("actor_id")
        .len()
        .sort(["len", "actor_id"], descending=[True, False])
        .head(MAX_NAMED)
        .join(actors.unique("actor_id"), on="actor_id", how="left", maintain_order="left")
    )
    rows: list[dict[str, object]] = [{"name": "", "code": "", "origin": "", "variants": []}]
    for row in counts.iter_rows(named=True):
        rows.append({
            "name": row["canonical_name"] or row["actor_id"],
            "code": row["actor_code"] or "",
            "origin": row["origin"] or "",
            "variants": list(row["variants"] or [])[:8],
        })  # fmt: skip
    ids = counts.get_column("actor_id")
    frame = pl.DataFrame({"actor_id": ids, "idx": pl.Series(range(1, len(ids) + 1), dtype=pl.UInt16)})
    return rows, frame


def _places(events: pl.DataFrame) -> tuple[list[dict[str, object]], pl.DataFrame]:
    """Located places by events, the top MAX_PLACES as points, every other place as its country's bucket."""
    keyed = events.select(_PLACE_KEY).with_columns(pl.col("latitude").round(4), pl.col("longitude").round(4))
    counts = (
        keyed.filter(pl.col("country_code").is_not_null() | pl.col("latitude").is_not_null())
        .group_by(_PLACE_KEY)
        .len()
        .sort(["len", *_PLACE_KEY], descending=[True, False, False, False, False, False], nulls_last=True)
    )
    rows: list[dict[str, object]] = [{"name": "", "country": None}]
    buckets: dict[str, int] = {}
    indexes = []
    for k, (name, admin1, country, lat, lon, _) in enumerate(counts.iter_rows()):
        if k < MAX_PLACES and lat is not None and lon is not None:
            x, y = project(lon, lat)
            indexes.append(len(rows))
            rows.append({"name": name or "", "admin1": admin1 or "", "country": country, "lat": lat, "lon": lon,
                         "x": round(x, 1), "y": round(y, 1)})  # fmt: skip
            continue
        bucket = f"{country or ''}{OTHER}"
        if bucket not in buckets:
            buckets[bucket] = len(rows)
            rows.append({"name": "other places" if lat is not None else "", "admin1": "", "country": country})
        indexes.append(buckets[bucket])
    frame = counts.select(place_key(), idx=pl.Series(indexes, dtype=pl.UInt16))
    return rows, frame


def _event_codes(events: pl.DataFrame, labels: Labels) -> tuple[list[dict[str, object]], pl.DataFrame]:
    """Each (event code, QuadClass, Goldstein) of the events, with its root and label."""
    distinct = (
        events.select("event_code", "quad_class", "goldstein", "root")
        .unique(["event_code", "quad_class", "goldstein"])
        .sort(["event_code", "quad_class", "goldstein"], nulls_last=True)
    )
    rows = [
        {
            "code": code or "",
            "label": labels.events.get(code or "", ""),
            "root": root or (code or "")[:2],
            "quad": int(quad or 0),
            "goldstein": goldstein,
        }
        for code, quad, goldstein, root in distinct.iter_rows()
    ]
    frame = distinct.select(event_code_key(), idx=pl.Series(range(len(rows)), dtype=pl.UInt16))
    return rows, frame


def roots(event_codes: Iterable[dict[str, object]], labels: Labels) -> list[dict[str, str]]:
    """The root codes present, in code order, with their labels."""
    present = sorted({str(row["root"]) for row in event_codes if row["root"]})
    return [{"root": r, "label": labels.events.get(r, "")} for r in present]
