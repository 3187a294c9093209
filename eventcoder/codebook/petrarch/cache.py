"""A disk cache of built PETRARCH codebooks, keyed by the content of every input.

The key covers the dictionary files (names and bytes), the base codebook,
the directory given as root and the reader's own source code, so any change
rebuilds. Where the cache lives and how to turn it off:
:mod:`eventcoder.diskcache`; a file that cannot be read back is rebuilt.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ...diskcache import read, write
from ..codebook import Codebook
from ..load import default_codebook_path
from .build import READER_VERSION, PetrarchFiles, build_codebook
from .report import LoadReport

_HERE = Path(__file__).resolve().parent
KIND = "petrarch"  # the subdirectory of the user cache (see eventcoder.diskcache)


def _default_base_hash() -> str:
    digest = hashlib.sha256()
    for file in sorted(default_codebook_path().glob("*.yaml")):
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def cache_key(files: PetrarchFiles, base: Codebook | None, root: Path | None, unrecognised: tuple[str, ...]) -> str:
    digest = hashlib.sha256(READER_VERSION.encode())
    for source in sorted(_HERE.glob("*.py")) + sorted(_HERE.parent.glob("*.py")):
        digest.update(source.name.encode() + source.read_bytes())
    digest.update((base.content_hash if base is not None else _default_base_hash()).encode())
    digest.update(str(root).encode() + repr(unrecognised).encode())
    for kind, paths in files.by_kind().items():
        for path in paths:
            digest.update(kind.encode() + path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def cached_build(files: PetrarchFiles, *, base: Codebook | None, root: Path | None,
                 unrecognised: tuple[str, ...]) -> tuple[Codebook, LoadReport]:
    """``build_codebook`` through the disk cache."""
    key = cache_key(files, base, root, unrecognised)
    found = read(KIND, f"{key}.json")
    if isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], Codebook) and isinstance(
        found[1], LoadReport
    ):
        return found
    result = build_codebook(files, base=base, root=root, unrecognised=unrecognised)
    write(KIND, f"{key}.json", result)
    return result
