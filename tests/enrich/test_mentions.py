"""Places and death tolls on coded event mentions, and on the events they make."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from eventcoder import Article, code_article, code_corpus, load_codebook
from eventcoder.codebook import Codebook
from eventcoder.enrich.geo import Gazetteer, gazetteer_for
from eventcoder.enrich.mentions import article_countries

MINI = Path(__file__).resolve().parents[1] / "data" / "mini_codebook"
DAY = date(2024, 5, 1)


@pytest.fixture(scope="module")
def book() -> Codebook:
    return load_codebook(MINI)


@pytest.fixture(scope="module")
def gazetteer(book: Codebook) -> Gazetteer:
    return gazetteer_for(book)


# (text, dateline, expected (event code, place, ISO3, geo_precision, fatalities) of every mention)
CASES = [
    ("Iranian militias attacked Israeli troops in Erbil, killing at least eight soldiers.", None,
     [("190", "Erbil", "IRQ", 1, 8)]),
    ("Iranian militias attacked Israeli troops southwest of Baghdad.", None,
     [("190", "Baghdad", "IRQ", 2, None)]),
    ("Iranian militias attacked Israeli troops in northern Gaza, and dozens were killed.", None,
     [("190", "Gaza", "PSE", 2, 12)]),
    # the dateline when the sentence names no place
    ("Iranian militias attacked Israeli troops.", "BEIRUT, Lebanon", [("190", "Beirut", "LBN", 1, None)]),
    ("Iranian militias attacked Israeli troops.", None, [("190", None, None, None, None)]),
    # a toll told in a later sentence that codes no material event of its own is this event's
    ("Iranian militias attacked Israeli troops. 12 soldiers were killed.", None, [("190", None, None, None, 12)]),
    # ... but not a toll of a later sentence that has its own material event
    ("Iranian militias attacked Israeli troops. Israel attacked Iran, killing 12 people.", None,
     [("190", None, None, None, None), ("190", None, None, None, 12)]),
    # deaths go to material conflict only: the condemnation did not kill anyone
    ("France condemned Russia after an attack in Kyiv killed 30 people.", None, [("111", "Kyiv", "UKR", 1, None)]),
    # ambiguous names: the article's countries decide, from any of its sentences
    ("French police arrested opposition members in Georgia.", None, [("173", "Georgia", "GEO", 3, None)]),
    ("American police arrested opposition members in Georgia.", None, [("173", "Georgia", "USA", 2, None)]),
    ("Police arrested opposition members in Georgia. The U.S. condemned Russia.", None,
     [("173", "Georgia", "USA", 2, None), ("111", None, None, None, None)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "dateline", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_mentions_get_place_and_fatalities(
    book: Codebook, gazetteer: Gazetteer, text: str, dateline: str | None, expected: list[tuple[object, ...]]
) -> None:
    coded = code_article(Article("a", text, published=DAY, dateline=dateline), book, gazetteer)
    found = [(m.event_code, m.location_name, m.country_code, m.geo_precision, m.fatalities) for m in coded.mentions]
    assert found == expected


def test_located_mentions_carry_coordinates(book: Codebook, gazetteer: Gazetteer) -> None:
    (m,) = code_article(Article("a", "Iranian militias attacked Israeli troops in Erbil.", published=DAY), book,
                        gazetteer).mentions  # fmt: skip
    assert m.latitude == pytest.approx(36.19, abs=0.05) and m.longitude == pytest.approx(44.01, abs=0.05)
    assert m.admin1 and m.geo_feature_id


def test_the_default_gazetteer_is_the_codebooks(book: Codebook, gazetteer: Gazetteer) -> None:
    article = Article("a", "Iranian militias attacked Israeli troops in Erbil.", published=DAY)
    assert code_article(article, book) == code_article(article, book, gazetteer)


@pytest.mark.parametrize(
    ("codes", "expected"),
    [(["IRQ", None, "IRQ", "USA"], {"IRQ", "USA"}), ([None, ""], set()), (["KRD", "irq", "IRQGOV"], {"KRD"})],
)
def test_article_countries(codes: list[str | None], expected: set[str]) -> None:
    assert article_countries(codes) == expected


def test_events_take_the_largest_toll_and_one_place(book: Codebook, tmp_path: Path) -> None:
    records = [
        {"id": "a1", "published": "2024-05-01", "source": "AP",
         "text": "Iranian militias attacked Israeli troops in Erbil, killing at least eight soldiers."},
        {"id": "a2", "published": "2024-05-01", "source": "AFP",
         "text": "Iranian militias attacked Israeli troops, killing 12 soldiers."},
        {"id": "a3", "published": "2024-05-01", "source": "BBC",
         "text": "Iranian militias attacked Israeli troops on Wednesday, killing eight people."},
    ]  # fmt: skip
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    code_corpus([source], tmp_path / "out", book)
    events = pl.read_parquet(tmp_path / "out" / "events" / "*.parquet").filter(pl.col("event_code") == "190")
    assert events.height == 1
    event = events.row(0, named=True)
    assert (event["num_mentions"], event["num_articles"], event["fatalities"]) == (3, 3, 12)  # max, never 28
    assert (event["location_name"], event["country_code"], event["geo_precision"]) == ("Erbil", "IRQ", 1)
