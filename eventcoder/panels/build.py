"""Balanced panels of event counts: one row per unit and period, zero-filled.

Rules (each one expression below; the README quotes them):

- What is counted (``dedupe``): each row of ``events/`` (mentions merged by
  date, source, target and code), or each row of ``mentions/``.
- Actor countries: an actor code's first three letters when they are an
  ISO 3166 alpha-3 code (``IRQGOV`` is IRQ; ``IGOUNO`` and a bare ``REB`` have
  no country). The ``country`` unit is where the event happened: its
  location's country, else its source's, else its target's (the rule of the
  ACLED view). A row whose unit has no country is in no panel of that unit.
- Date precision: a mention's ``date_precision``; an event's is that of its
  first mention (document order) that has one. ``min_precision`` keeps rows
  dated at least that finely (``week`` keeps day and week).
- Span: every period from the one holding the earliest event of the dataset
  to the one holding the latest, before any filter, so panels of one dataset
  with different filters line up. Weeks start on Monday.
- Units: every unit some event of the dataset has, before the code and
  precision filters; with ``countries``, exactly the listed countries (for
  dyads, every ordered pair of them, a country with itself included), and
  only events whose unit is among them.
- ``codes``: keep events whose CAMEO code starts with one of them (``19``
  is the root, ``190`` the base code, ``0231`` one code).
- Context or unknown: an actor resolved ``context`` (its country taken from
  the event's place or the article) or ``unknown`` (no dictionary entry,
  agent, title or name match). A mention has such an actor when its source
  or its target does; an event, when every one of its mentions does.
- Empty cells: counts and ``goldstein_sum`` are 0; ``goldstein_mean`` and
  ``context_unknown_share`` are null (no events to average).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import polars as pl

from eventcoder.enrich.geo import countries as known_countries
from eventcoder.errors import DatasetError
from eventcoder.export.reader import scan_table
from eventcoder.panels.spec import ROOTS, Dedupe, PanelSpec, Period, Precision, Unit, unit_columns
from eventcoder.storage import open_dataset

__all__ = ["ROW_SCHEMA", "WEAK_HOW", "build_panel", "panel", "panel_rows"]

WEAK_HOW = ("context", "unknown")
"""Resolutions that count as "resolved from context or unknown"."""

ROW_SCHEMA: dict[str, pl.DataType] = {
    "event_date": pl.Date(), "date_precision": pl.String(), "event_code": pl.String(), "quad_class": pl.Int8(),
    "goldstein": pl.Float64(), "source_code": pl.String(), "target_code": pl.String(),
    "location_country": pl.String(), "articles": pl.List(pl.String()), "outlets": pl.List(pl.String()),
    "weak": pl.Boolean(),
}  # fmt: skip
"""One counted thing (an event or a mention) with what the panel reads of it."""

_DOCUMENT_ORDER = ("article_id", "sentence_index", "char_start", "mention_id")


def panel(
    dataset: Path | str,
    unit: Unit | str = Unit.DYAD,
    period: Period | str = Period.MONTH,
    *,
    dedupe: Dedupe | str = Dedupe.EVENTS,
    codes: Sequence[str] = (),
    countries: Sequence[str] = (),
    min_precision: Precision | str | None = None,
) -> pl.DataFrame:
    """The balanced panel of the dataset at ``dataset`` (see the module docstring for every rule)."""
    spec = PanelSpec.of(unit, period, dedupe=dedupe, codes=codes, countries=countries, min_precision=min_precision)
    with open_dataset(dataset, "make a panel of", ("mentions", "articles", "events")) as local:
        return build_panel(panel_rows(local, spec.dedupe), spec)


def panel_rows(dataset: Path, dedupe: Dedupe) -> pl.DataFrame:
    """The dataset's events (or mentions) as :data:`ROW_SCHEMA` rows."""
    mentions = scan_table(dataset, "mentions")
    if mentions is None:
        raise DatasetError(f"{dataset} has no mentions/ table")
    articles = scan_table(dataset, "articles")
    if articles is not None:
        mentions = mentions.join(articles.select("article_id", pl.col("source").alias("_article_source")),
                                 on="article_id", how="left")  # fmt: skip
    else:
        mentions = mentions.with_columns(pl.lit(None, pl.String).alias("_article_source"))
    mentions = mentions.with_columns(
        pl.coalesce("outlet", "_article_source").alias("_outlet"),
        (pl.col("source_how").is_in(WEAK_HOW).fill_null(False) | pl.col("target_how").is_in(WEAK_HOW).fill_null(False))
        .alias("weak"),
    )
    if dedupe is Dedupe.MENTIONS:
        rows = mentions.select(
            *(c for c in ("event_date", "date_precision", "event_code", "quad_class", "goldstein", "source_code",
                          "target_code")),
            pl.col("country_code").alias("location_country"),
            pl.concat_list("article_id").alias("articles"),
            pl.concat_list("_outlet").list.drop_nulls().alias("outlets"),
            "weak",
        )  # fmt: skip
        return rows.collect().cast(ROW_SCHEMA)  # type: ignore[arg-type]
    return _event_rows(dataset, mentions)


def _event_rows(dataset: Path, mentions: pl.LazyFrame) -> pl.DataFrame:
    events = scan_table(dataset, "events")
    if events is None:
        raise DatasetError(f"{dataset} has no events/ table")
    per_event = mentions.sort(list(_DOCUMENT_ORDER), nulls_last=True).group_by("event_id").agg(
        pl.col("date_precision").drop_nulls().first(),
        pl.col("article_id").unique().alias("articles"),
        pl.col("_outlet").drop_nulls().unique().alias("outlets"),
        pl.col("weak").all(),
    )
    rows = events.join(per_event, on="event_id", how="left").select(
        "event_date", "date_precision", "event_code", "quad_class", "goldstein", "source_code", "target_code",
        pl.col("country_code").alias("location_country"), "articles", "outlets", pl.col("weak").fill_null(False),
    )  # fmt: skip
    return rows.collect().cast(ROW_SCHEMA)  # type: ignore[arg-type]


def _country(code: str) -> pl.Expr:
    """The ISO3 country of an actor code column: its first three letters, when they are one."""
    head = pl.col(code).str.slice(0, 3)
    return pl.when(head.is_in(list(known_countries()))).then(head).otherwise(None)


def build_panel(rows: pl.DataFrame, spec: PanelSpec) -> pl.DataFrame:
    """The balanced panel of ``rows`` (:data:`ROW_SCHEMA`): units x periods, zero-filled."""
    keys = unit_columns(spec.unit)
    located = _with_units(rows, spec.period).filter(pl.col("event_date").is_not_null())
    if located.is_empty():
        return _empty(spec)
    periods = _periods(located, spec.period)
    units = _units(located, spec, keys)
    counted = located.filter(pl.all_horizontal(pl.col(k).is_not_null() for k in keys))
    if spec.countries:
        counted = counted.filter(pl.all_horizontal(pl.col(k).is_in(spec.countries) for k in keys))
    counted = counted.filter(_row_filter(spec))
    cells = counted.group_by([*keys, "period"]).agg(_measures())
    grid = units.join(periods, how="cross").join(cells, on=[*keys, "period"], how="left")
    counts = [c for c in _count_columns() if c in grid.columns]
    return grid.with_columns(pl.col(counts).fill_null(0).cast(pl.Int32), pl.col("goldstein_sum").fill_null(0.0)).sort(
        [*keys, "period"]
    )


def _with_units(rows: pl.DataFrame, period: Period) -> pl.DataFrame:
    return rows.with_columns(
        _country("source_code").alias("source_country"),
        _country("target_code").alias("target_country"),
        pl.col("event_date").dt.truncate(period.every).alias("period"),
    ).with_columns(pl.coalesce("location_country", "source_country", "target_country").alias("country"))


def _periods(rows: pl.DataFrame, period: Period) -> pl.DataFrame:
    first, last = rows.get_column("period").min(), rows.get_column("period").max()
    assert isinstance(first, date) and isinstance(last, date)
    return pl.DataFrame({"period": pl.date_range(first, last, period.every, eager=True)})


def _units(rows: pl.DataFrame, spec: PanelSpec, keys: tuple[str, ...]) -> pl.DataFrame:
    if spec.countries:
        grid = pl.DataFrame({keys[0]: list(spec.countries)})
        for key in keys[1:]:
            grid = grid.join(pl.DataFrame({key: list(spec.countries)}), how="cross")
        return grid
    return rows.select(keys).drop_nulls().unique()


def _row_filter(spec: PanelSpec) -> pl.Expr:
    keep = pl.lit(True)
    if spec.codes:
        keep = keep & pl.any_horizontal(pl.col("event_code").str.starts_with(code) for code in spec.codes)
    if spec.min_precision is not None:
        allowed = [p.value for p in Precision if p.rank <= spec.min_precision.rank]
        keep = keep & pl.col("date_precision").is_in(allowed).fill_null(False)
    return keep


def _measures() -> list[pl.Expr]:
    quad = pl.col("quad_class")
    return [
        pl.len().alias("events"),
        *((quad == q).sum().alias(f"quad_{q}") for q in (1, 2, 3, 4)),
        *((pl.col("event_code").str.slice(0, 2) == r).sum().alias(f"root_{r}") for r in ROOTS),
        pl.col("goldstein").sum().alias("goldstein_sum"),
        pl.col("goldstein").mean().alias("goldstein_mean"),
        (quad == 4).sum().alias("material_conflict"),
        _distinct("articles").alias("articles"),
        _distinct("outlets").alias("sources"),
        pl.col("weak").mean().alias("context_unknown_share"),
    ]


def _distinct(column: str) -> pl.Expr:
    """Distinct values over the lists of a cell's rows."""
    return pl.col(column).list.explode(keep_nulls=False, empty_as_null=False).drop_nulls().n_unique()


def _count_columns() -> list[str]:
    return ["events", *(f"quad_{q}" for q in (1, 2, 3, 4)), *(f"root_{r}" for r in ROOTS), "material_conflict",
            "articles", "sources"]  # fmt: skip


def _empty(spec: PanelSpec) -> pl.DataFrame:
    """A panel of no rows with every column: a dataset with no dated events."""
    schema: dict[str, pl.DataType] = {k: pl.String() for k in unit_columns(spec.unit)}
    schema["period"] = pl.Date()
    for column in _count_columns():
        schema[column] = pl.Int32()
    schema |= {"goldstein_sum": pl.Float64(), "goldstein_mean": pl.Float64(), "context_unknown_share": pl.Float64()}
    order = [*unit_columns(spec.unit), "period", "events", *(f"quad_{q}" for q in (1, 2, 3, 4)),
             *(f"root_{r}" for r in ROOTS), "goldstein_sum", "goldstein_mean", "material_conflict", "articles",
             "sources", "context_unknown_share"]  # fmt: skip
    return pl.DataFrame(schema={c: schema[c] for c in order})
