"""The user cache of derived data: built once, read back equal, never stale, never fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.cacheindex import NamedTupleIndex
from eventcoder.diskcache import cache_dir, load_or_build
from eventcoder.enrich import placeindex


class Builder:
    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("EVENTCODER_NO_CACHE", raising=False)
    return tmp_path / "cache" / "data"


@pytest.mark.parametrize(
    ("first", "second", "builds"),
    [
        (["a", b"b"], ["a", b"b"], 1),  # same fingerprint: read back
        (["a", b"b"], ["a", b"c"], 2),  # a changed source or version: built again
        (["ab"], ["a", "b"], 2),  # parts are separated, not concatenated
    ],
)
def test_fingerprint_decides(cache: Path, first: list[str | bytes], second: list[str | bytes], builds: int) -> None:
    build = Builder({"key": (1, 2.5, None)})
    assert load_or_build("thing", first, build) == {"key": (1, 2.5, None)}
    assert load_or_build("thing", second, build) == {"key": (1, 2.5, None)}
    assert build.calls == builds
    assert len(list(cache.glob("thing-*.json"))) == builds
    assert not list(cache.glob(".*.tmp"))


def test_a_damaged_file_is_rebuilt(cache: Path) -> None:
    load_or_build("thing", ["x"], Builder([1]))
    (file,) = cache.glob("thing-*.json")
    file.write_bytes(b"not a cache file")
    build = Builder([2])
    assert load_or_build("thing", ["x"], build) == [2] and build.calls == 1


@pytest.mark.parametrize("variable", ["EVENTCODER_NO_CACHE", "unwritable"])
def test_caching_off_or_impossible_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    if variable == "EVENTCODER_NO_CACHE":
        monkeypatch.setenv("EVENTCODER_NO_CACHE", "1")
        assert cache_dir("data") is None
    else:
        blocker = tmp_path / "file"
        blocker.write_text("a file where the cache directory should be")
        monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(blocker / "cache"))
    build = Builder("value")
    assert load_or_build("thing", ["x"], build) == "value"
    assert load_or_build("thing", ["x"], build) == "value"
    assert build.calls == 2


def test_cached_gazetteer_index_equals_a_fresh_build(cache: Path) -> None:
    fresh = placeindex.build_index(placeindex.geonames())
    codec = NamedTupleIndex(placeindex.Entry)
    first = load_or_build("gazetteer", placeindex.index_fingerprint(), lambda: fresh, codec=codec)
    again = load_or_build("gazetteer", placeindex.index_fingerprint(), lambda: {}, codec=codec)
    assert again == first == fresh
    assert all(type(e) is placeindex.Entry for entries in again.values() for e in entries)
