"""The output contract: table and column names and types are fixed (golden file)."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pyarrow.dataset as ds
import pytest

from eventcoder import code_corpus, load_codebook
from eventcoder.export.schema import TABLES

GOLDEN = Path(__file__).parent / "data" / "golden" / "schema.json"
MINI = Path(__file__).parent / "data" / "mini_codebook"

# The columns DESIGN.md promises; more are allowed, none may go missing.
CONTRACT = {
    "articles": "article_id source url title published n_sentences n_mentions status",
    "mentions": "mention_id event_id article_id sentence_index sentence_text char_start char_end "
    "source_actor_id source_code source_name target_actor_id target_code target_name "
    "event_code event_base_code event_root_code quad_class goldstein event_date "
    "date_precision pattern_id verb_text location_name country_code latitude longitude fatalities",
    "events": "event_id event_date source_code target_code event_code root quad_class goldstein "
    "num_mentions num_sources num_articles first_article_id location_name country_code "
    "latitude longitude fatalities",
    "actors": "actor_id canonical_name actor_code country_code role variants mention_count origin",
    "rejects": "origin locator reason",
}


def test_schema_matches_golden_file():
    found = {name: [[f.name, str(f.type)] for f in schema] for name, schema in TABLES.items()}
    assert found == json.loads(GOLDEN.read_text())


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_contract_columns_present(table):
    names = TABLES[table].names
    assert [c for c in CONTRACT[table].split() if c not in names] == []


@pytest.mark.parametrize("text", ["", "Nothing happens in this sentence at all."])
def test_empty_and_eventless_runs_write_every_table_with_the_full_schema(tmp_path, text):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": text or "x"}) + "\n")
    out = tmp_path / "out"
    code_corpus([src], out, load_codebook(MINI))
    for name, schema in TABLES.items():
        frame = pl.read_parquet(out / name / "*.parquet")
        assert frame.columns == schema.names
        assert ds.dataset(out / name).schema.names == schema.names


def test_codes_stay_strings_and_dates_stay_dates(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Iran called on Iraq to act.", "published": "2024-11-20"}) + "\n")
    out = tmp_path / "out"
    code_corpus([src], out, load_codebook(MINI))
    mentions = pl.read_parquet(out / "mentions" / "*.parquet")
    assert mentions["event_code"].to_list() == ["020"]
    assert mentions["event_root_code"].to_list() == ["02"]
    assert mentions.schema["event_date"] == pl.Date
    assert mentions.schema["quad_class"] == pl.Int8
