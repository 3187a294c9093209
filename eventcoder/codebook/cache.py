"""A disk cache of compiled codebooks, keyed by the content of their files.

Compiling a large codebook (inflecting thousands of verbs) costs most of a
second; reading the result back costs a fifth of that. The key covers every
file's bytes, the eventcoder and Python versions, the compiling code itself and
the codebook's path, so an edited codebook or compiler never meets a stale
entry. Where it lives and how to turn it off: :mod:`eventcoder.diskcache`.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from .._version import __version__
from ..diskcache import read, write
from .codebook import Codebook

_FORMAT = "1"
KIND = "codebooks"  # the subdirectory of the user cache (see eventcoder.diskcache)


def _compiler_hash() -> str:
    """A hash of the code that compiles codebooks, so a changed compiler never meets an old entry."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for source in sorted([*here.glob("*.py"), here.parent / "text.py"]):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def cache_key(content_hash: str, root: Path) -> str:
    parts = (_FORMAT, __version__, sys.version, _compiler_hash(), str(root.resolve()), content_hash)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def load_cached(key: str) -> Codebook | None:
    """The cached codebook for ``key``, or None (missing, unreadable or stale entries are ignored)."""
    found = read(KIND, f"{key}.json")
    return found if isinstance(found, Codebook) else None


def store(key: str, codebook: Codebook) -> None:
    """Save ``codebook`` under ``key``; a cache that cannot be written is skipped."""
    write(KIND, f"{key}.json", codebook)
