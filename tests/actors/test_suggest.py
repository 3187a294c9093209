"""Suggested codebook entries for frequent unresolved names (issue 4)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import yaml

from eventcoder.actors.fuzzy import FuzzyIndex
from eventcoder.actors.suggest import Suggestion, adjectives_of, suggest_actors, to_yaml
from eventcoder.codebook import load_codebook
from eventcoder.codebook.entries import ActorEntry, Where

MINI = Path(__file__).resolve().parent.parent / "data" / "mini_codebook"


def mention(article: str, sentence: str, source: tuple[str, str, str | None],
            target: tuple[str, str, str | None]) -> dict[str, object]:
    row: dict[str, object] = {"article_id": article, "sentence_text": sentence}
    for side, (name, how, code) in (("source", source), ("target", target)):
        row[f"{side}_name"], row[f"{side}_how"], row[f"{side}_code"] = name, how, code
    return row


ROWS = [
    mention("a1", "Iraqi National Security Adviser Qasim al-Araji visited Erbil.",
            ("Qasim al-Araji", "unknown", None), ("Erbil", "dictionary", "IRQGOV")),
    mention("a1", "Qasim al-Araji met the Kurdish leadership.",
            ("Qasim al-Araji", "unknown", None), ("Kurdish leadership", "agent", "IRQGOV")),
    mention("a2", "Qassim al-Araji, the Iraqi adviser, called on Tehran to act.",
            ("Qassim al-Araji", "unknown", None), ("Tehran", "dictionary", "IRNGOV")),
    mention("a3", "The Popular Mobilisation Committee accused Washington.",
            ("Popular Mobilisation Committee", "unknown", None), ("Washington", "dictionary", "USAGOV")),
    mention("a4", "The Popular Mobilisation Committee warned the U.S.",
            ("Popular Mobilisation Committee", "unknown", None), ("U.S.", "dictionary", "USA")),
    mention("a5", "Hamid Zadeh criticised the UN.", ("Hamid Zadeh", "unknown", None), ("UN", "dictionary", "IGOUNO")),
    mention("a6", "Hamid Zadeh criticised the UN again.", ("Hamid Zadeh", "unknown", None),
            ("UN", "dictionary", "IGOUNO")),
    mention("a7", "Once Only Person met Antony Blinken.", ("Once Only", "unknown", None),
            ("Antony Blinken", "dictionary", "USAGOV")),
    mention("a8", "Kataib Hizbullah attacked the base.", ("Kataib Hizbullah", "unknown", None),
            ("base", "agent", "MIL")),
    mention("a9", "Kataib Hizbullah attacked again.", ("Kataib Hizbullah", "unknown", None),
            ("base", "agent", "MIL")),
]
ADJECTIVES = {"iraqi": "IRQ", "kurdish": "IRQ", "iranian": "IRN"}


def suggestions(**kwargs: object) -> list[Suggestion]:
    return suggest_actors(pl.DataFrame(ROWS).lazy(), adjectives=ADJECTIVES, role_codes={"GOV", "MIL"},
                          **kwargs)  # type: ignore[arg-type]


def test_place_names_are_not_suggested() -> None:
    """Issue 11 item 14: a town the coder took for a name is no person to add."""
    names = {s.name for s in suggestions(places={"Hamid Zadeh"})}
    assert "Hamid Zadeh" not in names and "Qasim al-Araji" in names


def test_frequent_unknown_names_are_suggested_with_variants_country_and_examples() -> None:
    found = {s.name: s for s in suggestions()}
    assert set(found) == {"Qasim al-Araji", "Popular Mobilisation Committee", "Hamid Zadeh", "Kataib Hizbullah"}
    araji = found["Qasim al-Araji"]
    assert araji.variants == ("Qassim al-Araji",)
    assert (araji.count, araji.articles, araji.country, araji.type) == (3, 2, "IRQ", "person")
    assert araji.examples[0].startswith("Iraqi National Security Adviser") and len(araji.examples) == 3
    assert araji.votes[0][0] == "IRQ"
    committee = found["Popular Mobilisation Committee"]
    assert (committee.type, committee.country) == ("group", "USA")
    assert found["Hamid Zadeh"].country is None  # the UN names no country
    assert [s.name for s in suggestions()][0] == "Qasim al-Araji"  # most mentioned first


def test_min_count_and_index() -> None:
    assert {s.name for s in suggestions(min_count=3)} == {"Qasim al-Araji"}
    assert "Once Only" in {s.name for s in suggestions(min_count=1)}
    index = FuzzyIndex.build([ActorEntry("actor:Kata'ib Hezbollah", "named", "Kata'ib Hezbollah", "IRQUAF",
                                         Where("actors.yaml", 1), country="IRQ", type="group")])
    assert "Kataib Hizbullah" not in {s.name for s in suggestions(index=index)}
    assert suggest_actors(pl.DataFrame(ROWS).lazy().filter(pl.col("article_id") == "zz")) == []


def test_yaml_is_flow_style_and_loads_back() -> None:
    text = to_yaml(suggestions())
    assert "- {name: Qasim al-Araji, variants: [Qassim al-Araji], country: IRQ, type: person}" in text
    assert "# - {name: Hamid Zadeh, type: person}" in text  # no country: commented out
    assert "#   e.g. Iraqi National Security Adviser Qasim al-Araji visited Erbil." in text
    loaded = yaml.safe_load(text)
    assert {e["name"] for e in loaded} == {"Qasim al-Araji", "Popular Mobilisation Committee"}
    assert "# - {name: Kataib Hizbullah, type: group}" in text  # a role (MIL) names no country


def test_awkward_names_are_quoted() -> None:
    odd = [Suggestion("Kata'ib Sayyid al-Shuhada", ("Yes", "No: 1", "a, b", "Null"), "IRQ", "group", 2, 1, ()),
           Suggestion("#Hash [x]", (), "IRQ", "group", 2, 1, ("line one\nline two",))]
    loaded = yaml.safe_load(to_yaml(odd))
    assert loaded[0] == {"name": "Kata'ib Sayyid al-Shuhada", "variants": ["Yes", "No: 1", "a, b", "Null"],
                         "country": "IRQ", "type": "group"}
    assert loaded[1]["name"] == "#Hash [x]"


def test_suggestions_load_into_a_codebook(tmp_path: Path) -> None:
    book = tmp_path / "book"
    shutil.copytree(MINI, book)
    (book / "actors.suggested.yaml").write_text(to_yaml(suggestions()), encoding="utf-8")
    codebook = load_codebook(book)
    assert codebook.counts["actors"] > load_codebook(MINI).counts["actors"]
    adjectives = adjectives_of(codebook)
    assert adjectives.get("iraqi") == "IRQ"
