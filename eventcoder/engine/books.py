"""How cluster workers get the run's codebook: loaded on each worker from its directory, or sent when that fails.

Sending the default codebook costs about 3 s of a run's startup: the driver
pickles 2.8 MB and every worker unpickles it. A worker that sees the
codebook's directory loads it from the compiled-codebook cache in well under
a second instead, and all workers do so at once. The driver asks every
worker to load it first (one round trip); only when each one gets the same
content hash is the codebook passed by reference, else it is sent as before.
A worker that joins later (one restarted after a crash) loads it on its
first task, and fails that task with ClusterError if it gets another codebook.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..codebook import Codebook
from ..codebook.load import load_codebook
from ..errors import ClusterError, EventcoderError

__all__ = ["BookRef", "resolve", "ship_codebook"]


@dataclass(frozen=True, slots=True)
class BookRef:
    """A codebook named by its directory and content hash, for workers to load themselves."""

    root: str
    content_hash: str


@functools.lru_cache(maxsize=4)
def _loaded(root: str, content_hash: str) -> Codebook | None:
    """The codebook at ``root`` if it has ``content_hash``, once per worker process (the cache is the point)."""
    try:
        book = load_codebook(root)
    except (EventcoderError, OSError):
        return None
    return book if book.content_hash == content_hash else None


def _can_load(root: str, content_hash: str) -> bool:
    """The warm-up run on every worker: does loading ``root`` here give the driver's codebook?"""
    return _loaded(root, content_hash) is not None


def resolve(book: Codebook | BookRef) -> Codebook:
    """The codebook a task was given: itself, or loaded (once per process) from its reference."""
    if isinstance(book, Codebook):
        return book
    found = _loaded(book.root, book.content_hash)
    if found is None:
        raise ClusterError(f"a worker could not load the codebook {book.root} with content hash "
                           f"{book.content_hash[:12]}", hint="give every worker the same codebook at the same path")
    return found


def ship_codebook(client: Any, codebook: Codebook) -> Any:
    """A :class:`BookRef` when every worker loads the same codebook from its directory, else the scattered codebook."""
    root = Path(codebook.root)
    if root.is_dir():
        ref = BookRef(str(root.absolute()), codebook.content_hash)
        answers = client.run(_can_load, ref.root, ref.content_hash)
        if answers and all(answers.values()):
            return ref
    return client.scatter(codebook, broadcast=True, hash=False)
