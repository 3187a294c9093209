"""Column views: the events of a dataset in the layouts of GDELT, ICEWS, Phoenix and ACLED.

:func:`build_view` is pure: it takes the dataset's tables as polars frames and
returns one frame with exactly the columns, in order, of the published format
(``COLUMNS[view]``), optionally without the events dated less precisely than
``min_precision`` and with a trailing date-precision column
(:mod:`eventcoder.export.precision`). :mod:`eventcoder.export.exporting`
reads a dataset directory and writes a view to a file.

One module per view, each with its schema and its column builder over
:func:`~eventcoder.export.frame.event_frame`'s frame:

- ``gdelt``: GDELT 2.0 events, :mod:`eventcoder.export.gdelt`; ``gdelt-mentions``:
  GDELT 2.0 mentions, one row per event mention, :mod:`eventcoder.export.gdelt_mentions`;
- ``icews``: :mod:`eventcoder.export.icews`;
- ``phoenix``: :mod:`eventcoder.export.phoenix`;
- ``acled``: CAMEO codes mapped to ACLED event types by the codebook's
  :class:`AcledMapping` (``acled.yaml``), :mod:`eventcoder.export.acled_view`.

Optional columns ``admin1``, ``geo_precision`` and ``geo_feature_id`` of the
events (or of their first located mention) are used when present; without
``geo_precision`` a location named like its country is precision 3, any other 1.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import polars as pl

from eventcoder.codebook.acled import AcledMapping, AcledRule, acled_mapping, load_acled_mapping
from eventcoder.errors import ExportError
from eventcoder.export.acled_view import ACLED_SCHEMA, acled_columns
from eventcoder.export.frame import KEEP, Columns, ViewContext, as_expr, event_frame
from eventcoder.export.gdelt import GDELT_SCHEMA, gdelt_columns
from eventcoder.export.gdelt_mentions import MENTIONS_SCHEMA, build_gdelt_mentions
from eventcoder.export.icews import ICEWS_SCHEMA, icews_columns
from eventcoder.export.phoenix import PHOENIX_SCHEMA, phoenix_columns
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

SCHEMAS: dict[str, dict[str, Any]] = {
    "gdelt": GDELT_SCHEMA,
    "gdelt-mentions": MENTIONS_SCHEMA,
    "icews": ICEWS_SCHEMA,
    "phoenix": PHOENIX_SCHEMA,
    "acled": ACLED_SCHEMA,
}
"""Column names and polars types of each view, in the published order."""

COLUMNS: dict[str, tuple[str, ...]] = {view: tuple(schema) for view, schema in SCHEMAS.items()}

# The column builders of the views made from the events (gdelt-mentions is made from the mentions).
_BUILDERS: dict[str, Callable[[pl.DataFrame, ViewContext], tuple[pl.DataFrame, Columns]]] = {
    "gdelt": gdelt_columns,
    "icews": icews_columns,
    "phoenix": phoenix_columns,
    "acled": acled_columns,
}


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
    key_column: str | None = None,
) -> pl.DataFrame:
    """The events (for ``gdelt-mentions``, the mentions) in the column layout ``name`` (one of :data:`VIEWS`).

    ``penta_class`` (root code -> 0..4) and ``labels`` (event code -> label)
    are the codebook's tables, used by the Phoenix and ICEWS views; ``added``
    is when the dataset was made (GDELT ``DATEADDED``, ACLED ``timestamp``);
    ``actor_mentions`` places the actors of ``gdelt-mentions``. Rows dated
    less precisely than ``min_precision`` are left out. The result has exactly
    ``COLUMNS[name]`` with the types of ``SCHEMAS[name]``, then, with
    ``precision_column``, the view's date-precision column when it has one
    (:data:`~eventcoder.export.precision.SIDE_COLUMNS`), then, with
    ``key_column``, a column of that name holding each row's ``event_id``
    (for ``gdelt-mentions``, its ``article_id``), so a database load can
    replace the rows of the events it changed.
    """
    if name not in VIEWS:
        raise ExportError(f"unknown view {name!r}; expected one of {VIEWS}")
    if name == "gdelt-mentions":
        frame = build_gdelt_mentions(mentions, articles, actor_mentions if actor_mentions is not None else
                                     pl.DataFrame(), added)
        if min_precision is not None:
            frame = frame.filter(precision_filter(min_precision))
        frame = frame.drop("_date_precision")
        return frame.rename({"_key": key_column}) if key_column else frame.drop("_key")
    frame = event_frame(events, mentions, articles, actors)
    if min_precision is not None:
        frame = frame.filter(precision_filter(min_precision))
    builder = _BUILDERS[name]
    frame, columns = builder(frame, ViewContext(mapping, penta_class or {}, labels or {}, added))
    keep = columns.pop(KEEP, None)
    if keep is not None:
        frame = frame.filter(keep)
    schema = SCHEMAS[name]
    selected = [as_expr(columns[c]).cast(schema[c]).alias(c) for c in schema]
    if precision_column and name in SIDE_COLUMNS:
        selected.append(pl.col("_date_precision").alias(SIDE_COLUMNS[name]))
    if key_column:
        selected.append(pl.col("event_id").alias(key_column))
    return frame.select(selected)


def __getattr__(name: str) -> Any:
    """``export_view`` and ``read_view`` lived here; they are in :mod:`eventcoder.export.exporting` now."""
    if name in ("export_view", "read_view"):
        from eventcoder.export import exporting  # exporting imports this module: looked up on use

        return getattr(exporting, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
