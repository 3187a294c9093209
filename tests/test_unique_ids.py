"""Issue 11, item 1: a repeated article id is a reject naming both places; nothing vanishes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from eventcoder import code_corpus, load_codebook
from eventcoder.codebook import Codebook
from eventcoder.ingest import read_inputs
from eventcoder.ingest.unique import UniqueIds
from eventcoder.model import Article, Reject, RejectKind

MINI = Path(__file__).parent / "data" / "mini_codebook"


@pytest.fixture(scope="module")
def book() -> Codebook:
    return load_codebook(MINI)


def write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def checked(paths: list[Path]) -> list[Article | Reject]:
    ids = UniqueIds()
    found: list[Article | Reject] = []
    for item in read_inputs(paths):
        result = ids.check(item) if isinstance(item, Article) else item
        if isinstance(result, Article | Reject):
            found.append(result)
    return found


@pytest.mark.parametrize(
    ("records", "articles", "rejects"),
    [
        # the repro: a generated id must not take an explicit one's place
        ([{"id": "f-2", "text": "Russia attacked Ukraine."}, {"text": "China met India."}],
         ["f-2", "f#2"], []),
        ([{"id": "a", "text": "One."}, {"id": "a", "text": "Two."}], ["a"], [("line 2", "line 1")]),
        ([{"id": 7, "text": "One."}, {"id": "7", "text": "Two."}], ["7"], [("line 2", "line 1")]),
        ([{"id": "x", "text": "One."}, {"text": "Gap."}, {"id": " x ", "text": "Two."}], ["x", "f#2"],
         [("line 3", "line 1")]),
    ],
)
def test_repeated_ids_are_rejects_that_name_the_first(
    tmp_path: Path, records: list[dict[str, Any]], articles: list[str], rejects: list[tuple[str, str]]
) -> None:
    path = write(tmp_path / "f.jsonl", records)
    found = checked([path])
    assert [a.article_id for a in found if isinstance(a, Article)] == articles
    got = [r for r in found if isinstance(r, Reject)]
    assert [(r.kind, r.locator) for r in got] == [(RejectKind.DUPLICATE_ID, here) for here, _ in rejects]
    for reject, (_, first) in zip(got, rejects, strict=True):
        assert f"{path} {first}" in reject.reason


def test_an_explicit_id_in_the_generated_form_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "f.jsonl", [{"id": "f#2", "text": "Claims a generated id."}, {"text": "No id."}])
    found = checked([path])
    assert [a.article_id for a in found if isinstance(a, Article)] == ["f#2"]
    assert [(r.kind, r.locator) for r in found if isinstance(r, Reject)] == [(RejectKind.RESERVED_ID, "line 1")]


def test_the_same_id_in_two_files_names_the_other_file(tmp_path: Path) -> None:
    first = write(tmp_path / "a.jsonl", [{"id": "k", "text": "One."}])
    second = write(tmp_path / "b.jsonl", [{"id": "k", "text": "Two."}])
    [_, reject] = checked([first, second])
    assert isinstance(reject, Reject) and reject.origin == str(second)
    assert f"{first} line 1" in reject.reason


def test_a_run_writes_repeated_ids_to_rejects(tmp_path: Path, book: Codebook) -> None:
    path = write(tmp_path / "f.jsonl", [{"id": "a", "text": "France condemned Russia."},
                                        {"id": "a", "text": "Iran called on Iraq to act."}])
    result = code_corpus([path], tmp_path / "out", book)
    assert (result.articles, result.rejects, result.skipped) == (1, 1, 0)
    rejects = pl.read_parquet(tmp_path / "out" / "rejects" / "*.parquet")
    assert rejects.select("kind", "line").rows() == [("duplicate_id", 2)]


def test_append_counts_known_articles_per_file(tmp_path: Path, book: Codebook) -> None:
    first = write(tmp_path / "first.jsonl", [{"id": "a", "text": "France condemned Russia."}])
    second = write(tmp_path / "second.jsonl", [{"id": "a", "text": "Again."}, {"id": "b", "text": "New."}])
    code_corpus([first], tmp_path / "out", book)
    result = code_corpus([first, second], tmp_path / "out", book, append=True)
    assert (result.articles, result.skipped, result.rejects) == (1, 2, 0)
    assert result.skipped_by_file == {str(first): 1, str(second): 1}
    assert result.manifest["runs"][-1]["skipped_by_file"] == {str(first): 1, str(second): 1}
