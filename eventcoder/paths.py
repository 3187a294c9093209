"""Local paths only, until remote storage lands: a URL is refused before any work.

``s3://bucket/run`` given as a path would otherwise become the local
directory ``s3:/bucket/run`` (``pathlib`` folds the double slash) and a run
would write there without a word. :func:`local_path` refuses every string or
path that starts with a URL scheme, ``file://`` included (pass the plain
path instead), with :class:`~eventcoder.errors.RemotePathError`. ``-`` means
standard input or output and is checked by the caller (:func:`is_stream`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from eventcoder.errors import RemotePathError, StreamError

__all__ = ["STREAM", "is_stream", "local_path", "run_paths"]

STREAM = "-"
"""The path that means standard input (for inputs) or standard output (for exports)."""

# A scheme of two or more characters, then ":/" (a folded "://" included):
# a Windows drive letter ("C:/data") is one character and stays a path.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]+):/")


def is_stream(path: str | Path) -> bool:
    """True for ``-``: standard input or output."""
    return str(path) == STREAM


def local_path(path: str | Path, role: str = "path") -> Path:
    """``path`` as a local :class:`~pathlib.Path`; RemotePathError when it is a URL.

    ``role`` names the argument in the message (``--out``, ``--to``, ``input``).
    """
    text = str(path)
    match = _SCHEME.match(text)
    if match:
        scheme = match.group(1).lower()
        url = text if text.startswith(f"{match.group(1)}://") else text.replace(":/", "://", 1)  # pathlib folded it
        where = "pass the plain local path instead" if scheme == "file" else "remote storage is not supported yet"
        raise RemotePathError(f"{role} {url} is a {scheme} URL; eventcoder reads and writes local paths only ({where})")
    return Path(path)


def run_paths(inputs: Iterable[str | Path], out: str | Path) -> Path:
    """Check a coding run's inputs and ``--out`` before any work; return ``out`` as a path.

    Inputs may be ``-`` (standard input); ``--out -`` is refused with
    :class:`~eventcoder.errors.StreamError`: a dataset is a directory of
    tables, not a stream (``eventcoder export DIR --table ... --to -`` streams one).
    """
    for item in inputs:
        if not is_stream(item):
            local_path(item, "input")
    if is_stream(out):
        raise StreamError("--out - : a dataset is a directory of Parquet tables and cannot go to standard output")
    return local_path(out, "--out")
