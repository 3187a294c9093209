"""Write a panel: Parquet, CSV or Stata ``.dta`` (by extension), atomically.

A ``.dta`` file carries each column's definition as its variable label
(Stata keeps 80 characters) and the panel's unit and period as the file
label; it needs pyreadstat (``pip install 'eventcoder[stata]'``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import polars as pl

from eventcoder.errors import MissingExtraError, OutputError, PanelError
from eventcoder.fs.atomic import replacing
from eventcoder.panels.spec import COLUMN_DEFINITIONS

__all__ = ["FORMATS", "write_panel"]

FORMATS = (".parquet", ".csv", ".dta")
_STATA_LABEL = 80


def write_panel(frame: pl.DataFrame, to: Path, *, label: str = "") -> Path:
    """Write ``frame`` to ``to`` (``.parquet``, ``.csv`` or ``.dta``) through a file beside it renamed into place."""
    to = Path(to)
    suffix = to.suffix.lower()
    if suffix not in FORMATS:
        raise PanelError(f"cannot tell the format of {to.name}: use {', '.join(FORMATS)}")
    stata = _stata_writer() if suffix == ".dta" else None
    try:
        with replacing(to) as temporary:
            if suffix == ".parquet":
                frame.write_parquet(temporary, compression="zstd")
            elif suffix == ".csv":
                frame.write_csv(temporary, date_format="%Y-%m-%d")
            elif stata is not None:
                labels = {c: COLUMN_DEFINITIONS.get(c, c)[:_STATA_LABEL] for c in frame.columns}
                stata(frame, str(temporary), column_labels=labels, file_label=label[:_STATA_LABEL] or None)
    except OSError as exc:
        raise OutputError(f"cannot write {to}: {exc}") from exc
    return to


def _stata_writer() -> Callable[..., None]:
    try:
        writer: Callable[..., None] = importlib.import_module("pyreadstat").write_dta
        return writer
    except ImportError as exc:
        raise MissingExtraError("writing .dta files needs pyreadstat: pip install 'eventcoder[stata]'") from exc
