"""`code_corpus` end to end: determinism, append, refusals, rejects."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder import code_corpus, load_codebook
from eventcoder.errors import InputError, OutputExistsError

MINI = Path(__file__).parent / "data" / "mini_codebook"
SENTENCES = [
    "France condemned Russia on Monday.",
    "Iran called on Iraq to act.",
    "Israel was attacked by Iranian militias.",
    "France and Germany urged Iran.",
    "The weather was fine.",
    "Masoud Barzani paid a rare visit to Baghdad.",
]


@pytest.fixture(scope="module")
def book():
    return load_codebook(MINI)


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def corpus(n: int) -> list[dict]:
    return [
        {
            "id": f"a{i}",
            "text": " ".join(SENTENCES[i % 6 : i % 6 + 3]),
            "published": "2024-11-20",
            "source": f"outlet{i % 3}",
        }
        for i in range(n)
    ]


def table(out: Path, name: str) -> pl.DataFrame:
    return pl.read_parquet(out / name / "*.parquet")


def canonical(frame: pl.DataFrame, key: str) -> pl.DataFrame:
    return frame.sort(key)


def test_rerun_gives_identical_tables(tmp_path, book):
    src = write_jsonl(tmp_path / "in.jsonl", corpus(12))
    code_corpus([src], tmp_path / "one", book)
    code_corpus([src], tmp_path / "two", book)
    for name, key in (("mentions", "mention_id"), ("events", "event_id"), ("actors", "actor_id")):
        assert canonical(table(tmp_path / "one", name), key).equals(canonical(table(tmp_path / "two", name), key))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.integers(min_value=1, max_value=7), order=st.permutations(list(range(9))))
def test_batch_size_and_input_order_do_not_change_the_dataset(tmp_path_factory, book, batch, order):
    records = corpus(9)
    tmp = tmp_path_factory.mktemp("run")
    code_corpus([write_jsonl(tmp / "a.jsonl", records)], tmp / "a", book, batch_size=3)
    code_corpus([write_jsonl(tmp / "b.jsonl", [records[i] for i in order])], tmp / "b", book, batch_size=batch)
    for name, key in (("mentions", "mention_id"), ("events", "event_id"), ("actors", "actor_id")):
        assert canonical(table(tmp / "a", name), key).equals(canonical(table(tmp / "b", name), key))


def test_existing_output_is_refused_without_overwrite(tmp_path, book):
    src = write_jsonl(tmp_path / "in.jsonl", corpus(2))
    code_corpus([src], tmp_path / "out", book)
    with pytest.raises(OutputExistsError):
        code_corpus([src], tmp_path / "out", book)
    result = code_corpus([src], tmp_path / "out", book, overwrite=True)
    assert result.articles == 2


def test_append_skips_known_articles_and_records_every_run(tmp_path, book):
    first = write_jsonl(tmp_path / "first.jsonl", corpus(4))
    code_corpus([first], tmp_path / "out", book)
    before = table(tmp_path / "out", "mentions").height
    second = write_jsonl(tmp_path / "second.jsonl", corpus(6))  # a0..a3 again, plus a4, a5
    result = code_corpus([second], tmp_path / "out", book, append=True)
    assert (result.articles, result.skipped) == (2, 4)
    assert table(tmp_path / "out", "articles")["article_id"].n_unique() == 6
    assert table(tmp_path / "out", "articles").height == 6
    assert table(tmp_path / "out", "mentions").height > before
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert len(manifest["runs"]) == 2


def test_bad_records_go_to_rejects_and_the_run_continues(tmp_path, book):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "ok", "text": "France condemned Russia."}\n{not json\n{"id": "empty", "text": ""}\n')
    result = code_corpus([src], tmp_path / "out", book)
    assert (result.articles, result.rejects) == (1, 2)
    rejects = table(tmp_path / "out", "rejects")
    assert rejects["locator"].to_list() == ["line 2", "line 3"]


def test_nothing_readable_is_an_input_error_and_writes_nothing(tmp_path, book):
    src = tmp_path / "in.jsonl"
    src.write_text("{not json\n")
    with pytest.raises(InputError):
        code_corpus([src], tmp_path / "out", book)
    assert not (tmp_path / "out").exists()


def test_manifest_records_codebook_inputs_and_counts(tmp_path, book):
    src = write_jsonl(tmp_path / "in.jsonl", corpus(3))
    result = code_corpus([src], tmp_path / "out", book)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["codebook"]["content_hash"] == book.content_hash
    assert manifest["inputs"] == [str(src)]
    assert manifest["row_counts"]["mentions"] == result.mentions
    assert manifest["started"] <= manifest["finished"]


def test_mentions_point_at_their_events_and_actors(tmp_path, book):
    src = write_jsonl(tmp_path / "in.jsonl", corpus(8))
    code_corpus([src], tmp_path / "out", book)
    mentions, events, actors = (table(tmp_path / "out", n) for n in ("mentions", "events", "actors"))
    assert set(mentions["event_id"]) == set(events["event_id"])
    # actors/ lists every actor the articles name (issue 4), those of the events among them
    assert set(mentions["source_actor_id"]) | set(mentions["target_actor_id"]) <= set(actors["actor_id"])
    assert set(table(tmp_path / "out", "actor_mentions")["actor_id"]) == set(actors["actor_id"])
    assert events["num_mentions"].sum() == mentions.height


def test_workers_give_the_same_mentions(tmp_path, book):
    src = write_jsonl(tmp_path / "in.jsonl", corpus(20))
    code_corpus([src], tmp_path / "one", book, batch_size=4)
    code_corpus([src], tmp_path / "two", book, batch_size=4, workers=2)
    assert canonical(table(tmp_path / "one", "mentions"), "mention_id").equals(
        canonical(table(tmp_path / "two", "mentions"), "mention_id")
    )


def test_aggregating_in_buckets_gives_the_same_events_and_actors(tmp_path, book, monkeypatch):
    src = write_jsonl(tmp_path / "in.jsonl", corpus(30))
    code_corpus([src], tmp_path / "one", book)
    monkeypatch.setattr("eventcoder.run.MENTIONS_PER_BUCKET", 7)
    code_corpus([src], tmp_path / "many", book)
    assert len(list((tmp_path / "many" / "events").glob("*.parquet"))) > 1
    for name, key in (("events", "event_id"), ("actors", "actor_id")):
        assert canonical(table(tmp_path / "one", name), key).equals(canonical(table(tmp_path / "many", name), key))


def test_a_run_leaves_the_garbage_collector_as_it_found_it(tmp_path, book):
    import gc

    thresholds, frozen = gc.get_threshold(), gc.get_freeze_count()
    code_corpus([write_jsonl(tmp_path / "in.jsonl", corpus(4))], tmp_path / "out", book)
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == frozen
