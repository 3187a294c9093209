"""The compiled-codebook cache: a hit equals a fresh load, and it never serves stale data."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from eventcoder.codebook import load_codebook
from eventcoder.diskcache import cache_dir

MINI = Path(__file__).parent.parent / "data" / "mini_codebook"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "codebooks"


def test_second_load_comes_from_the_cache_and_equals_the_first(tmp_path, cache):
    first = load_codebook(MINI)
    assert len(list(cache.glob("*.json"))) == 1
    second = load_codebook(MINI)
    assert second.content_hash == first.content_hash
    assert second.counts == first.counts
    assert set(second.verbs) == set(first.verbs)


def test_an_edited_codebook_is_not_served_from_the_cache(tmp_path, cache):
    book = tmp_path / "book"
    shutil.copytree(MINI, book)
    before = load_codebook(book)
    with (book / "verbs.yaml").open("a") as handle:
        handle.write('"043":\n  - welcome\n')
    after = load_codebook(book)
    assert "welcomed" in after.verbs and "welcomed" not in before.verbs


@pytest.mark.parametrize("garbage", [b"", b"not a cache file", b"\x80\x05K\x01."])
def test_a_corrupt_entry_is_ignored(cache, garbage):
    load_codebook(MINI)
    (entry,) = cache.glob("*.json")
    entry.write_bytes(garbage)
    assert load_codebook(MINI).counts["verb_patterns"] > 0


def test_the_cache_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("EVENTCODER_NO_CACHE", "1")
    assert cache_dir("codebooks") is None
    assert load_codebook(MINI).name == "mini"


def test_derived_data_is_built_once_and_never_pickled():
    book = load_codebook(MINI)
    calls = []
    first = book.derived("thing", lambda b: calls.append(b) or object())
    assert book.derived("thing", lambda b: calls.append(b) or object()) is first and len(calls) == 1
    copy = pickle.loads(pickle.dumps(book))
    assert copy.derived("thing", lambda b: "rebuilt") == "rebuilt"
