"""The one call a run makes to code its inputs, whichever engine the user chose."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from ..codebook import Codebook
from ..coding import Progress, Tally, code_records
from ..errors import ClusterError
from ..export.writer import DatasetWriter
from ..ingest import STDIN, Item, input_files, read_file, read_inputs
from ..model import Reject, SkippedFile
from .cluster import code_on_dask, require_dask
from .local import run_batches
from .progress import parquet_rows
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
    elif progress is None:
        records = read_inputs(list(inputs), stdin=stdin)
        code_records(writer, records, tally, codebook, dict(options), run_batches)
    else:
        files = _FileProgress(_listed(inputs))
        code_records(writer, files.read(stdin), tally, codebook, dict(options), run_batches,
                     lambda p: progress(files.counted(p)))


Listed = Path | Reject | SkippedFile | None
"""An input as the local engine reads it: a file, what listing a directory met, or None for stdin."""


def _listed(inputs: Sequence[str | Path]) -> list[Listed]:
    """Every file the inputs stand for, in reading order (directories listed once, before reading)."""
    listed: list[Listed] = []
    for path in inputs:
        if str(path) == STDIN:
            listed.append(None)
        else:
            listed.extend(input_files(Path(path)))
    return listed


class _FileProgress:
    """The local engine's partitions: each input file, with its bytes; records known when all are Parquet."""

    def __init__(self, listed: list[Listed]) -> None:
        self.listed = listed
        files = [entry for entry in listed if entry is None or isinstance(entry, Path)]
        self.files_total = len(files)
        self.bytes_total = sum(_size(f) for f in files if f is not None)
        paths = [f for f in files if f is not None and f.suffix.lower() == ".parquet"]
        self.articles_total = parquet_rows((f, None) for f in paths) if files and len(paths) == len(files) else None
        self.files_done = 0
        self.bytes_done = 0

    def read(self, stdin: TextIO | None) -> Iterator[Item]:
        """The records of every input, counting the files read to their end."""
        for entry in self.listed:
            if entry is None:
                yield from read_inputs([STDIN], stdin=stdin)
            elif isinstance(entry, Path):
                yield from read_file(entry)
                self.bytes_done += _size(entry)
            else:
                yield entry
                continue
            self.files_done += 1

    def counted(self, p: Progress) -> Progress:
        """``p`` with the files done and the totals."""
        return dataclasses.replace(
            p, partitions_done=self.files_done, partitions_total=self.files_total, bytes_done=self.bytes_done,
            bytes_total=self.bytes_total, articles_total=self.articles_total)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
