"""Which part files of a dataset a schema has already loaded, by their content.

An ``--append`` keeps the earlier runs' parts of ``articles``, ``mentions``,
``actor_mentions`` and ``rejects`` and adds new ones; re-clustering actors
rewrites the old parts, usually to the same bytes. A load records the
BLAKE2b hash of every part it has loaded (with the codebook's content hash)
in the ``loaded_parts`` table, and the next load reads only the articles
that appear in a part whose hash it does not hold: an append costs the new
parts, not the whole dataset. Hashing a file reads it once, in blocks, with
no parsing; it is far cheaper than digesting its rows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

__all__ = ["PART_TABLES", "Part", "dataset_parts", "row_count"]

PART_TABLES = ("articles", "mentions", "actor_mentions", "rejects")
"""The tables whose parts are recorded: those an appending run keeps."""

_BLOCK = 1 << 20


@dataclass(frozen=True, slots=True)
class Part:
    """One part file of one table, and the hash of its bytes."""

    table: str
    path: Path
    content_hash: str

    def relative(self, dataset: Path) -> str:
        return self.path.relative_to(dataset).as_posix()


def content_hash(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as handle:
        while block := handle.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def table_files(dataset: Path, table: str) -> list[Path]:
    directory = dataset / table
    return sorted(directory.rglob("*.parquet")) if directory.is_dir() else []


def dataset_parts(dataset: Path) -> list[Part]:
    """Every part of :data:`PART_TABLES` in ``dataset``, hashed."""
    return [Part(table, path, content_hash(path)) for table in PART_TABLES for path in table_files(dataset, table)]


def row_count(files: list[Path]) -> int:
    """Rows of Parquet ``files``, from their footers."""
    return sum(pq.ParquetFile(f).metadata.num_rows for f in files)
