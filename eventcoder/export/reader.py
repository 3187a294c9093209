"""Read back a dataset directory written by :class:`~eventcoder.export.writer.DatasetWriter`.

Exports, the HTML report and actor suggestions all start from a finished
dataset: its tables (part files, hive-partitioned or not) and its manifest.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl

from eventcoder.errors import DatasetError
from eventcoder.export.writer import MANIFEST

__all__ = ["read_manifest", "read_table", "scan_table"]


def scan_table(dataset_dir: Path, name: str) -> pl.LazyFrame | None:
    """A lazy scan of one table's part files, or None when the dataset has no such table."""
    directory = Path(dataset_dir) / name
    if not (directory.is_dir() and any(directory.rglob("*.parquet"))):
        return None
    # The parts hold every column (event_date too): hive keys are for other readers, not added here.
    return pl.scan_parquet(str(directory / "**" / "*.parquet"), hive_partitioning=False)


def read_table(dataset_dir: Path, name: str, *, required: bool = False) -> pl.DataFrame:
    """One table, read whole; an empty frame when it is missing, or DatasetError if ``required``."""
    scan = scan_table(dataset_dir, name)
    if scan is None:
        if required:
            raise DatasetError(f"{dataset_dir} has no {name}/ table")
        return pl.DataFrame()
    return scan.collect()


def read_manifest(dataset_dir: Path) -> dict[str, Any]:
    """The dataset's manifest.json, or {} when it has none."""
    path = Path(dataset_dir) / MANIFEST
    if not path.is_file():
        return {}
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetError(f"cannot read {path}: {exc}") from exc
    return loaded if isinstance(loaded, dict) else {}
