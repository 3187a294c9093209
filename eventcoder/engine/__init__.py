"""Where batches are coded: this process, a local pool (later: a Dask cluster)."""

from .local import code_batch, run_batches

__all__ = ["code_batch", "run_batches"]
