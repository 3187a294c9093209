"""A disk cache of compiled codebooks, keyed by the content of their files.

Compiling a large codebook (inflecting thousands of verbs) costs most of a
second; unpickling the result costs a tenth of that. The key covers every
file's bytes, the eventcoder and Python versions, the compiling code itself and
the codebook's path, so an edited codebook or compiler never meets a stale entry. Set EVENTCODER_NO_CACHE=1 to turn
the cache off, or EVENTCODER_CACHE_DIR to move it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

from .codebook import Codebook

_FORMAT = "1"


def cache_dir() -> Path | None:
    """Where compiled codebooks are kept, or None when caching is off."""
    if os.environ.get("EVENTCODER_NO_CACHE"):
        return None
    given = os.environ.get("EVENTCODER_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "eventcoder" / "codebooks"


def _compiler_hash() -> str:
    """A hash of the code that compiles codebooks, so a changed compiler never meets an old entry."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for source in sorted([*here.glob("*.py"), here.parent / "text.py"]):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def cache_key(content_hash: str, root: Path) -> str:
    from .. import __version__

    parts = (_FORMAT, __version__, sys.version, _compiler_hash(), str(root.resolve()), content_hash)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def load_cached(key: str) -> Codebook | None:
    """The cached codebook for ``key``, or None (missing, unreadable or stale entries are ignored)."""
    where = cache_dir()
    if where is None:
        return None
    try:
        with (where / f"{key}.pickle").open("rb") as handle:
            found = pickle.load(handle)  # noqa: S301 - our own cache directory, keyed by content
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    return found if isinstance(found, Codebook) else None


def store(key: str, codebook: Codebook) -> None:
    """Save ``codebook`` under ``key`` atomically; a cache that cannot be written is skipped."""
    where = cache_dir()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(codebook, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, where / f"{key}.pickle")
    except OSError:
        return
