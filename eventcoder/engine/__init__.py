"""Where batches are coded: this process, a local pool, or a Dask cluster (:mod:`.cluster`)."""

from .local import code_batch, run_batches
from .spec import Engine, EngineSpec

__all__ = ["Engine", "EngineSpec", "code_batch", "run_batches"]
