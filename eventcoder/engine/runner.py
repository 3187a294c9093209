"""The one call a run makes to code its inputs, whichever engine the user chose."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from ..codebook import Codebook
from ..coding import Progress, Tally, code_records
from ..errors import ClusterError
from ..export.writer import DatasetWriter
from ..ingest import read_inputs
from .cluster import code_on_dask, require_dask
from .spec import Engine, EngineSpec

__all__ = ["check_engine", "code_inputs"]


def check_engine(spec: EngineSpec) -> None:
    """Fail before anything is opened when the engine cannot run here (MissingExtraError for Dask)."""
    if spec.engine is Engine.DASK:
        require_dask()
    if spec.scheduler and spec.engine is not Engine.DASK:
        raise ClusterError(f"--scheduler {spec.scheduler} is given but the engine is {spec.engine.value}",
                           hint="add --engine dask to code on that cluster, or leave out --scheduler")


def code_inputs(
    spec: EngineSpec,
    writer: DatasetWriter,
    inputs: Sequence[str | Path],
    stdin: TextIO | None,
    tally: Tally,
    codebook: Codebook,
    options: Mapping[str, Any],
    progress: Callable[[Progress], None] | None,
) -> None:
    """Code every input into ``writer``'s staging directory, counting into ``tally``."""
    if spec.engine is Engine.DASK:
        code_on_dask(writer, inputs, tally, codebook, options, spec, progress)
    else:
        records = read_inputs(list(inputs), stdin=stdin)
        code_records(writer, records, tally, codebook, dict(options), progress)
