"""Corpus-level clustering of actors (issue 4): each real actor listed once."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.actors.dedupe import Clustering, cluster_actors, occurrences, remap_mentions
from eventcoder.actors.names import DEFAULT_FOLDER
from eventcoder.rows import actor_id

_spec = importlib.util.spec_from_file_location("fuzzy_pairs", Path(__file__).with_name("test_fuzzy.py"))
assert _spec is not None and _spec.loader is not None
pairs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pairs)


def frame(rows: list[tuple[str, str, str | None, str | None, str, int]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"key": pl.String, "name": pl.String, "code": pl.String,
                                      "country": pl.String, "how": pl.String, "count": pl.Int64}, orient="row")


def unknown(name: str, country: str | None = None, count: int = 1) -> tuple[str, str, str | None, str | None, str, int]:
    return (f"name:{name.lower()}", name, country and country + "GOV", country, "title" if country else "unknown",
            count)


def codebook_rows() -> list[tuple[str, str, str | None, str | None, str, int]]:
    return [(f"actor:{name}", variant, country, country, "dictionary", 5)
            for name, variants, country, _ in pairs.DICTIONARY for variant in (name, *variants)]


def labelled_clustering() -> Clustering:
    rows = codebook_rows()
    rows += [unknown(q) for q, _ in pairs.POSITIVE]
    rows += [unknown(q) for q, _ in pairs.NEGATIVE]
    return cluster_actors(frame(rows))


CLUSTERED = labelled_clustering().mapping()


def _multiword(name: str) -> bool:
    return len(DEFAULT_FOLDER.tokens(name)) > 1


@pytest.mark.parametrize(("variant", "actor"), [(q, a) for q, a in pairs.POSITIVE if _multiword(q)])
def test_a_variant_joins_its_codebook_actor(variant: str, actor: str) -> None:
    assert CLUSTERED[f"name:{variant.lower()}"] == f"actor:{actor}"


@pytest.mark.parametrize(("name", "actor"), pairs.NEGATIVE)
def test_a_near_miss_never_joins_the_other_actor(name: str, actor: str) -> None:
    assert CLUSTERED[f"name:{name.lower()}"] != f"actor:{actor}"


def test_codebook_actors_are_never_merged() -> None:
    assert sum(1 for k, c in CLUSTERED.items() if k.startswith("actor:") and k != c) == 0
    rows = [("actor:Masoud Barzani", "Masoud Barzani", "IRQPTY", "IRQ", "dictionary", 3),
            ("actor:Masoud Barzani", "Barzani", "IRQPTY", "IRQ", "dictionary", 9),
            ("actor:Masrour Barzani", "Masrour Barzani", "IRQGOV", "IRQ", "dictionary", 3),
            ("actor:Masrour Barzani", "Barzani", "IRQGOV", "IRQ", "dictionary", 2),
            unknown("Barzani", count=4), unknown("Masrur Barzani")]
    mapping = cluster_actors(frame(rows)).mapping()
    assert mapping["actor:Masoud Barzani"] != mapping["actor:Masrour Barzani"]
    assert mapping["name:barzani"] == "name:barzani"  # written for both: joins neither
    assert mapping["name:masrur barzani"] == "actor:Masrour Barzani"


def test_different_countries_are_never_merged() -> None:
    rows = [unknown("Ahmed Hassan Karimi", "IRQ", 3), unknown("Ahmed Hasan Karimi", "SYR", 2),
            unknown("Ahmad Hassan Karimi", None, 1)]
    mapping = cluster_actors(frame(rows)).mapping()
    assert mapping["name:ahmed hassan karimi"] != mapping["name:ahmed hasan karimi"]
    rows = [unknown("Ahmed Hassan Karimi", "IRQ", 3), unknown("Ahmed Hasan Karimy", None, 2)]
    assert len(set(cluster_actors(frame(rows)).mapping().values())) == 1


def test_the_cluster_row() -> None:
    rows = [("actor:Mohammed Shia al-Sudani", "Mohammed Shia al-Sudani", "IRQGOV", "IRQ", "dictionary", 10),
            unknown("Muhammad Shia al-Sudani", count=3), unknown("Mohammed al-Soudani", "IRQ", 2),
            unknown("Sudani", count=4), unknown("Qassim al-Araji", count=1), unknown("Qasim al-Araji", "IRQ", 5),
            unknown("Al-Araji", count=1),
            ("code:IRQGOV", "Iraqi government", "IRQGOV", "IRQ", "agent", 7),
            ("code:IRQGOV", "Baghdad", "IRQGOV", "IRQ", "dictionary", 2)]
    result = cluster_actors(frame(rows))
    table = {r["cluster_id"]: r for r in result.clusters.iter_rows(named=True)}
    assert set(table) == {"actor:Mohammed Shia al-Sudani", "name:qasim al-araji", "code:IRQGOV"}
    sudani = table["actor:Mohammed Shia al-Sudani"]
    assert sudani["canonical_name"] == "Mohammed Shia al-Sudani"
    assert sudani["variants"] == sorted(["Mohammed Shia al-Sudani", "Muhammad Shia al-Sudani",
                                         "Mohammed al-Soudani", "Sudani"])
    assert sudani["mention_count"] == 19 and sudani["origin"] == "codebook"
    assert (sudani["actor_code"], sudani["country_code"], sudani["role"]) == ("IRQGOV", "IRQ", "GOV")
    assert sudani["actor_id"] == actor_id("actor:Mohammed Shia al-Sudani")
    araji = table["name:qasim al-araji"]
    assert araji["canonical_name"] == "Qasim al-Araji"  # most mentioned name of two words or more
    assert araji["keys"] == sorted(["name:al-araji", "name:qassim al-araji", "name:qasim al-araji"])
    assert araji["origin"] == "unknown"  # titled (how == "title"): coded by its title, the name is not in the codebook
    assert table["code:IRQGOV"]["variants"] == ["Baghdad", "Iraqi government"]
    per_key = result.keys.filter(pl.col("key") == "name:sudani").row(0, named=True)
    assert per_key["cluster_id"] == "actor:Mohammed Shia al-Sudani" and per_key["mention_count"] == 19


def test_input_needs_key_and_name() -> None:
    with pytest.raises(ValueError, match="name"):
        cluster_actors(pl.DataFrame({"key": ["name:x"]}))
    result = cluster_actors(pl.DataFrame({"key": ["name:a b", "name:a bb"], "name": ["Abc Defgh", "Abc Defgi"]}))
    assert result.clusters.height == 1 and result.clusters["mention_count"].to_list() == [2]


def test_occurrences_and_remap() -> None:
    mentions = pl.DataFrame({
        "mention_id": ["m1", "m2"],
        "source_key": ["name:muhammad shia al-sudani", "actor:Antony Blinken"],
        "source_name": ["Muhammad Shia al-Sudani", "Antony Blinken"],
        "source_text": ["Muhammad Shia al-Sudani", "Secretary of State Antony Blinken"],
        "source_code": [None, "USAGOV"], "source_how": ["unknown", "dictionary"],
        "source_actor_id": [actor_id("name:muhammad shia al-sudani"), actor_id("actor:Antony Blinken")],
        "target_key": ["actor:Antony Blinken", "actor:Mohammed Shia al-Sudani"],
        "target_name": ["Antony Blinken", "Mohammed Shia al-Sudani"],
        "target_text": ["Blinken", "Iraqi Prime Minister Mohammed Shia al-Sudani"],
        "target_code": ["USAGOV", "IRQGOV"], "target_how": ["dictionary", "dictionary"],
        "target_actor_id": [actor_id("actor:Antony Blinken"), actor_id("actor:Mohammed Shia al-Sudani")],
    })
    occ = occurrences(mentions.lazy(), frozenset({"GOV"}))
    assert set(occ.columns) >= {"key", "name", "text", "code", "country", "how", "count"}
    assert occ.filter(pl.col("key") == "actor:Antony Blinken")["count"].sum() == 2
    assert occ.filter(pl.col("key") == "actor:Antony Blinken")["country"].to_list() == ["USA", "USA"]
    result = cluster_actors(occ)
    blinken = result.clusters.filter(pl.col("cluster_id") == "actor:Antony Blinken").row(0, named=True)
    assert blinken["variants"] == ["Antony Blinken", "Blinken", "Secretary of State Antony Blinken"]
    remapped = remap_mentions(mentions.lazy(), result).collect()
    assert remapped["source_actor_id"].to_list()[0] == actor_id("actor:Mohammed Shia al-Sudani")
    assert remapped["target_actor_id"].to_list() == mentions["target_actor_id"].to_list()
    assert remapped.columns == mentions.columns


# ---------------------------------------------------------------------------
# Properties: order of the input does not matter; clustering twice = once.

_POOL = [
    ("actor:Mohammed Shia al-Sudani", "Mohammed Shia al-Sudani"), ("actor:Mohammed Shia al-Sudani", "Sudani"),
    ("actor:Masoud Barzani", "Masoud Barzani"), ("actor:Masoud Barzani", "Barzani"),
    ("actor:Masrour Barzani", "Masrour Barzani"), ("actor:Masrour Barzani", "Barzani"),
    ("actor:Mahmoud Abbas", "Mahmoud Abbas"), ("actor:Abbas Araghchi", "Abbas Araghchi"),
    *[(None, n) for n in ("Muhammad Shia al-Sudani", "Mohammed al-Sudani", "Mohammed Shia al-Soudani",
                          "Sudani", "Al-Sudani", "Barzani", "Masrur Barzani", "Massoud Barzani",
                          "Nechirvan Barzani", "Mahmud Abbas", "Abbas Araqchi", "Abbas Arakchi", "Abbas",
                          "Kim Jong Un", "Kim Jong-un", "Kim Yo Jong", "Kim Jong Il", "Kim",
                          "Bashar al-Assad", "Bashar Assad", "Hafez al-Assad", "Assad", "Ali Khamenei",
                          "Ali Khamenei", "Ali Larijani", "Ahmed Hassan Karimi", "Ahmad Hasan Karimi",
                          "Ahmed Hassan Karimy", "Mohammed", "Kataib Hezbollah", "Kata'ib Hizbollah",
                          "Hezbollah")],
]
_ROWS = st.lists(st.tuples(st.integers(0, len(_POOL) - 1), st.sampled_from([None, None, "IRQ", "SYR", "IRN"]),
                           st.integers(1, 5)), min_size=1, max_size=30)


def _rows(spec: list[tuple[int, str | None, int]]) -> pl.DataFrame:
    rows = []
    for i, country, count in spec:
        key, name = _POOL[i]
        if key is None:
            rows.append(unknown(name, country, count))
        else:
            rows.append((key, name, "IRQGOV", "IRQ", "dictionary", count))
    return frame(rows)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ROWS, st.randoms(use_true_random=False))
def test_clustering_does_not_depend_on_input_order(spec: list[tuple[int, str | None, int]],
                                                  rnd: random.Random) -> None:
    data = _rows(spec)
    shuffled = data.sample(fraction=1.0, shuffle=True, seed=rnd.randrange(2**32))
    first, second = cluster_actors(data), cluster_actors(shuffled)
    assert first.keys.equals(second.keys)
    assert first.clusters.equals(second.clusters)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ROWS)
def test_clustering_is_idempotent(spec: list[tuple[int, str | None, int]]) -> None:
    data = _rows(spec)
    once = cluster_actors(data)
    again_input = data.join(once.keys.select("key", "cluster_id"), on="key").with_columns(
        pl.col("cluster_id").alias("key")).drop("cluster_id")
    twice = cluster_actors(again_input)
    assert set(twice.mapping().values()) == set(once.mapping().values())
    assert all(twice.mapping()[c] == c for c in once.mapping().values())
    assert once.clusters.drop("keys").equals(twice.clusters.drop("keys"))


def test_no_cluster_holds_two_actors_or_two_countries() -> None:
    rng = random.Random(7)
    spec = [(rng.randrange(len(_POOL)), rng.choice([None, "IRQ", "SYR"]), rng.randint(1, 5)) for _ in range(400)]
    data = _rows(spec)
    result = cluster_actors(data)
    joined = data.join(result.keys.select("key", "cluster_id"), on="key")
    per = joined.group_by("cluster_id").agg(
        pl.col("key").filter(pl.col("key").str.starts_with("actor:")).n_unique().alias("actors"))
    assert per["actors"].to_list() and max(per["actors"].to_list()) <= 1
    key_country = joined.filter(pl.col("country").is_not_null()).group_by("key", "cluster_id").agg(
        pl.col("country").mode().min())
    assert max(key_country.group_by("cluster_id").agg(pl.col("country").n_unique())["country"].to_list()) <= 1
