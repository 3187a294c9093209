"""The user cache of derived data: compiled codebooks, PETRARCH builds, the gazetteer and name indexes.

Everything kept here is rebuilt from its sources when missing: each file is
named by a key computed from what it derives from (file contents, the code
that builds it, package versions), so an entry never goes stale, a change
simply makes a new file. Any failure to read or write falls back to building.

Files live in ``$EVENTCODER_CACHE_DIR/<kind>``, else
``$XDG_CACHE_HOME/eventcoder/<kind>`` or ``~/.cache/eventcoder/<kind>``;
``EVENTCODER_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from .export.atomic import replacing

__all__ = ["cache_dir", "load_or_build", "package_version", "read", "write"]

T = TypeVar("T")


def cache_dir(kind: str) -> Path | None:
    """Where cached files of ``kind`` are kept, or None when caching is off."""
    if os.environ.get("EVENTCODER_NO_CACHE"):
        return None
    given = os.environ.get("EVENTCODER_CACHE_DIR")
    if given:
        return Path(given) / kind
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "eventcoder" / kind


def read(kind: str, name: str) -> object | None:
    """The value stored as ``name``, or None when caching is off or the file is missing or damaged.

    The garbage collector is paused while reading: cached values are made of
    many small acyclic objects that it would only rescan.
    """
    directory = cache_dir(kind)
    if directory is None:
        return None
    enabled = gc.isenabled()
    gc.disable()
    try:
        with (directory / name).open("rb") as handle:
            found: object = pickle.load(handle)  # noqa: S301 - our own file, named by its sources' fingerprint
        return found
    except Exception:  # noqa: BLE001 - a damaged or unreadable cache is rebuilt, never fatal
        return None
    finally:
        if enabled:
            gc.enable()


def write(kind: str, name: str, value: object) -> None:
    """Store ``value`` as ``name`` atomically: concurrent processes never read half a file."""
    directory = cache_dir(kind)
    if directory is None:
        return
    try:
        with replacing(directory / name, private=True) as temporary, temporary.open("wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        pass  # a read-only home: build again next time


def package_version(package: str) -> str:
    """``"NAME VERSION"`` of an installed package (``"NAME absent"``), for a fingerprint."""
    from importlib import metadata

    try:
        return f"{package} {metadata.version(package)}"
    except metadata.PackageNotFoundError:
        return f"{package} absent"


def load_or_build(name: str, fingerprint: Iterable[str | bytes], build: Callable[[], T], kind: str = "data") -> T:
    """The value ``build()`` returns, read back from the cache when a file of this fingerprint exists."""
    digest = hashlib.blake2b(digest_size=10)
    for part in fingerprint:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\x1f")
    file = f"{name}-{digest.hexdigest()}.pickle"
    found = read(kind, file)
    if found is not None:
        return found  # type: ignore[return-value]
    enabled = gc.isenabled()
    gc.disable()
    try:
        value = build()
    finally:
        if enabled:
            gc.enable()
    write(kind, file, value)
    return value
