"""Is this directory an eventcoder dataset? Asked before one is replaced or appended to.

``--overwrite`` and ``--append`` replace the whole directory, so they may only
act on a directory eventcoder wrote: one whose ``manifest.json`` names
eventcoder's dataset format and version, that holds at least one of the
tables, and that holds nothing else (table and view directories of part
files, and the manifest). Anything else is refused with a list of what the
directory holds, because a file someone put there would be deleted.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from eventcoder.errors import DatasetError, NotADatasetError
from eventcoder.export.schema import TABLES

__all__ = ["FORMAT", "FORMAT_VERSION", "MANIFEST", "check_dataset", "own_manifest", "stamp"]

MANIFEST = "manifest.json"
FORMAT = "eventcoder.dataset"
FORMAT_VERSION = 1
"""Written into every manifest; bump it when the layout changes incompatibly."""

_PART = re.compile(r"^part-\d+\.parquet$")
_SHOWN = 12  # entries listed in a refusal


def stamp(manifest: dict[str, Any]) -> dict[str, Any]:
    """The manifest with the dataset format's name and version added."""
    return {**manifest, "format": FORMAT, "format_version": FORMAT_VERSION}


def check_dataset(out: Path, action: str) -> dict[str, Any]:
    """Return the manifest of the dataset ``out``, or raise NotADatasetError saying what ``out`` holds.

    ``action`` ("overwrite", "append to") is for the message.
    """
    entries = sorted(out.iterdir(), key=lambda p: p.name)
    manifest = _own_manifest(out / MANIFEST)
    foreign = [p for p in entries if not _is_ours(p)]
    has_table = any(p.name in TABLES and p.is_dir() for p in entries)
    if manifest is not None and has_table and not foreign:
        return manifest
    if manifest is None:
        why = f"it has no {MANIFEST} written by eventcoder"
    elif not has_table:
        why = "it holds none of the dataset's tables"
    else:
        why = "it holds files eventcoder did not write"
    listed = foreign if manifest is not None and has_table else entries
    names = ", ".join(p.name + ("/" if p.is_dir() else "") for p in listed[:_SHOWN])
    more = f" and {len(listed) - _SHOWN} more" if len(listed) > _SHOWN else ""
    raise NotADatasetError(f"refusing to {action} {out}: {why}; it holds {names}{more}")


def _own_manifest(path: Path) -> dict[str, Any] | None:
    """The manifest if it is eventcoder's (or an older eventcoder's, which wrote only its tool name)."""
    if not path.is_file():
        return None
    try:
        return own_manifest(path.read_bytes())
    except OSError as exc:
        raise DatasetError(f"cannot read {path}: {exc}") from exc


def own_manifest(data: bytes) -> dict[str, Any] | None:
    """The manifest in ``data`` if eventcoder wrote it, else None (also for text that is not JSON)."""
    try:
        loaded = json.loads(data.decode("utf-8"))
    except ValueError:  # not JSON, or not UTF-8: not a manifest eventcoder wrote
        return None
    if not isinstance(loaded, dict):
        return None
    if loaded.get("format") == FORMAT and isinstance(loaded.get("format_version"), int):
        return loaded
    if "format" not in loaded and loaded.get("tool") == "eventcoder" and "version" in loaded:
        return loaded  # written before the format was named
    return None


def _is_ours(entry: Path) -> bool:
    """The manifest, or a directory of Parquet part files (a table or a view, hive partitions allowed)."""
    if entry.name == MANIFEST:
        return entry.is_file()
    if not entry.is_dir() or entry.is_symlink():
        return False
    for path in entry.rglob("*"):
        if path.is_symlink() or (path.is_file() and not _PART.match(path.name)):
            return False
        if path.is_dir() and "=" not in path.name:
            return False
    return True
