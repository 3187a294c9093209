"""Qualifiers after a place name and first-level regions from ISO 3166-2 (eventcoder.enrich.qualifiers, .regions)."""

from __future__ import annotations

import pytest

from eventcoder.enrich.geo import default_gazetteer
from eventcoder.enrich.placeindex import ascii_name as _ascii
from eventcoder.enrich.regions import clean_name

# (sentence, expected (name, ISO3, admin1, precision) or None); invented note-like sentences
CASES = [
    # an unknown village takes the region and country of its qualifiers
    ("A bomb exploded in Dara-e-Pech (Manogai) district, Kunar.", ("Dara-e-Pech", "AFG", "Kunar", 2)),
    (
        "Protesters gathered in Kanker Khera (Mawana, Meerut district, UP) on Monday.",
        ("Kanker Khera", "IND", "Uttar Pradesh", 2),
    ),
    ("Gunmen killed two in Sholgara district, Balkh.", ("Sholgara", "AFG", "Balkh", 2)),
    ("Militants burned a school in the village of Bougui (Fada Ngourma, Gourma).", ("Bougui", "BFA", "Est", 2)),
    ("Shelling was reported near Pivdenne, Donetsk.", ("Pivdenne", "UKR", "Donetsk", 2)),
    ("Residents marched in Andalgala (Catamarca).", ("Andalgala", "ARG", "Catamarca", 2)),
    # a known town takes the region its qualifier names, or is resolved in the qualifier's country
    ("Students protested in Meerut (Uttar Pradesh).", ("Meerut", "IND", "Uttar Pradesh", 1)),
    ("Clashes erupted in Tripoli (Lebanon).", ("Tripoli", "LBN", None, 1)),
    # a list of towns is not a qualifier
    ("Talks were held in Mumbai, Delhi and Pune.", ("Mumbai", "IND", None, 1)),
    # regions named after no town; generic names only as qualifiers
    ("Fighting spread across Khyber Pakhtunkhwa.", ("Khyber Pakhtunkhwa", "PAK", "Khyber Pakhtunkhwa", 2)),
    ("Militants attacked a post in Nord-Kivu.", ("Nord-Kivu", "COD", "Nord-Kivu", 2)),
    ("Troops were deployed in the Nord.", None),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_qualified_places(text: str, expected: tuple[str, str, str | None, int] | None) -> None:
    place = default_gazetteer().locate(text)
    found = None if place is None else (place.name, place.country_code, place.admin1, place.geo_precision)
    assert found == expected


# (name, expected (ISO3, admin1)): towns carry the English name of their region
REGIONS = [
    ("Erbil", ("IRQ", "Erbil")),
    ("Dnipro", ("UKR", "Dnipropetrovsk")),
    ("Paris", ("FRA", "Ile-de-France")),
    ("Manchester", ("GBR", "England")),
    ("Houet", ("BFA", "Hauts-Bassins")),
]


@pytest.mark.parametrize(("name", "expected"), REGIONS)
def test_admin1_of(name: str, expected: tuple[str, str]) -> None:
    place = default_gazetteer().lookup(name)
    assert place is not None and (place.country_code, place.admin1) == expected


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("Murcia, Región de", "Murcia"),
        ("Gangwon-teukbyeoljachido", "Gangwon"),
        ("Galicia [Galicia]", "Galicia"),
        ("Central Luzon (Region III)", "Central Luzon"),
        ("Islamabad", "Islamabad"),
        ("Kharkivska oblast", "Kharkivska"),
    ],
)
def test_clean_name(iso: str, expected: str) -> None:
    assert clean_name(iso, _ascii) == expected
