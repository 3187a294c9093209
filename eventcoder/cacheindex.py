"""A cache format for a name index of named tuples (the gazetteer): two Arrow IPC tables.

The gazetteer's index maps 120,000 folded names to tuples of 40,000 places
(:class:`eventcoder.enrich.geo` ``_Entry``, a named tuple). Stored column-wise
it reads back in about the time unpickling took, and, like
:mod:`eventcoder.cachecodec`, it holds data only: the file gives values, the
caller gives the class.

A file is ``MAGIC``, the length of the first stream (8 bytes, little-endian),
then two Arrow IPC streams: the distinct entries, one column per field, and
the names with the positions of their entries (``list<int32>``).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from itertools import repeat
from typing import Any, Generic, TypeVar

import pyarrow as pa
import pyarrow.ipc as ipc

from eventcoder.cachecodec import CacheFormatError

__all__ = ["NamedTupleIndex"]

MAGIC = b"eventcoder-index-1\n"
T = TypeVar("T", bound=tuple[Any, ...])


class NamedTupleIndex(Generic[T]):
    """Encode and decode ``dict[str, tuple[row, ...]]`` whose rows are instances of the named tuple ``row``."""

    suffix = ".arrows"

    def __init__(self, row: type[T]) -> None:
        self.row = row
        self.fields: tuple[str, ...] = tuple(row._fields)  # type: ignore[attr-defined]

    def encode(self, index: Mapping[str, tuple[T, ...]]) -> bytes:
        position: dict[int, int] = {}
        rows: list[T] = []
        offsets, refs = [0], []
        for entries in index.values():
            for entry in entries:
                at = position.get(id(entry))
                if at is None:
                    at = position[id(entry)] = len(rows)
                    rows.append(entry)
                refs.append(at)
            offsets.append(len(refs))
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in self.fields]
        entries_table = pa.table({name: pa.array(list(c)) for name, c in zip(self.fields, columns, strict=True)})
        names = pa.table({
            "name": pa.array(list(index), pa.string()),
            "entries": pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), pa.array(refs, pa.int32())),
        })  # fmt: skip
        first, second = _stream(entries_table), _stream(names)
        return MAGIC + len(first).to_bytes(8, "little") + first + second

    def decode(self, data: bytes) -> dict[str, tuple[T, ...]]:
        if not data.startswith(MAGIC):
            raise CacheFormatError("not an index cache file")
        start = len(MAGIC) + 8
        split = start + int.from_bytes(data[len(MAGIC) : start], "little")
        try:
            entries_table = ipc.open_stream(data[start:split]).read_all()
            names = ipc.open_stream(data[split:]).read_all()
        except (pa.ArrowInvalid, OSError, ValueError) as exc:
            raise CacheFormatError(f"damaged index cache file: {exc}") from exc
        if tuple(entries_table.column_names) != self.fields or names.column_names != ["name", "entries"]:
            raise CacheFormatError("index cache file of another layout")
        columns = [entries_table.column(name).to_pylist() for name in self.fields]
        rows = list(map(tuple.__new__, repeat(self.row), zip(*columns, strict=True)))
        lists = names.column("entries").combine_chunks()
        offsets, refs = lists.offsets.to_pylist(), lists.values.to_pylist()
        values = [
            (rows[refs[s]],) if e - s == 1 else tuple([rows[i] for i in refs[s:e]])
            for s, e in zip(offsets, offsets[1:])  # noqa: B905 - offsets has one more item
        ]
        return dict(zip(names.column("name").to_pylist(), values, strict=True))


def _stream(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    with ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()
