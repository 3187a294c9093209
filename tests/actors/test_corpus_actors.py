"""Corpus-level actors (issue 4): one actors/ row per real actor, mentions pointing at it.

Runs the whole pipeline (``code_corpus``) over a small corpus that writes
its actors many ways, and checks that the result does not depend on the
order of the input or the batch size.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder import code_corpus, load_codebook

ARTICLES = [
    ("a01", "2024-11-05", "Iraqi Prime Minister Mohammed Shia al-Sudani met Antony Blinken in Baghdad on Monday."),
    ("a02", "2024-11-19", "Iraqi Prime Minister Mohammed Shi'a al-Sudani criticized Israel on Tuesday."),
    ("a03", "2024-11-20", "Iraqi Prime Minister Muhammad Shia al-Soudani condemned Turkey on Wednesday."),
    ("a04", "2024-11-21", "Prime Minister Mohammed Shia al-Sudami accused Iran of interference on Thursday."),
    ("a05", "2024-12-01", "Kata'ib Hizbollah attacked Israel on Sunday."),
    ("a06", "2024-12-02", "Kataib Hezbollah threatened the United States on Monday."),
    ("a07", "2024-12-03", "Ukrainian President Volodymyr Zelenskiy met French President Emmanuel Macron in Paris."),
    ("a08", "2024-12-04", "President Volodymyr Zelenskyy criticized Russia on Wednesday."),
    ("a09", "2024-12-05", "Iraqi lawmaker Raad Hashim al-Dahlaki criticized Iran on Thursday."),
    ("a10", "2024-12-06", "Iraqi lawmaker Raad Hashem al-Dahlaki criticized Turkey on Friday."),
    ("a11", "2024-12-07", "Antony Blinken met Iraqi Prime Minister Mohammed Shia al-Sudani. "
                          "Later, Blinken criticized Iran. The prime minister condemned Israel."),
]


@pytest.fixture(scope="module")
def book():
    return load_codebook()


def _run(book, order: list[int], batch_size: int, out: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    src = out.parent / f"{out.name}.jsonl"
    src.write_text("".join(json.dumps({"id": ARTICLES[i][0], "published": ARTICLES[i][1], "text": ARTICLES[i][2]})
                           + "\n" for i in order), encoding="utf-8")
    code_corpus([src], out, book, batch_size=batch_size)
    actors = pl.read_parquet(out / "actors" / "*.parquet").sort("actor_id")
    mentions = (pl.read_parquet(out / "mentions" / "*.parquet")
                .select("mention_id", "source_actor_id", "target_actor_id", "source_name", "target_name",
                        "source_how", "target_how")
                .sort("mention_id"))
    return actors, mentions


@pytest.fixture(scope="module")
def reference(book, tmp_path_factory) -> tuple[pl.DataFrame, pl.DataFrame]:
    return _run(book, list(range(len(ARTICLES))), 200, tmp_path_factory.mktemp("ref") / "out")


def _ids_of(mentions: pl.DataFrame, needle: str) -> set[str]:
    ids = set()
    for side in ("source", "target"):
        ids |= set(mentions.filter(pl.col(f"{side}_name").str.contains(needle))[f"{side}_actor_id"].to_list())
    return ids


@pytest.mark.parametrize(("needle", "canonical", "code"), [
    ("Sudani", "Mohammed Shia al-Sudani", "IRQGOV"),
    ("Blinken", "Antony Blinken", "USAGOV"),
    ("Kata'ib Hezbollah", "Kata'ib Hezbollah", "IRQUAF"),
    ("Zelensky", "Volodymyr Zelensky", "UKRGOV"),
])
def test_every_spelling_is_one_actor_row(reference, needle: str, canonical: str, code: str) -> None:
    actors, mentions = reference
    ids = _ids_of(mentions, needle)
    assert len(ids) == 1, ids
    row = actors.filter(pl.col("actor_id") == ids.pop()).row(0, named=True)
    assert (row["canonical_name"], row["actor_code"], row["origin"]) == (canonical, code, "codebook")


def test_spellings_are_listed_as_variants_and_counted(reference) -> None:
    actors, _ = reference
    sudani = actors.filter(pl.col("canonical_name") == "Mohammed Shia al-Sudani").row(0, named=True)
    for spelling in ("Mohammed Shia al-Sudani", "Shi'a al-Sudani", "Soudani", "Sudami", "prime minister"):
        assert any(spelling in v for v in sudani["variants"]), spelling
    assert sudani["mention_count"] >= 6 and sudani["country_code"] == "IRQ" and sudani["role"] == "GOV"
    assert actors["actor_id"].n_unique() == actors.height


def test_unknown_spellings_cluster_into_one_unknown_actor(reference) -> None:
    actors, mentions = reference
    ids = _ids_of(mentions, "Dahlaki")
    assert len(ids) == 1
    row = actors.filter(pl.col("actor_id") == ids.pop()).row(0, named=True)
    assert row["origin"] == "unknown" and row["country_code"] == "IRQ"
    assert {"Raad Hashim al-Dahlaki", "Raad Hashem al-Dahlaki"} <= set(row["variants"])


def test_mentions_record_how_each_actor_was_resolved(reference) -> None:
    _, mentions = reference
    how = {(r["source_name"], r["source_how"]) for r in mentions.iter_rows(named=True)}
    assert ("Mohammed Shia al-Sudani", "folded") in how  # Muhammad Shia al-Soudani
    assert ("Mohammed Shia al-Sudani", "fuzzy") in how  # al-Sudami
    assert ("Antony Blinken", "coreference") in how or ("Antony Blinken", "dictionary") in how
    assert ("Mohammed Shia al-Sudani", "coreference") in how  # "The prime minister"


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(len(ARTICLES))), batch_size=st.integers(1, 5))
def test_actors_do_not_depend_on_input_order_or_batch_size(book, reference, order: list[int],
                                                           batch_size: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        actors, mentions = _run(book, list(order), batch_size, Path(tmp) / "out")
    ref_actors, ref_mentions = reference
    assert actors.equals(ref_actors)
    assert mentions.equals(ref_mentions)


def test_worker_processes_give_the_same_actors(book, reference, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "published": d, "text": t}) + "\n" for i, d, t in ARTICLES))
    code_corpus([src], tmp_path / "out", book, batch_size=3, workers=2)
    actors = pl.read_parquet(tmp_path / "out" / "actors" / "*.parquet").sort("actor_id")
    assert actors.equals(reference[0])


def test_an_appending_run_clusters_old_and_new_mentions_together(book, tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for path, rows in ((first, ARTICLES[8:9]), (second, ARTICLES[9:10])):
        path.write_text("".join(json.dumps({"id": i, "published": d, "text": t}) + "\n" for i, d, t in rows))
    out = tmp_path / "out"
    code_corpus([first], out, book)
    code_corpus([second], out, book, append=True)
    mentions = pl.read_parquet(out / "mentions" / "*.parquet")
    assert mentions.height == 2
    assert _ids_of(mentions, "Dahlaki") == set(
        pl.read_parquet(out / "actors" / "*.parquet").filter(pl.col("canonical_name").str.contains("Dahlaki"))[
            "actor_id"].to_list())
    assert len(_ids_of(mentions, "Dahlaki")) == 1


SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_6a4cc7c6ea953eb3.txt"


@pytest.fixture(scope="module")
def seed_actors(book, tmp_path_factory) -> pl.DataFrame:
    if not SEED.is_file():
        pytest.skip("../shared is absent: the seed article lives there")
    out = tmp_path_factory.mktemp("seed") / "out"
    code_corpus([SEED], out, book)
    return pl.read_parquet(out / "actors" / "*.parquet")


@pytest.mark.parametrize(("needle", "canonical", "code", "spellings"), [
    ("Sudani", "Mohammed Shia al-Sudani", "IRQGOV", ("Shia al-Sudani", "Shi’a al-Sudani")),
    ("Zebari", "Hoshyar Zebari", "IRQPTY", ("Hoshyar Zebari", "Zebari")),
    ("Miller", "Matthew Miller", "USAGOV", ("Matthew Miller", "Miller")),
    ("Blinken", "Antony Blinken", "USAGOV", ("Antony Blinken", "Blinken")),
    ("Hizbollah", "Kata'ib Hezbollah", "IRQUAF", ("Kata’ib Hizbollah",)),
])
def test_seed_lists_each_actor_once_with_its_spellings(seed_actors, needle: str, canonical: str, code: str,
                                                        spellings: tuple[str, ...]) -> None:
    """Acceptance (issue 4): one actors/ row each for Sudani (both spellings), Zebari, Miller, Blinken, KH."""
    rows = seed_actors.filter(pl.col("variants").list.eval(pl.element().str.contains(needle)).list.any())
    assert rows.height == 1, rows
    row = rows.row(0, named=True)
    assert (row["canonical_name"], row["actor_code"], row["country_code"]) == (canonical, code, code[:3])
    for spelling in spellings:
        assert any(spelling in v for v in row["variants"]), (spelling, row["variants"])
