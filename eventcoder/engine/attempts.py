"""Each attempt at a partition writes into a directory of its own; the driver commits only the attempt that won.

Dask runs a task again when its worker dies, and a worker the scheduler
gave up on may still be running. If attempts wrote into the staging tables
directly, a dead attempt's parts and ``.tmp`` files would sit beside the
winner's. Here an attempt writes under ``staging/.attempts/{partition}-{pid}-{token}/``;
when the driver receives a partition's result it moves that attempt's parts
into the tables (a rename on the same file system) and deletes its
directory, and after the last partition it deletes ``.attempts`` with every
loser's leftovers. A late loser cannot write there any more: its directory is
gone and is never re-created with its parents.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Mapping
from pathlib import Path

__all__ = ["ATTEMPTS", "clear_attempts", "commit_attempt", "new_attempt", "prepare_attempts"]

ATTEMPTS = ".attempts"
"""The directory of the staging area that holds attempts in progress; never part of a dataset."""


def prepare_attempts(staging: Path) -> Path:
    """Create the attempts directory of ``staging`` (on the driver, before any task runs)."""
    root = staging / ATTEMPTS
    root.mkdir(exist_ok=True)
    return root


def new_attempt(staging: Path, partition: int) -> Path:
    """A fresh directory for one attempt at ``partition`` (on the worker); named with its pid, so it can be traced."""
    directory = staging / ATTEMPTS / f"{partition:05d}-{os.getpid()}-{secrets.token_hex(4)}"
    directory.mkdir()  # no parents: after clear_attempts a late attempt fails here
    return directory


def commit_attempt(staging: Path, attempt: Path, parts: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Move the winning attempt's ``parts`` into the tables of ``staging``; return where they are now."""
    moved: dict[str, tuple[str, ...]] = {}
    for table, paths in parts.items():
        (staging / table).mkdir(exist_ok=True)
        targets = []
        for path in paths:
            target = staging / table / Path(path).name
            os.replace(path, target)
            targets.append(str(target))
        moved[table] = tuple(targets)
    shutil.rmtree(attempt, ignore_errors=True)
    return moved


def clear_attempts(staging: Path) -> None:
    """Delete every attempt left in ``staging``: the dead ones' parts and temporary files."""
    shutil.rmtree(staging / ATTEMPTS, ignore_errors=True)
