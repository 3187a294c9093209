"""Split the inputs into partitions that cluster workers read and code on their own.

A partition is a list of pieces: whole files (small files are grouped, so a
million .txt files are not a million tasks), byte ranges of a JSON Lines or
CSV file (each line, or CSV row, belongs to the range it starts in) or
row-group ranges of a Parquet file. The driver only lists files and reads
Parquet footers; workers read the articles. A range's generated ids
(``{stem}#{line}``) need the line breaks before it, which workers count
first (:func:`count_jobs`, then :func:`with_breaks`), so ids and locations
are those of a local run. A CSV range also needs where its first row starts,
which workers find by scanning (:func:`csv_jobs`, then :func:`with_csv_starts`;
see :mod:`eventcoder.ingest.csvrange`).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from types import MappingProxyType

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import InputError
from ..ingest import STDIN, check_inputs, input_files, read_file
from ..ingest.csvfile import read_csv_range
from ..ingest.jsonl import read_jsonl_range
from ..ingest.lines import count_breaks
from ..ingest.parquetfile import read_parquet
from ..ingest.records import file_reject
from ..model import Article, Reject, RejectKind, SkippedFile

__all__ = ["Partition", "Piece", "PieceKind", "count_jobs", "count_range", "csv_jobs", "partition_bytes",
           "plan_partitions", "read_partition", "with_breaks", "with_csv_starts"]

MIN_PIECE_BYTES = 256 * 1024
"""No byte range smaller than this, unless the caller asks for smaller partitions."""
PARTITIONS_PER_WORKER = 4
"""Aim for this many partitions per worker, so a slow one does not hold up the run."""

RangeKey = tuple[str, int, int]


class PieceKind(str, Enum):
    FILE = "file"
    LINES = "lines"
    CSV_ROWS = "csv_rows"
    ROW_GROUPS = "row_groups"


_RANGE_KINDS = MappingProxyType({".jsonl": PieceKind.LINES, ".ndjson": PieceKind.LINES, ".csv": PieceKind.CSV_ROWS})
"""File extensions whose large files are split into byte ranges, and how those ranges are read."""


@dataclass(frozen=True, slots=True)
class Piece:
    """A whole file, bytes ``start``..``stop`` of a JSONL or CSV file, or row groups ``start``..``stop`` of Parquet.

    A CSV range's ``start`` is its first row's start once :func:`with_csv_starts` has set it.
    """

    path: str
    kind: PieceKind = PieceKind.FILE
    start: int = 0
    stop: int = 0
    breaks_before: int = 0


@dataclass(frozen=True, slots=True)
class Partition:
    """The unit of work of a cluster run; ``index`` is its place in input order."""

    index: int
    pieces: tuple[Piece, ...]


def plan_partitions(
    paths: Sequence[str | Path], partition_bytes: int, workers: int
) -> tuple[list[Partition], list[Reject | SkippedFile]]:
    """The partitions of ``paths`` in input order, and what the listing met (unlistable directories, other files)."""
    check_inputs(paths)
    if any(str(p) == STDIN for p in paths):
        raise InputError("standard input ('-') cannot be read by cluster workers",
                         hint="write the records to a .jsonl file the workers can reach, or use --engine local")
    files: list[Path] = []
    found: list[Reject | SkippedFile] = []
    for path in paths:
        for entry in input_files(Path(path)):
            if isinstance(entry, Path):
                files.append(entry)
            else:
                found.append(entry)
    sizes = [_size(f) for f in files]
    target = -(-sum(sizes) // max(1, PARTITIONS_PER_WORKER * workers))
    chunk = max(1, min(partition_bytes, max(target, MIN_PIECE_BYTES)))
    groups: list[list[Piece]] = []
    small: list[Piece] = []  # whole files gathered into one partition of about ``chunk`` bytes
    small_bytes = 0
    for file, size in zip(files, sizes, strict=True):
        pieces = _split(file, size, chunk)
        whole = pieces[0].kind is PieceKind.FILE
        if small and (not whole or small_bytes + size > chunk):
            groups.append(small)
            small, small_bytes = [], 0
        if whole:
            small.append(pieces[0])
            small_bytes += size
        else:
            groups.extend([p] for p in pieces)
    if small:
        groups.append(small)
    return [Partition(i, tuple(g)) for i, g in enumerate(groups)], found


def partition_bytes(partition: Partition) -> int:
    """About how many input bytes ``partition`` reads (a Parquet row-group range counts its whole file)."""
    return sum(piece.stop - piece.start if piece.kind in (PieceKind.LINES, PieceKind.CSV_ROWS)
               else _size(Path(piece.path)) for piece in partition.pieces)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _split(path: Path, size: int, chunk: int) -> list[Piece]:
    """The pieces of one file: byte ranges of a large JSONL file, row-group ranges of a large Parquet file."""
    suffix = path.suffix.lower()
    if suffix in _RANGE_KINDS and size > chunk:
        kind = _RANGE_KINDS[suffix]
        return [Piece(str(path), kind, start, min(start + chunk, size)) for start in range(0, size, chunk)]
    if suffix == ".parquet" and size > chunk:
        return _row_group_pieces(path, chunk)
    return [Piece(str(path))]


def _row_group_pieces(path: Path, chunk: int) -> list[Piece]:
    """Consecutive row groups of about ``chunk`` bytes each; the whole file when its footer cannot be read."""
    try:
        meta = pq.read_metadata(path)
    except (OSError, pa.ArrowException):
        return [Piece(str(path))]
    pieces: list[Piece] = []
    start = 0
    held = 0
    for group in range(meta.num_row_groups):
        held += meta.row_group(group).total_byte_size
        if held >= chunk or group == meta.num_row_groups - 1:
            pieces.append(Piece(str(path), PieceKind.ROW_GROUPS, start, group + 1))
            start, held = group + 1, 0
    return pieces or [Piece(str(path))]


def count_jobs(partitions: Sequence[Partition]) -> list[RangeKey]:
    """The byte ranges whose line breaks must be counted: every JSONL range followed by another of its file."""
    pieces = (p for part in partitions for p in part.pieces)
    ranges = sorted({(p.path, p.start, p.stop) for p in pieces if p.kind is PieceKind.LINES})
    last = {path: stop for path, _, stop in ranges}
    return [r for r in ranges if r[2] != last[r[0]]]


def count_range(path: str, start: int, stop: int) -> int:
    """The line breaks in bytes ``start``..``stop`` of ``path`` (a task of its own on a worker)."""
    with open(path, "rb") as handle:
        return count_breaks(handle, start, stop)


def with_breaks(partitions: Sequence[Partition], counted: Mapping[RangeKey, int]) -> list[Partition]:
    """The partitions with each JSONL range's ``breaks_before`` set from the counts of the ranges before it."""
    before: dict[tuple[str, int], int] = {}
    per_file: dict[str, list[RangeKey]] = defaultdict(list)
    for key in counted:
        per_file[key[0]].append(key)
    for path, keys in per_file.items():
        total = 0
        for key in sorted(keys, key=lambda k: k[1]):
            total += counted[key]
            before[(path, key[2])] = total

    def filled(piece: Piece) -> Piece:
        if piece.kind is not PieceKind.LINES or piece.start == 0:
            return piece
        return dataclasses.replace(piece, breaks_before=before[(piece.path, piece.start)])

    return [Partition(p.index, tuple(filled(piece) for piece in p.pieces)) for p in partitions]


def csv_jobs(partitions: Sequence[Partition]) -> dict[str, list[tuple[int, int]]]:
    """Per split CSV file, its ranges in order: each is scanned before it is read."""
    pieces = (p for part in partitions for p in part.pieces)
    ranges = sorted({(p.path, p.start, p.stop) for p in pieces if p.kind is PieceKind.CSV_ROWS})
    jobs: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for path, start, stop in ranges:
        jobs[path].append((start, stop))
    return dict(jobs)


def with_csv_starts(partitions: Sequence[Partition], settled: Mapping[RangeKey, tuple[int, int]]) -> list[Partition]:
    """The partitions with each CSV range's ``start`` and ``breaks_before`` set from its settled scan."""

    def filled(piece: Piece) -> Piece:
        if piece.kind is not PieceKind.CSV_ROWS:
            return piece
        start, breaks = settled[(piece.path, piece.start, piece.stop)]
        return dataclasses.replace(piece, start=start, breaks_before=breaks)

    return [Partition(p.index, tuple(filled(piece) for piece in p.pieces)) for p in partitions]


def read_partition(partition: Partition) -> Iterator[Article | Reject]:
    """The records of a partition, in input order, as a local run reads them."""
    for piece in partition.pieces:
        path = Path(piece.path)
        if piece.kind is PieceKind.FILE:
            yield from read_file(path)
            continue
        try:
            if piece.kind is PieceKind.LINES:
                yield from read_jsonl_range(path, piece.start, piece.stop, piece.breaks_before)
            elif piece.kind is PieceKind.CSV_ROWS:
                yield from read_csv_range(path, piece.start, piece.stop, piece.breaks_before)
            else:
                yield from read_parquet(path, range(piece.start, piece.stop))
        except OSError as err:
            yield file_reject(path, RejectKind.UNREADABLE, f"could not be read: {err.strerror or err}")
