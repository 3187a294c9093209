"""The user cache of derived data: compiled codebooks, PETRARCH builds, the gazetteer and name indexes.

Everything kept here is rebuilt from its sources when missing: each file is
named by a key computed from what it derives from (file contents, the code
that builds it, package versions), so an entry never goes stale, a change
simply makes a new file. Any failure to read or write falls back to building.

Files hold data only, never code: JSON tagged by :mod:`eventcoder.cachecodec`,
or Arrow tables (:mod:`eventcoder.cacheindex`) for the gazetteer. A file is
read only when it belongs to the user running eventcoder and nobody else may
write it (not group- or world-writable); any other file is ignored and built
again. Files are written 0600.

Files live in ``$EVENTCODER_CACHE_DIR/<kind>``, else
``$XDG_CACHE_HOME/eventcoder/<kind>`` or ``~/.cache/eventcoder/<kind>``;
``EVENTCODER_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import gc
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, TypeVar

from . import cachecodec
from .fs.atomic import replacing

__all__ = ["GRAPH", "Codec", "cache_dir", "load_or_build", "package_version", "read", "write"]

T = TypeVar("T")


class Codec(Protocol):
    """How values of one kind become a cache file's bytes and back."""

    suffix: str

    def encode(self, value: Any) -> bytes: ...

    def decode(self, data: bytes) -> Any: ...


class _Graph:
    """Any value made of built-in types and eventcoder's own classes (:mod:`eventcoder.cachecodec`)."""

    suffix = ".json"

    def encode(self, value: Any) -> bytes:
        return cachecodec.encode(value)

    def decode(self, data: bytes) -> Any:
        return cachecodec.decode(data)


GRAPH: Codec = _Graph()


def cache_dir(kind: str) -> Path | None:
    """Where cached files of ``kind`` are kept, or None when caching is off."""
    if os.environ.get("EVENTCODER_NO_CACHE"):
        return None
    given = os.environ.get("EVENTCODER_CACHE_DIR")
    if given:
        return Path(given) / kind
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "eventcoder" / kind


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the garbage collector: cached values are many small acyclic objects it would only rescan."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read(kind: str, name: str, codec: Codec = GRAPH) -> object | None:
    """The value stored as ``name``, or None when caching is off or the file is missing, damaged or not trusted."""
    directory = cache_dir(kind)
    if directory is None:
        return None
    try:
        data = _read_trusted(directory / name)
        if data is None:
            return None
        with _no_gc():
            found: object = codec.decode(data)
        return found
    except Exception:  # noqa: BLE001 - a damaged or unreadable cache is rebuilt, never fatal
        return None


def _read_trusted(path: Path) -> bytes | None:
    """The bytes of ``path`` when the user owns it and no one else may write it; None otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not _trusted(info):
            return None
        return handle.read()


def _trusted(info: os.stat_result) -> bool:
    owner = getattr(os, "geteuid", None)
    if owner is not None and info.st_uid != owner():
        return False
    return stat.S_ISREG(info.st_mode) and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def write(kind: str, name: str, value: object, codec: Codec = GRAPH) -> None:
    """Store ``value`` as ``name`` atomically (concurrent processes never read half a file), readable by the user only.

    A value the codec cannot store is not cached.
    """
    directory = cache_dir(kind)
    if directory is None:
        return
    try:
        with _no_gc():
            data = codec.encode(value)
        with replacing(directory / name, private=True) as temporary:
            temporary.write_bytes(data)
    except (OSError, cachecodec.CacheFormatError):
        pass  # a read-only home, or a value of a type the format does not hold: build again next time


def package_version(package: str) -> str:
    """``"NAME VERSION"`` of an installed package (``"NAME absent"``), for a fingerprint."""
    from importlib import metadata

    try:
        return f"{package} {metadata.version(package)}"
    except metadata.PackageNotFoundError:
        return f"{package} absent"


def load_or_build(
    name: str,
    fingerprint: Iterable[str | bytes],
    build: Callable[[], T],
    kind: str = "data",
    codec: Codec = GRAPH,
) -> T:
    """The value ``build()`` returns, read back from the cache when a file of this fingerprint exists."""
    digest = hashlib.blake2b(digest_size=10)
    for part in fingerprint:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\x1f")
    file = f"{name}-{digest.hexdigest()}{codec.suffix}"
    found = read(kind, file, codec)
    if found is not None:
        return found  # type: ignore[return-value]
    with _no_gc():
        value = build()
    write(kind, file, value, codec)
    return value
