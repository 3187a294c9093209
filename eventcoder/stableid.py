"""Ids that are hashes of what identifies a row, below every layer that makes rows or actors.

A rerun over the same input produces the same ids, so an appended duplicate is
recognisable; :mod:`eventcoder.rows` and :mod:`eventcoder.actors.dedupe` both
name actors with :func:`actor_id`.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

__all__ = ["actor_id", "stable_id"]


def stable_id(*parts: object) -> str:
    """16 hex digits identifying ``parts``; the same parts give the same id."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


@lru_cache(maxsize=65_536)
def actor_id(key: str) -> str:
    """The id of the actor ``key`` names; cached, as a corpus names the same actors again and again."""
    return stable_id("actor", key)
