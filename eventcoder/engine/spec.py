"""Which engine codes a run, and how it is set up."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["DEFAULT_PARTITION_BYTES", "Engine", "EngineSpec"]

DEFAULT_PARTITION_BYTES = 64 * 1024 * 1024
"""A Dask partition reads at most about this many bytes of a JSONL file (fewer when that gives too few)."""


class Engine(str, Enum):
    """Where batches are coded: this machine's process pool, or a Dask cluster."""

    LOCAL = "local"
    DASK = "dask"


@dataclass(frozen=True, slots=True)
class EngineSpec:
    """The engine and its settings: ``workers`` local processes (or LocalCluster workers), a Dask ``scheduler``."""

    engine: Engine = Engine.LOCAL
    workers: int = 1
    scheduler: str | None = None
    partition_bytes: int = DEFAULT_PARTITION_BYTES
