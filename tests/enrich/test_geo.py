"""Tests for eventcoder.enrich.geo: the gazetteer and the place of an event."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder import load_codebook
from eventcoder.codebook.places import ExtraPlace
from eventcoder.enrich.geo import (
    Gazetteer,
    Place,
    codebook_places,
    countries,
    default_gazetteer,
    gazetteer_for,
    locate,
)
from eventcoder.text import tokenize

MINI = Path(__file__).resolve().parents[1] / "data" / "mini_codebook"

# (sentence, article countries, dateline, expected (name, ISO3, precision) or None)
CASES = [
    ("A drone struck a base in Erbil on Monday.", set(), None, ("Erbil", "IRQ", 1)),
    ("Militants attacked a checkpoint southwest of Baghdad.", set(), None, ("Baghdad", "IRQ", 2)),
    ("Israeli strikes in northern Gaza killed 12.", set(), None, ("Gaza", "PSE", 2)),
    ("Shelling near Kharkiv wounded five.", set(), None, ("Kharkiv", "UKR", 2)),
    ("An explosion 30 km north of Kabul.", set(), None, ("Kabul", "AFG", 2)),
    ("Gunmen opened fire on the outskirts of Mogadishu.", set(), None, ("Mogadishu", "SOM", 2)),
    ("Militants attacked a post outside Kandahar.", set(), None, ("Kandahar", "AFG", 2)),
    # ambiguous names: the article's countries, else the larger place
    ("Clashes erupted in Tripoli.", {"LBN"}, None, ("Tripoli", "LBN", 1)),
    ("Clashes erupted in Tripoli.", {"LBY"}, None, ("Tripoli", "LBY", 1)),
    ("Clashes erupted in Tripoli.", set(), None, ("Tripoli", "LBY", 1)),
    ("Protesters gathered in Georgia.", {"USA"}, None, ("Georgia", "USA", 2)),
    ("Protesters gathered in Georgia.", {"GEO"}, None, ("Georgia", "GEO", 3)),
    ("Protesters gathered in Georgia.", set(), None, ("Georgia", "GEO", 3)),
    ("Officials met in Paris.", {"USA"}, None, ("Paris", "FRA", 1)),
    ("The meeting in Washington ended.", set(), None, ("Washington", "USA", 1)),
    # phrases around the name
    ("Fighting in Syria's Idlib province continued.", set(), None, ("Idlib", "SYR", 2)),
    ("Russian strikes hit the Kharkiv region.", set(), None, ("Kharkiv", "UKR", 2)),
    ("A car bomb exploded in Kirkuk province on Sunday.", set(), None, ("Kirkuk", "IRQ", 2)),
    ("Shelling in Donetsk oblast continued.", set(), None, ("Donetsk", "UKR", 2)),
    ("Troops fought in the northern city of Mosul.", set(), None, ("Mosul", "IRQ", 1)),
    ("He met officials in the Ukrainian city of Kherson.", set(), None, ("Kherson", "UKR", 1)),
    ("An attack in the Gaza Strip.", set(), None, ("Gaza", "PSE", 2)),
    ("Strikes in Bakhmut, eastern Ukraine.", set(), None, ("Bakhmut", "UKR", 1)),
    ("Clashes in central Kyiv.", set(), None, ("Kyiv", "UKR", 1)),
    ("Rebels fought in rebel-held Idlib.", set(), None, ("Idlib", "SYR", 1)),
    ("The talks in Geneva, Switzerland ended.", set(), None, ("Geneva", "CHE", 1)),
    ("Clashes in Beit Hanoun.", set(), None, ("Bayt Hanun", "PSE", 1)),
    ("Clashes in Khān Yūnis.", set(), None, ("Khan Yunis", "PSE", 1)),
    ("Talks in Doha resumed.", set(), None, ("Doha", "QAT", 1)),
    ("Fighting in northern Iraq.", set(), None, ("Iraq", "IRQ", 3)),
    ("Masoud Barzani paid a rare visit to Baghdad.", set(), None, ("Baghdad", "IRQ", 1)),
    # ranking: a strong cue beats a weak one, a town beats a country
    ("Macron flew to Paris after talks in Berlin.", set(), None, ("Berlin", "DEU", 1)),
    ("Fighting in Iraq near Mosul.", set(), None, ("Mosul", "IRQ", 2)),
    ("Clashes in Iraq's north.", set(), None, ("Iraq", "IRQ", 3)),
    # a place its name owns happens in the named place
    ("He was arrested at Manila's international airport.", set(), None, ("Manila", "PHL", 1)),
    ("Riots broke out in Kabul's main prison.", set(), None, ("Kabul", "AFG", 1)),
    # no place
    ("It is not in Iraq's interest to fight.", set(), None, None),
    ("France condemned Russia on Monday.", set(), None, None),
    ("Iran called on Iraq to act.", set(), None, None),
    ("In March, talks resumed.", set(), None, None),
    ("The weather was fine.", set(), None, None),
    ("Militants killed 12 in Borno state.", {"NGA"}, None, ("Borno", "NGA", 2)),  # an ISO region named after no town
    ("", set(), None, None),
    # the dateline when the sentence names no place
    ("Negotiators met on Sunday.", set(), "BEIRUT, Lebanon", ("Beirut", "LBN", 1)),
    ("Negotiators met on Sunday.", set(), "NEW YORK", ("New York City", "USA", 1)),
    ("Negotiators met on Sunday.", set(), "TRIPOLI, Lebanon", ("Tripoli", "LBN", 1)),
    ("Negotiators met on Sunday.", set(), "GENEVA (Reuters)", ("Geneva", "CHE", 1)),
    ("Negotiators met in Doha.", set(), "GENEVA", ("Doha", "QAT", 1)),
    ("Negotiators met on Sunday.", set(), "Nowhere-in-particular", None),
]


def _summary(place: Place | None) -> tuple[str, str | None, int] | None:
    return None if place is None else (place.name, place.country_code, place.geo_precision)


@pytest.mark.parametrize(
    ("text", "hint", "dateline", "expected"), CASES, ids=[f"{c[0][:40]}|{sorted(c[1])}|{c[2]}" for c in CASES]
)
def test_locate(text: str, hint: set[str], dateline: str | None, expected: object) -> None:
    assert _summary(locate(text, (), hint, dateline)) == expected


def test_case_table_is_large() -> None:
    assert len(CASES) >= 30


def test_tokens_with_article_offsets_give_the_same_place() -> None:
    text = "Militants attacked a checkpoint southwest of Baghdad."
    tokens = tokenize(text, offset=500)
    assert locate(text, tokens, set(), None) == locate(text, (), set(), None)


def test_the_events_clause_is_preferred() -> None:
    text = "After talks in Doha ended, troops attacked a base in Kirkuk."
    tokens = tokenize(text)
    second = next(i for i, t in enumerate(tokens) if t.text == ",") + 1
    assert _summary(locate(text, tokens, set(), None)) == ("Doha", "QAT", 1)
    assert _summary(locate(text, tokens, set(), None, clause=(second, len(tokens)))) == ("Kirkuk", "IRQ", 1)


def test_place_fields() -> None:
    place = locate("A drone struck a base in Erbil.")
    assert place is not None
    assert place.admin1 == "Erbil"
    assert place.feature_id == "95446"  # the geonames id
    assert place.latitude == pytest.approx(36.19, abs=0.05)
    assert place.longitude == pytest.approx(44.01, abs=0.05)
    region = locate("A car bomb exploded in Kirkuk province.")
    assert region is not None and region.feature_id == "IQ-KI"  # ISO 3166-2


def test_extra_places_add_and_shadow_names() -> None:
    g = Gazetteer.build(
        [
            ExtraPlace("Kurdistan Region", ("Iraqi Kurdistan",), "IRQ", 36.4, 44.4, precision=2, id="krd"),
            ExtraPlace("Paris", country="USA", latitude=33.66, longitude=-95.55),
            ExtraPlace("America", country="USA"),  # a country name without coordinates
            ExtraPlace("Xyzzyville"),  # neither coordinates nor country: skipped
        ]
    )
    kurdistan = g.locate("Drones struck targets in Iraqi Kurdistan.")
    assert kurdistan == Place("Kurdistan Region", "IRQ", None, 36.4, 44.4, 2, "krd")
    assert _summary(g.locate("Officials met in Paris.")) == ("Paris", "USA", 1)
    america = g.locate("Protests spread across America.")  # an alias, resolved as its country
    assert _summary(america) == ("United States", "USA", 3)
    assert america is not None and america.latitude is not None
    assert "Xyzzyville" not in g
    # the default gazetteer is untouched
    assert _summary(locate("Officials met in Paris.")) == ("Paris", "FRA", 1)


def test_codebook_places(tmp_path: Path) -> None:
    book = load_codebook(MINI)
    places = codebook_places(book)
    assert ExtraPlace("U.S.", country="USA") in places and ExtraPlace("Iraq", country="IRQ") in places
    g = Gazetteer.build(places)
    assert _summary(g.locate("Protests spread across the U.S.")) == ("United States", "USA", 3)
    # a country alias joins the places of its name: Georgia stays ambiguous
    georgia = Gazetteer.build([ExtraPlace("Georgia", country="GEO")])
    assert _summary(georgia.locate("Protests in Georgia.", (), {"USA"})) == ("Georgia", "USA", 2)


def test_country_alias_without_a_known_country_is_skipped() -> None:
    g = Gazetteer.build([ExtraPlace("Narnia Land", country="NRN")])
    assert "Narnia Land" not in g


def test_extra_place_precision_is_checked() -> None:
    with pytest.raises(ValueError, match="precision"):
        Gazetteer.build([ExtraPlace("Nowhere", latitude=1.0, longitude=1.0, precision=7)])


def test_lookup_and_candidates() -> None:
    g = default_gazetteer()
    assert g is default_gazetteer()  # built once per process
    tripolis = g.candidates("Tripoli")
    assert {p.country_code for p in tripolis} >= {"LBY", "LBN"}
    assert tripolis[0].country_code == "LBY"  # most populous first
    lebanon = g.lookup("Tripoli", {"LBN"})
    assert lebanon is not None and lebanon.country_code == "LBN"
    assert g.lookup("Kyiv") == g.lookup("Kiev")  # alternate names
    assert "Erbil" in g and "Xyzzyville" not in g


@pytest.mark.parametrize(
    ("iso3", "name", "fips", "numeric"),
    [
        ("IRQ", "Iraq", "IZ", 368),
        ("USA", "United States", "US", 840),
        ("DEU", "Germany", "GM", 276),
        ("UKR", "Ukraine", "UP", 804),
        ("PSE", "Palestinian Territory", "WE", 275),
    ],
)
def test_countries(iso3: str, name: str, fips: str, numeric: int) -> None:
    country = countries()[iso3]
    assert (country.name, country.fips, country.numeric) == (name, fips, numeric)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=120), st.sets(st.sampled_from(["IRQ", "USA", "LBN", "UKR"]), max_size=2))
def test_any_text_gives_a_valid_place_or_none(text: str, hint: set[str]) -> None:
    place = locate(text, (), hint, None)
    if place is not None:
        assert place.geo_precision in (1, 2, 3)
        assert place.latitude is None or -90 <= place.latitude <= 90
        assert place.longitude is None or -180 <= place.longitude <= 180


def test_gazetteer_for_a_codebook_is_built_once() -> None:
    book = load_codebook(MINI)
    first = gazetteer_for(book)
    assert gazetteer_for(book) is first
    assert _summary(first.locate("Protests spread across the U.S.")) == ("United States", "USA", 3)
