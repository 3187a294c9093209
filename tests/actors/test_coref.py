"""Later references to people an article named in full (issue 4)."""

from __future__ import annotations

import pytest

from eventcoder.actors.coref import Coreference, as_reference, title_words
from eventcoder.model import ActorMention


def person(text: str, name: str, code: str = "", key: str | None = None, is_person: bool = True) -> ActorMention:
    return ActorMention(0, 1, 0, len(text), text, code, name, key or f"name:{name.lower()}", "dictionary",
                        country=code[:3] or None, role=code[3:] or None, is_person=is_person)


SUDANI = person("Iraqi Prime Minister Mohammed Shia al-Sudani", "Mohammed Shia al-Sudani", "IRQGOV",
                "actor:Mohammed Shia al-Sudani")
BLINKEN = person("U.S. Secretary of State Antony Blinken", "Antony Blinken", "USAGOV", "actor:Antony Blinken")
MILLER = person("U.S. State Department Spokesperson, Matthew Miller", "Matthew Miller", "USAGOV")
ZEBARI = person("Hoshyar Zebari", "Hoshyar Zebari", "IRQ")
ZEBARI_DEPUTY = person("Deputy Prime Minister Hoshyar Zebari", "Hoshyar Zebari", "IRQGOV")
ABBAS = person("Palestinian President Mahmoud Abbas", "Mahmoud Abbas", "PSEGOV")
ARAGHCHI = person("Iranian Foreign Minister Abbas Araghchi", "Abbas Araghchi", "IRNGOV")
KIM = person("North Korean leader Kim Jong Un", "Kim Jong Un", "PRKGOV")
MASOUD = person("Masoud Barzani", "Masoud Barzani", "IRQPTY")
MASROUR = person("Masrour Barzani", "Masrour Barzani", "IRQGOV")
ZELENSKYY = person("Ukrainian President Volodymyr Zelenskyy", "Volodymyr Zelenskyy", "UKRGOV")


def article(*mentions: ActorMention) -> Coreference:
    coref = Coreference()
    coref.introduce_all(mentions)
    return coref


@pytest.mark.parametrize(("reference", "expected"), [
    ("Sudani", SUDANI), ("al-Sudani", SUDANI), ("Al Sudani", SUDANI), ("Shia al-Sudani", SUDANI),
    ("Mohammed Shia al-Sudani", SUDANI), ("Muhammad Shi'a al-Sudani", SUDANI), ("Sudani's", SUDANI),
    ("Blinken", BLINKEN), ("Blinkin", BLINKEN), ("Miller", MILLER), ("Zebari", ZEBARI),
    ("Abbas", ABBAS), ("Araghchi", ARAGHCHI), ("Kim", KIM), ("Jong Un", KIM),
    ("Zelensky", ZELENSKYY), ("Zelenskiy", ZELENSKYY),
])
def test_a_surname_resolves_to_the_person(reference: str, expected: ActorMention) -> None:
    coref = article(SUDANI, BLINKEN, MILLER, ZEBARI, ABBAS, ARAGHCHI, KIM, ZELENSKYY)
    assert coref.resolve(reference) == expected


@pytest.mark.parametrize("reference", [
    "Mohammed", "Matthew", "Antony", "Shia", "Hoshyar", "Ali", "Barzani", "Sadr", "", "Sudan", "Un",
])
def test_given_names_unknown_names_and_ambiguous_surnames_resolve_to_nothing(reference: str) -> None:
    coref = article(SUDANI, BLINKEN, MILLER, ZEBARI, MASOUD, MASROUR, KIM)
    assert coref.resolve(reference) is None


def test_nothing_before_the_introduction() -> None:
    coref = Coreference()
    assert coref.resolve("Sudani") is None
    coref.introduce(SUDANI)
    assert coref.resolve("Sudani") == SUDANI


def test_non_people_and_one_word_names_are_not_remembered() -> None:
    group = person("Kata'ib Hezbollah", "Kata'ib Hezbollah", "IRQUAF", is_person=False)
    single = person("Sudani", "Sudani", "IRQ")
    coref = article(group, single)
    assert len(coref) == 0
    assert coref.resolve("Hezbollah") is None


def test_a_person_introduced_again_is_one_person() -> None:
    again = person("Prime Minister Sudani", "Mohammed Shia al-Sudani", "IRQGOV", "actor:Mohammed Shia al-Sudani")
    coref = article(SUDANI, BLINKEN, again)
    assert len(coref) == 2
    assert coref.resolve("Sudani") == again


@pytest.mark.parametrize(("phrase", "expected"), [
    ("the prime minister", SUDANI), ("the Iraqi prime minister", SUDANI), ("the premier", SUDANI),
    ("The Prime Minister", SUDANI), ("the secretary of state", BLINKEN), ("the secretary", None),
    ("the spokesperson", MILLER), ("the spokesman", MILLER), ("the president", ZELENSKYY),
    ("the Palestinian president", ABBAS), ("the foreign minister", ARAGHCHI), ("the minister", ARAGHCHI),
    ("the leader", KIM), ("the deputy prime minister", ZEBARI_DEPUTY), ("the ambassador", None),
    ("the", None), ("", None),
])
def test_a_title_resolves_to_the_last_person_with_it(phrase: str, expected: ActorMention | None) -> None:
    coref = article(SUDANI, BLINKEN, MILLER, KIM, ABBAS, ARAGHCHI, ZELENSKYY)
    coref.introduce(ZEBARI_DEPUTY)
    assert coref.resolve_title(phrase) == expected


def test_a_rank_makes_another_office() -> None:
    coref = article(ZEBARI_DEPUTY)
    assert coref.resolve_title("the prime minister") is None
    coref.introduce(SUDANI)
    assert coref.resolve_title("the prime minister") == SUDANI


def test_explicit_title_and_apposition() -> None:
    romanowski = person("the U.S. ambassador, Alina Romanowski", "Alina Romanowski", "USAGOV")
    araji = person("Qasim al-Araji", "Qasim al-Araji", "IRQ")
    coref = Coreference()
    coref.introduce(romanowski)
    coref.introduce(araji, title="Iraqi National Security Adviser")
    assert coref.resolve_title("the ambassador") == romanowski
    assert coref.resolve_title("the national security adviser") == araji
    assert coref.resolve("Araji") == araji


def test_the_latest_holder_of_a_title_wins() -> None:
    first = person("Foreign Minister Fuad Hussein", "Fuad Hussein", "IRQGOV")
    second = person("Foreign Minister Abbas Araghchi", "Abbas Araghchi", "IRNGOV")
    assert article(first, second).resolve_title("the foreign minister") == second
    assert article(second, first).resolve_title("the foreign minister") == first


def test_title_words() -> None:
    assert title_words("the Iraqi Prime Minister") == ("iraqi", "prime", "minister")
    assert title_words("his spokeswoman") == ("spokesperson",)
    assert title_words("The Premier") == ("prime", "minister")


def test_as_reference_keeps_the_actor_at_the_new_place() -> None:
    at = ActorMention(7, 7, 120, 126, "Sudani", "", "Sudani", "name:sudani", "unknown", is_person=True)
    ref = as_reference(SUDANI, at)
    assert (ref.key, ref.code, ref.name) == (SUDANI.key, SUDANI.code, SUDANI.name)
    assert (ref.first, ref.last, ref.char_start, ref.char_end, ref.text) == (7, 7, 120, 126, "Sudani")
    assert ref.how == "coreference"
