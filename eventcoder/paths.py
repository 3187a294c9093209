"""Paths a user gives: ``-`` for a stream, and the checks made before a run does any work.

A path with a URL scheme (``s3://bucket/run``) is remote storage, served by
:mod:`eventcoder.storage`; ``-`` means standard input or output and is
checked here (:func:`is_stream`), because a dataset cannot be a stream.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from eventcoder.errors import StreamError

__all__ = ["STREAM", "is_stream", "run_paths"]

STREAM = "-"
"""The path that means standard input (for inputs) or standard output (for exports)."""


def is_stream(path: str | Path) -> bool:
    """True for ``-``: standard input or output."""
    return str(path) == STREAM


def run_paths(inputs: Iterable[str | Path], out: str | Path) -> None:
    """Check a coding run's ``--out`` before any work.

    ``--out -`` is refused with :class:`~eventcoder.errors.StreamError`: a
    dataset is a directory of tables, not a stream (``eventcoder export DIR
    --table ... --to -`` streams one). Inputs may be ``-`` (standard input).
    """
    del inputs  # every input form is checked by the readers
    if is_stream(out):
        raise StreamError("--out - : a dataset is a directory of Parquet tables and cannot go to standard output")
