"""Datasets, inputs and output files on any fsspec filesystem (``s3://``, ``gs://``, ``abfs://``, ``memory://``).

Local paths take the local route unchanged, atomic rename included; nothing
here runs for them. A remote location is mirrored through a local spool
directory: a run codes into a local dataset and commits it to the prefix
with ``manifest.json`` last (:mod:`eventcoder.storage.dataset`); a reader
checks the prefix holds a complete dataset, then reads it down (only the
tables it needs); an export is written locally and put as one object.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.errors import InputError, OutputError, OutputExistsError
from eventcoder.storage.dataset import PrefixState, check_remote_dataset, download, prefix_state, publish, upload
from eventcoder.storage.urls import Remote, is_url, remote, url_of

__all__ = ["Remote", "RunLocation", "is_url", "open_dataset", "output_file", "remote", "run_location", "url_of"]


@contextmanager
def _spool() -> Iterator[Path]:
    """A local directory for a remote location's copy, removed afterwards."""
    directory = Path(tempfile.mkdtemp(prefix="eventcoder-remote-"))
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@contextmanager
def open_dataset(path: str | Path, action: str = "read", tables: tuple[str, ...] | None = None) -> Iterator[Path]:
    """A local directory holding the dataset at ``path``: ``path`` itself, or a read-down copy of a remote one.

    A remote prefix must hold a complete dataset (IncompleteDatasetError,
    DatasetError or NotADatasetError otherwise); ``tables`` limits the copy.
    """
    where = url_of(path)
    if isinstance(where, Path):
        yield where
        return
    location = remote(where, "dataset")
    check_remote_dataset(location, action)
    with _spool() as spool:
        download(location, spool / "dataset", tables)
        yield spool / "dataset"


@contextmanager
def output_file(path: str | Path, role: str = "--to") -> Iterator[Path]:
    """A local path to write ``path`` at: itself, or a spool file put at the URL when the block succeeds."""
    where = url_of(path)
    if isinstance(where, Path):
        yield where
        return
    location = remote(where, role)
    with _spool() as spool:
        local = spool / where.rstrip("/").rsplit("/", 1)[-1]
        yield local
        upload(local, location)


@dataclass
class RunLocation:
    """Where a coding run reads and writes on this machine, and what to commit after it."""

    inputs: list[str | Path]
    out: Path
    target: Remote | None = None
    origins: dict[str, str] = field(default_factory=dict)
    """Local copy of a remote input -> its URL, for the dataset's origin columns."""

    def commit(self) -> None:
        """Publish the finished local dataset to the remote ``--out`` (nothing for a local one)."""
        if self.target is not None:
            publish(self.out, self.target)


def _check_target(target: Remote, overwrite: bool, append: bool) -> None:
    """Refuse a remote ``--out`` as the local writer refuses a directory (same errors)."""
    state, _ = prefix_state(target)
    if append:
        check_remote_dataset(target, "append to")
    elif state is PrefixState.FOREIGN:
        if overwrite:
            check_remote_dataset(target, "overwrite")
        raise OutputExistsError(f"{target.url} already exists and is not empty")
    elif state is not PrefixState.EMPTY and not overwrite:
        raise OutputExistsError(f"{target.url} already exists and is not empty")


def _fetch_input(url: str, spool: Path, number: int) -> Path:
    """Read a remote input (a file, or a prefix of files) down into the spool; its name is kept."""
    source = remote(url, "input")
    local = spool / f"{number}" / url.rstrip("/").rsplit("/", 1)[-1]
    try:
        if source.fs.isdir(source.path):
            for key in source.fs.find(source.path):
                target = local / key[len(source.path.rstrip("/")) + 1:]
                target.parent.mkdir(parents=True, exist_ok=True)
                source.fs.get_file(key, str(target))
        elif source.fs.isfile(source.path):
            local.parent.mkdir(parents=True)
            source.fs.get_file(source.path, str(local))
        else:
            raise InputError(f"input not found: {url}")
    except OSError as exc:
        raise InputError(f"cannot read input {url}: {exc}") from exc
    return local


def _has_scheme(path: str | Path) -> bool:
    return isinstance(url_of(path), str) or str(path).lower().startswith("file:")


@contextmanager
def run_location(inputs: Sequence[str | Path], out: str | Path, *, overwrite: bool = False,
                 append: bool = False) -> Iterator[RunLocation]:
    """Local inputs and ``--out`` for a run; remote ones are mirrored in a spool directory.

    A remote ``--out`` is checked first (OutputExistsError, NotADatasetError,
    IncompleteDatasetError, DatasetError as for a local one); when appending,
    its dataset is read down so the local writer appends to the copy.
    """
    where = url_of(out)
    targets = [url_of(i) if _has_scheme(i) else i for i in inputs]  # plain paths stay as given, for the manifest
    if isinstance(where, Path) and not any(isinstance(t, str) and is_url(t) for t in targets):
        yield RunLocation(targets, where)
        return
    with _spool() as spool:
        location = RunLocation([], spool / "dataset")
        if isinstance(where, Path):
            location.out = where
        else:
            location.target = remote(where, "--out")
            if "/" not in location.target.path.strip("/"):
                raise OutputError(f"--out {where} is a bucket's root: name a prefix in it (s3://bucket/run)")
            _check_target(location.target, overwrite, append)
            if append:
                download(location.target, location.out)
        for number, item in enumerate(targets):
            if isinstance(item, str) and is_url(item):
                local = _fetch_input(item, spool / "inputs", number)
                location.origins[str(local)] = item
                location.inputs.append(local)
            else:
                location.inputs.append(item)
        yield location

