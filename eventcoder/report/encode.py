"""Pack the report's data into one gzip blob: a JSON header, then typed integer columns.

The page reads it with the browser's own ``DecompressionStream('gzip')``, so
no decompression library ships in the page. Layout, before compression:
a little-endian uint32 with the header's length in bytes, the header (UTF-8
JSON: everything that is not a column, and ``columns``, each column's name,
type, offset and length), padding to 8 bytes, then each column's raw bytes,
each padded to 8 so the page can view it as a typed array without copying.
gzip's time stamp is zero, so the same data gives the same bytes.
"""

from __future__ import annotations

import base64
import gzip
import json
import struct
from collections.abc import Mapping
from typing import Any

import numpy as np
import polars as pl

__all__ = ["pack", "unpack"]

_TYPES: dict[str, np.dtype[np.unsignedinteger[Any]]] = {
    "u8": np.dtype("<u1"),
    "u16": np.dtype("<u2"),
    "u32": np.dtype("<u4"),
}


def pack(header: Mapping[str, object], columns: pl.DataFrame) -> str:
    """``header`` and the unsigned integer ``columns`` as base64 text of one gzip member."""
    layout, chunks, offset = [], [], 0
    for name in columns.columns:
        values = columns.get_column(name).to_numpy()
        kind = _smallest(values)
        data = values.astype(_TYPES[kind]).tobytes()
        layout.append({"name": name, "type": kind, "offset": offset, "length": len(values)})
        chunks.append(data + b"\0" * (-len(data) % 8))
        offset += len(chunks[-1])
    head = json.dumps({**header, "columns": layout}, separators=(",", ":"), ensure_ascii=False).encode()
    head += b" " * (-(len(head) + 4) % 8)
    raw = struct.pack("<I", len(head)) + head + b"".join(chunks)
    return base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")


def unpack(text: str) -> tuple[dict[str, Any], dict[str, np.ndarray[Any, Any]]]:
    """The header and columns of :func:`pack`'s output (the page's reading, in Python, for tests)."""
    raw = gzip.decompress(base64.b64decode(text))
    (size,) = struct.unpack_from("<I", raw)
    header = json.loads(raw[4 : 4 + size])
    base = 4 + size
    columns = {}
    for column in header.pop("columns"):
        dtype = _TYPES[column["type"]]
        start = base + column["offset"]
        columns[column["name"]] = np.frombuffer(raw, dtype=dtype, count=column["length"], offset=start)
    return header, columns


def _smallest(values: np.ndarray[Any, Any]) -> str:
    """The narrowest unsigned type holding every value (columns are counts and indices)."""
    top = int(values.max()) if len(values) else 0
    if len(values) and int(values.min()) < 0:
        raise ValueError("columns must hold non-negative integers")
    return "u8" if top < 2**8 else "u16" if top < 2**16 else "u32"
