"""A dataset on object storage: what a prefix holds, reading it down, and committing a new one.

Object stores cannot rename a directory, so a remote dataset is committed in
steps that never let a half dataset look complete:

1. every file but ``manifest.json`` is uploaded under a staging prefix beside
   the dataset (``.{name}.tmp-{token}/``), while the previous dataset stays
   readable;
2. the previous ``manifest.json`` is deleted: from here on readers refuse the
   prefix (:class:`~eventcoder.errors.IncompleteDatasetError`);
3. the staged files are copied in (server-side on S3) and files of the
   previous dataset that the new one lacks are deleted;
4. ``manifest.json`` is written, last, and the staging prefix is deleted.

A run killed before step 2 leaves the previous dataset as it was (and a
staging prefix to delete); one killed in steps 2-3 leaves a prefix that every
reader refuses until ``--overwrite`` writes it again. There is no lock across
machines: two runs writing one prefix at once may lose one run's rows.
"""

from __future__ import annotations

import secrets
from enum import Enum
from pathlib import Path
from typing import Any

from eventcoder.errors import DatasetError, IncompleteDatasetError, NotADatasetError, OutputError
from eventcoder.export.schema import TABLES
from eventcoder.export.target import MANIFEST, own_manifest
from eventcoder.storage.urls import Remote

__all__ = ["PrefixState", "check_remote_dataset", "download", "prefix_state", "publish", "upload"]


class PrefixState(Enum):
    """What a remote prefix holds, as a writer or reader must know it."""

    EMPTY = "empty"  # nothing there
    DATASET = "dataset"  # a complete eventcoder dataset
    INCOMPLETE = "incomplete"  # eventcoder's tables without a manifest: a commit in progress or killed
    FOREIGN = "foreign"  # files eventcoder did not write


def _relative(where: Remote, key: str) -> str:
    return key[len(where.path.rstrip("/")) + 1:]


def _files(where: Remote) -> list[str]:
    """The files under ``where``, as paths relative to it."""
    try:
        where.fs.invalidate_cache(where.path)  # another process may have written since this one listed
        if not where.fs.exists(where.path):
            return []
        return sorted(_relative(where, key) for key in where.fs.find(where.path))
    except OSError as exc:
        raise DatasetError(f"cannot list {where.url}: {exc}") from exc


def _manifest(where: Remote) -> dict[str, Any] | None:
    try:
        if not where.fs.isfile(where.join(MANIFEST)):
            return None
        data = where.fs.cat_file(where.join(MANIFEST))
    except (OSError, FileNotFoundError) as exc:
        raise DatasetError(f"cannot read {where.url}/{MANIFEST}: {exc}") from exc
    return own_manifest(bytes(data))


def _is_ours(relative: str) -> bool:
    """The manifest, or a Parquet part in a table or view directory (hive partitions allowed)."""
    parts = relative.split("/")
    if parts == [MANIFEST]:
        return True
    return (len(parts) >= 2 and parts[-1].startswith("part-") and parts[-1].endswith(".parquet")
            and all("=" in p for p in parts[1:-1]))


def prefix_state(where: Remote) -> tuple[PrefixState, dict[str, Any] | None]:
    """What ``where`` holds, and its manifest when it is a complete dataset."""
    files = _files(where)
    if not files:
        return PrefixState.EMPTY, None
    if not all(_is_ours(f) for f in files):
        return PrefixState.FOREIGN, None
    manifest = _manifest(where) if MANIFEST in files else None
    tables = {f.split("/", 1)[0] for f in files if "/" in f}
    if manifest is not None and "row_counts" in manifest and tables >= set(TABLES):
        return PrefixState.DATASET, manifest
    if manifest is not None and not tables:
        return PrefixState.FOREIGN, None
    return PrefixState.INCOMPLETE, None


def check_remote_dataset(where: Remote, action: str) -> dict[str, Any]:
    """The manifest of the complete dataset at ``where``, else a typed error saying what the prefix holds."""
    state, manifest = prefix_state(where)
    if state is PrefixState.DATASET and manifest is not None:
        return manifest
    if state is PrefixState.INCOMPLETE:
        raise IncompleteDatasetError(f"cannot {action} {where.url}: it holds table parts but no complete "
                                     f"{MANIFEST} (a run is committing there, or was killed while committing)")
    if state is PrefixState.EMPTY:
        raise DatasetError(f"cannot {action} {where.url}: it holds no dataset")
    raise NotADatasetError(f"refusing to {action} {where.url}: it holds files eventcoder did not write")


def download(where: Remote, local: Path, tables: tuple[str, ...] | None = None) -> None:
    """Copy the dataset at ``where`` (all tables, or ``tables``, and the manifest) into the new directory ``local``."""
    try:
        for relative in _files(where):
            if tables is not None and relative != MANIFEST and relative.split("/", 1)[0] not in tables:
                continue
            target = local / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            where.fs.get_file(where.join(relative), str(target))
    except OSError as exc:
        raise DatasetError(f"cannot read {where.url}: {exc}") from exc


def upload(local: Path, where: Remote) -> None:
    """Put one local file at ``where`` (an object store writes an object whole, or not at all)."""
    try:
        where.fs.put_file(str(local), where.path)
    except OSError as exc:
        raise OutputError(f"cannot write {where.url}: {exc}") from exc


def publish(local: Path, where: Remote) -> None:
    """Commit the finished local dataset ``local`` to ``where``, ``manifest.json`` last (see the module doc)."""
    files = sorted(str(p.relative_to(local)) for p in local.rglob("*") if p.is_file() and p.name != MANIFEST)
    parent, _, name = where.path.rstrip("/").rpartition("/")
    staging = Remote(where.fs, f"{parent}/.{name}.tmp-{secrets.token_hex(6)}", f"{where.url}.staging")
    fs = where.fs
    try:
        for relative in files:
            fs.put_file(str(local / relative), staging.join(relative))
        old = set(_files(where))
        if MANIFEST in old:
            fs.rm_file(where.join(MANIFEST))
        for relative in files:
            fs.copy(staging.join(relative), where.join(relative))
        for relative in sorted(old - set(files) - {MANIFEST}):
            fs.rm_file(where.join(relative))
        fs.pipe_file(where.join(MANIFEST), (local / MANIFEST).read_bytes())
    except OSError as exc:
        raise OutputError(f"cannot commit the dataset to {where.url}: {exc}") from exc
    finally:
        try:
            if fs.exists(staging.path):
                fs.rm(staging.path, recursive=True)
        except OSError:
            pass  # a staging prefix left behind holds no manifest: no reader takes it for a dataset
