"""A disk cache of built PETRARCH codebooks, keyed by the content of every input.

The key covers the dictionary files (names and bytes), the base codebook,
the directory given as root and the reader's own source code, so any change
rebuilds. The cache lives in ``$EVENTCODER_CACHE_DIR`` or the user cache
directory (``$XDG_CACHE_HOME/eventcoder`` or ``~/.cache/eventcoder``); a file
that cannot be read back is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from ..codebook import Codebook
from ..load import default_codebook_path
from .build import READER_VERSION, PetrarchFiles, build_codebook
from .report import LoadReport

_HERE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    override = os.environ.get("EVENTCODER_CACHE_DIR")
    if override:
        return Path(override) / "petrarch"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "eventcoder" / "petrarch"


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
    path = cache_dir() / f"{key}.pickle"
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)  # noqa: S301 - written by this module in the user's own cache
        if isinstance(found, tuple) and isinstance(found[0], Codebook) and isinstance(found[1], LoadReport):
            return found
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError):
        pass
    result = build_codebook(files, base=base, root=root, unrecognised=unrecognised)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only cache directory only costs the next load its time
    return result
