"""The data blob round-trips, each column in the narrowest type, aligned for typed arrays."""

from __future__ import annotations

import base64
import gzip
import json
import struct

import numpy as np
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventcoder.report.encode import pack, unpack


@given(
    st.lists(st.integers(0, 2**32 - 1), max_size=50),
    st.lists(st.integers(0, 255), max_size=50),
    st.dictionaries(st.text(max_size=5), st.text(max_size=20), max_size=4),
)
def test_round_trip(big: list[int], small: list[int], header: dict[str, str]) -> None:
    n = min(len(big), len(small))
    frame = pl.DataFrame({"big": big[:n], "small": small[:n]}, schema={"big": pl.UInt32, "small": pl.UInt8})
    back_header, columns = unpack(pack(header, frame))
    assert back_header == header
    assert columns["big"].tolist() == big[:n] and columns["small"].tolist() == small[:n]


@pytest.mark.parametrize(("top", "kind"), [(0, "u8"), (255, "u8"), (256, "u16"), (65535, "u16"), (65536, "u32")])
def test_narrowest_type_and_alignment(top: int, kind: str) -> None:
    frame = pl.DataFrame({"a": [1, 2, 3], "b": [0, top, 1]})
    raw = gzip.decompress(base64.b64decode(pack({}, frame)))
    (size,) = struct.unpack_from("<I", raw)
    layout = json.loads(raw[4 : 4 + size])["columns"]
    assert [c["type"] for c in layout] == ["u8", kind]
    assert (4 + size) % 8 == 0 and all(c["offset"] % 8 == 0 for c in layout)


def test_same_data_same_bytes() -> None:
    frame = pl.DataFrame({"a": np.arange(1000) % 7})
    assert pack({"x": 1}, frame) == pack({"x": 1}, frame)


def test_negative_values_are_refused() -> None:
    with pytest.raises(ValueError):
        pack({}, pl.DataFrame({"a": [1, -1]}))
