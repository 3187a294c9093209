"""The user cache holds data, never code: no pickle, only eventcoder's classes, only the user's files (item 11)."""

from __future__ import annotations

import json
import math
import os
import pickle
import re
import stat
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder import load_codebook
from eventcoder.actors.resolve import ActorNames
from eventcoder.cachecodec import CacheFormatError, decode, encode
from eventcoder.codebook.tabari_rules import CodeBy, Mark, TabariElement
from eventcoder.codebook.yamlio import Located, LocatedDict, LocatedInt, LocatedList
from eventcoder.diskcache import load_or_build

SHARED = [1, "x"]


@pytest.mark.parametrize(
    "value",
    [
        None, True, 3, -2.5, "text", "", (), [], {},
        (1, (2, ("three",)), [4.0, None]),
        {"a": 1, "b": [1, 2], "c": {"d": (1,)}},
        {("a", "b"): 1, (1, 2): ("x",), 3: "int key"},
        {1, 2, 3}, frozenset({"a", ("b", 1)}),
        date(2024, 11, 20), PurePosixPath("/tmp/x"), re.compile(r"(?i)ab+c"),
        [float("inf"), float("-inf")],
        {"nested": [{"deep": [[[(1, 2)]]]}]},
    ],
)  # fmt: skip
def test_round_trip(value: Any) -> None:
    back = decode(encode(value))
    assert back == value and type(back) is type(value)


@pytest.mark.parametrize("member", [CodeBy.CLAUSE, Mark.SKIP, TabariElement(Mark.TARGET, "", True, True)])
def test_enum_members_come_back_as_themselves(member: Any) -> None:
    back = decode(encode(member))
    assert back == member and (back is member or not isinstance(member, (CodeBy, Mark)))


def test_shared_objects_stay_shared() -> None:
    back = decode(encode((SHARED, SHARED, {"k": SHARED})))
    assert back[0] is back[1] is back[2]["k"]


def test_nan_round_trips() -> None:
    assert math.isnan(decode(encode([float("nan")]))[0])  # type: ignore[index]


def test_located_values_keep_their_lines() -> None:
    text, number, mapping, seq = Located("Erbil"), LocatedInt(34), LocatedDict(a=1), LocatedList([1, 2])
    text.line, number.line, number.raw, mapping.line, seq.line = 3, 4, "042", 5, 6
    back = decode(encode((text, number, mapping, seq)))
    assert back == (text, number, mapping, seq)  # type: ignore[comparison-overlap]
    assert [type(v) for v in back] == [Located, LocatedInt, LocatedDict, LocatedList]  # type: ignore[attr-defined]
    assert (back[0].line, back[1].line, back[1].raw, back[2].line, back[3].line) == (3, 4, "042", 5, 6)  # type: ignore[index]


def test_the_default_codebook_round_trips() -> None:
    book = load_codebook()
    back = decode(encode(book))
    assert back == book
    assert back.verb_index.keys() == book.verb_index.keys() and back.phrase_trie.keys() == book.phrase_trie.keys()


def test_actor_names_round_trip() -> None:
    names = ActorNames.build(load_codebook())
    back = decode(encode(names))
    assert isinstance(back, ActorNames)
    for text in ("Mohammed Shia al-Sudani", "Sudani", "Volodymyr Zelensky", "Nobody Atall"):
        assert back.lookup(text, True) == names.lookup(text, True)


@pytest.mark.parametrize(
    "value", [os.path.join, lambda x: x, pickle.Pickler, Path("/tmp").open, json.JSONDecoder()],
)  # fmt: skip
def test_values_of_other_packages_are_not_stored(value: Any) -> None:
    with pytest.raises(CacheFormatError):
        encode({"v": value})


def _doc(classes: list[str], value: Any) -> bytes:
    return json.dumps({"format": "eventcoder-cache", "version": 1, "classes": classes, "value": value}).encode()


@pytest.mark.parametrize(
    "data",
    [
        _doc(["os:system"], [20, 0]),  # a function of another module
        _doc(["builtins:eval"], [20, 0]),
        _doc(["subprocess:Popen"], [14, 0, [["touch", "/tmp/owned"]]]),
        _doc(["eventcoder.export.writer:DatasetWriter"], [14, 0, ["/tmp/x"]]),  # not a dataclass: never called
        _doc(["eventcoder.export.writer:__builtins__"], [20, 0]),
        _doc(["pathlib:os"], [20, 0]),
        _doc([], [99, 1]),
        b"\\x80\\x04not json",
        pickle.dumps({"a": 1}),
        _doc([], {"a": 1}).replace(b'"version": 1', b'"version": 2'),
    ],
)  # fmt: skip
def test_files_naming_anything_else_are_refused(data: bytes) -> None:
    with pytest.raises(CacheFormatError):
        decode(data)


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text() | st.dates(),
        lambda inner: st.lists(inner, max_size=4) | st.lists(inner, max_size=4).map(tuple)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
        | st.dictionaries(st.tuples(st.integers(), st.text(max_size=3)), inner, max_size=3)
        | st.frozensets(st.integers() | st.text(max_size=3), max_size=4),
        max_leaves=25,
    )
)  # fmt: skip
def test_any_plain_value_round_trips(value: Any) -> None:
    assert decode(encode(value)) == value


# -- the cache directory -------------------------------------------------------------------------------


class _Payload:
    """Unpickling this creates a file: what an attacker's pickle would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.marker,))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("EVENTCODER_NO_CACHE", raising=False)
    return tmp_path / "cache" / "data"


def _cached_file(cache: Path) -> Path:
    assert load_or_build("thing", ["x"], lambda: {"v": 1}) == {"v": 1}
    (file,) = (p for p in cache.iterdir() if p.name.startswith("thing-"))
    return file


def test_a_planted_pickle_never_runs(cache: Path, tmp_path: Path) -> None:
    file = _cached_file(cache)
    marker = tmp_path / "owned"
    file.write_bytes(pickle.dumps(_Payload(marker)))  # was loaded with pickle.load: the payload ran
    assert load_or_build("thing", ["x"], lambda: {"v": 2}) == {"v": 2}
    assert not marker.exists()


def test_cache_files_are_private(cache: Path) -> None:
    assert stat.S_IMODE(_cached_file(cache).stat().st_mode) == 0o600


@pytest.mark.parametrize("change", ["owner", "group-writable", "world-writable", "symlink"])
def test_files_not_the_users_own_are_ignored(cache: Path, tmp_path: Path, change: str) -> None:
    file = _cached_file(cache)
    if change == "owner":
        if os.geteuid() != 0:
            pytest.skip("giving a file to another user needs root")
        os.chown(file, 12345, 12345)
    elif change == "symlink":
        target = tmp_path / "elsewhere.json"
        target.write_bytes(file.read_bytes())
        file.unlink()
        file.symlink_to(target)
    else:
        file.chmod(0o620 if change == "group-writable" else 0o602)
    assert load_or_build("thing", ["x"], lambda: {"v": 3}) == {"v": 3}  # built again, not read


def test_a_cached_codebook_keeps_the_name_index_fingerprint() -> None:
    """actors.resolve keys its cache by pickling codebook data: a codebook read back must pickle the same."""
    from eventcoder.actors.resolve import _named_entries

    book = load_codebook()
    back = decode(encode(book))
    assert isinstance(back, type(book))
    fingerprint = lambda b: pickle.dumps((b.names, _named_entries(b)), protocol=5)  # noqa: E731
    assert fingerprint(back) == fingerprint(book)
