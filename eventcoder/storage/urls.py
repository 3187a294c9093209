"""Where a path points: this machine, or a filesystem that fsspec reaches by URL.

A path with a URL scheme (``s3://bucket/run``, ``gs://``, ``abfs://``,
``memory://`` in tests) names remote storage, reached through fsspec and the
backend package for its scheme (s3fs for ``s3://``). ``file://`` URLs are
plain local paths and take the local route, atomic rename included. Typer and
pathlib fold ``s3://b`` into ``s3:/b``; :func:`url_of` unfolds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventcoder.errors import MissingExtraError, RemotePathError

__all__ = ["Remote", "is_url", "remote", "url_of"]

# A scheme of two or more characters, then ":/" (a folded "://" included):
# a Windows drive letter ("C:/data") is one character and stays a path.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]+):/")
# Backends and the extra that brings them; other schemes need their fsspec package.
_EXTRAS = {"s3": "remote", "s3a": "remote"}


@dataclass(frozen=True)
class Remote:
    """A location on an fsspec filesystem: the filesystem, the path on it, and the URL the user gave."""

    fs: Any  # fsspec.AbstractFileSystem (fsspec ships no type information)
    path: str
    url: str

    def join(self, *names: str) -> str:
        """The path of ``names`` under this location, on the filesystem."""
        return "/".join([self.path.rstrip("/"), *names])


def is_url(path: str | Path) -> bool:
    """True for a path with a URL scheme other than ``file``."""
    match = _SCHEME.match(str(path))
    return match is not None and match.group(1).lower() != "file"


def url_of(path: str | Path) -> str | Path:
    """``path`` as the user meant it: a URL string (unfolded) or a local :class:`Path` (``file://`` included)."""
    text = str(path)
    match = _SCHEME.match(text)
    if not match:
        return Path(path)
    scheme = match.group(1)
    rest = text[len(scheme) + 1:]
    if scheme.lower() == "file":
        return Path("/" + rest.lstrip("/"))  # file:///tmp/x and the folded file:/tmp/x
    return f"{scheme}://{rest.lstrip('/')}"


def remote(url: str, role: str = "path") -> Remote:
    """The fsspec filesystem and path of ``url``.

    Raises MissingExtraError when the backend package for the scheme is not
    installed, RemotePathError for a scheme fsspec does not know.
    """
    try:
        import fsspec.core
    except ImportError as exc:  # pragma: no cover - fsspec is a dependency
        raise MissingExtraError("remote paths need fsspec: pip install fsspec") from exc
    scheme = url.split("://", 1)[0].lower()
    try:
        fs, path = fsspec.core.url_to_fs(url)
    except ImportError as exc:
        extra = _EXTRAS.get(scheme)
        package = f"pip install 'eventcoder[{extra}]'" if extra else f"install the fsspec backend for {scheme}://"
        raise MissingExtraError(f"{role} {url}: {scheme}:// needs a package that is not installed; {package}"
                                f" ({exc})") from exc
    except ValueError as exc:
        raise RemotePathError(f"{role} {url}: fsspec knows no filesystem for {scheme}:// ({exc})") from exc
    return Remote(fs, str(path), url)
