"""Tests for eventcoder.enrich.fatalities: the death count a sentence reports."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventcoder.enrich.fatalities import fatalities, parse_count

CASES = [
    # counts with a death verb
    ("12 soldiers were killed in the clashes.", 12),
    ("One person died when the building collapsed.", 1),
    ("A soldier was killed near the border.", 1),
    ("An Israeli soldier died of his wounds.", 1),
    ("Thirty people were reported dead.", 30),
    ("At least 12 people, including three children, were killed.", 12),
    ("Twenty-one people were killed overnight.", 21),
    ("Two hundred people died in the fighting.", 200),
    # a toll counted over a period is a background summary, not this event's
    ("2,300 people have been killed since October.", None),
    ("Three protesters were shot dead by police.", 3),
    ("Four villagers were hacked to death.", 4),
    ("Nine people lost their lives in the blast.", 9),
    ("Forty-five militants were reportedly killed.", 45),
    ("Eleven killed in Kabul blast", 11),
    # a killing verb and its object
    ("Israeli strikes on Gaza killed at least eight people.", 8),
    ("The blast ripped through the market, killing at least eight people.", 8),
    ("The attack killed 12 and wounded 30.", 12),
    ("Gunmen killed a policeman in Karachi.", 1),
    ("The explosion claimed the lives of 40 people.", 40),
    ("Two gunmen killed a policeman.", 1),
    ("A suicide bomber killed himself and 12 others.", 12),
    ("The killing of three journalists drew protests.", 3),
    ("One of the soldiers was killed.", 1),
    ("The strike killed an estimated 300 fighters.", 300),
    # tolls and death nouns
    ("The death toll rose to 30 on Tuesday.", 30),
    ("The death toll rose from 20 to 30.", 30),
    ("Officials gave a death toll of 57.", 57),
    ("The bombing caused 40 deaths.", 40),
    ("Rescuers recovered 14 bodies from the rubble.", 14),
    # coordinated counts are added
    ("Three soldiers and two civilians were killed.", 5),
    ("A man and a woman were killed in the strike.", 2),
    ("The raid killed two police officers and a civilian.", 3),
    # vague quantities: conservative lower bounds
    ("Dozens killed as fighting spreads.", 12),
    ("Dozens of people were killed in the raid.", 12),
    ("Hundreds dead after the attack on the camp.", 100),
    ("Several soldiers were killed.", 3),
    ("Tens of civilians were killed.", 10),
    ("Half a dozen guards were killed.", 6),
    ("Two dozen fighters were killed.", 24),
    ("Thousands have died in the war.", 1000),
    ("Scores of people were killed.", 20),
    # ranges give their lower bound
    ("Between 10 and 15 people were killed.", 10),
    ("10-15 people died in the stampede.", 10),
    ("Ten to fifteen people were killed.", 10),
    # nobody killed
    ("No one was killed in the attack.", 0),
    ("There were no casualties.", 0),
    ("Nobody died, police said.", 0),
    # wounded, injured, missing: never counted
    ("12 people were wounded in the attack.", None),
    ("Twenty people were injured.", None),
    ("The attack killed one and injured 12.", 1),
    ("Killing one and injuring 12.", 1),
    ("8 killed and 20 wounded in the attack.", 8),
    ("12 people were killed or wounded.", None),
    ("Five soldiers were missing after the ambush.", None),
    ("The strike killed 3 soldiers and 2 were wounded.", 3),
    # no report at all
    ("Iran called on Iraq to act.", None),
    ("Talks resume in Doha on Sunday.", None),
    ("Two days after the talks, officials met again.", None),
    ("In 2023 people were killed in many places.", None),
    ("He was killed in 2019.", 1),  # one person; the year is no count
    ("Two days after 5 were killed, the army withdrew.", 5),
    ("The army killed the rebel leader.", 1),
    ("Many people were killed.", None),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_fatalities(text: str, expected: int | None) -> None:
    assert fatalities(text) == expected


def test_case_table_is_large() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,300", 2300),
        ("twenty-one", 21),
        ("ninety nine", 99),
        ("dozens", 12),
        ("a dozen", 12),
        ("two hundred", 200),
        ("three thousand", 3000),
        ("a", 1),
        ("seventeen", 17),
        ("banana", None),
        ("", None),
    ],
)
def test_parse_count(text: str, expected: int | None) -> None:
    assert parse_count(text) == expected


@given(st.integers(min_value=2, max_value=100_000))
def test_any_written_number_round_trips(n: int) -> None:
    assert fatalities(f"At least {n:,} people were killed.") == n


@given(st.integers(min_value=1, max_value=100_000))
def test_wounded_counts_are_never_fatalities(n: int) -> None:
    assert fatalities(f"At least {n:,} people were wounded.") is None


@given(st.text(max_size=200))
def test_any_text_gives_a_count_or_none(text: str) -> None:
    value = fatalities(text)
    assert value is None or value >= 0


# One sentence per pattern (and its stems), beside the case table.
_ONE_PER_PATTERN = [
    "Three soldiers were killed in the attack.",
    "The strike killed 12 people.",
    "Officials said the death toll rose to 30.",
    "The clashes caused 12 deaths, officials said.",
    "Twelve bodies were found near the village.",
    "Three soldiers and two civilians were killed.",
    "The blast, killing two police officers and a civilian, hit the market.",
    "No one was killed in the blast.",
    "The fire claimed the lives of 40 people.",
]


@pytest.mark.parametrize("text", [c[0] for c in CASES] + _ONE_PER_PATTERN)
def test_skipping_patterns_by_word_stems_never_loses_a_count(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pattern run on every sentence gives what the patterns chosen by their word stems give."""
    from eventcoder.enrich import fatalities as module

    chosen = fatalities(text)
    monkeypatch.setattr(module, "_has", lambda low, stems: True)
    assert fatalities(text) == chosen


# A year or a date is never a toll, wherever it stands.
DATE_CASES = [
    ("On 3 January 2022, 5 soldiers were killed in an ambush.", 5),
    ("On 12 March 2027, 2 people died in the attack.", 2),
    ("On 3 January 2022, a child was killed by a landmine.", 1),
    ("On 19 February 2022, 5 militants were killed while another was wounded.", 5),
    ("On January 3, 2022, 4 civilians were killed.", 4),
    ("On 8 February 2022, 1 Taliban member was killed by rebels.", 1),
    ("In March 2021 the army killed 2024 people, officials said.", 2024),  # a toll after a killing verb stays one
]

# A toll counted over a period is background, not the sentence's event.
CUMULATIVE_CASES = [
    ("The war has killed tens of thousands since April 2023.", None),
    ("Since the conflict began, 500 people have been killed.", None),
    ("So far 30 people have died in the fighting.", None),
    ("The conflict has so far killed 4,000 people.", None),
    ("Since 2014, the fighting has killed 14,000 people; on Monday 3 soldiers were killed.", 3),
    ("Gunmen killed 7 villagers on Monday, bringing the total death toll since May to 90.", 7),
]

# General forms of ACLED-style notes.
NOTE_FORMS = [
    ("The armed suspect was killed.", 1),
    ("He was killed in the incident.", 1),
    ("The man died while being taken to hospital.", 1),
    ("Gunmen shot and killed the village administrator at his home.", 1),
    ("Militants killed his cook and abducted a priest.", 1),
    ("The attack led to the death of at least 23 people.", 23),
    ("Two militants (suspected rebels) were killed in an operation.", 2),
    ("Unknown fatalities coded as 3.", 3),
    ("At least 12 civilians were killed across two villages, split and coded as 6 fatalities.", 6),
    ("1 fatality.", 1),
    ("An unknown number of people were killed.", None),
    ("The soldiers were killed.", None),  # a plural without a count gives no number
    ("He was sentenced to death.", None),
    ("The governing body met.", None),
]


@pytest.mark.parametrize(("text", "expected"), DATE_CASES + CUMULATIVE_CASES + NOTE_FORMS, ids=lambda v: str(v)[:50])
def test_fatalities_note_forms(text: str, expected: int | None) -> None:
    assert fatalities(text) == expected


def test_may_after_a_count_is_no_month() -> None:
    assert fatalities("5 May 2022: 3 people were killed.") == 3
    assert fatalities("Police said 5 may have been killed.") == 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Guerrillas have attacked villages since Thursday, killing at least 80 people.", 80),
        ("Since Monday, 12 people have been killed in the clashes.", 12),
        ("Since 2019, 12,000 people have been killed in the region.", None),
    ],
)
def test_since_a_day_is_the_event_itself(text: str, expected: int | None) -> None:
    assert fatalities(text) == expected
