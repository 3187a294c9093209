"""Tests for eventcoder.enrich.dates: absolute dates and relative expressions."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventcoder.enrich.dates import event_date, find_dates, is_date_line, parse_date
from eventcoder.model import DateMention

# A Wednesday: most cases resolve against it.
PUB = date(2024, 11, 20)
ANCHOR = date(2024, 11, 10)  # a Sunday
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# --- parse_date / is_date_line ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nov. 20, 2024", date(2024, 11, 20)),
        ("November 20, 2024", date(2024, 11, 20)),
        ("Nov 20 2024", date(2024, 11, 20)),
        ("20 November 2024", date(2024, 11, 20)),
        ("20th November 2024", date(2024, 11, 20)),
        ("2024-11-20", date(2024, 11, 20)),
        ("2024-11-20T10:32:00Z", date(2024, 11, 20)),
        ("2024-11-20T10:32:00.123+01:00", date(2024, 11, 20)),
        ("2024-11-20 10:32", date(2024, 11, 20)),
        ("Wednesday, November 20, 2024 10:32 AM", date(2024, 11, 20)),
        ("Wed, 20 Nov 2024 10:32:00 GMT", date(2024, 11, 20)),
        ("Nov. 20, 2024 at 3:15 p.m. EST", date(2024, 11, 20)),
        ("Sept. 3, 2023", date(2023, 9, 3)),
        ("  March 1, 2022  ", date(2022, 3, 1)),
        ("20/11/2024", None),
        ("11/20/2024", None),
        ("February 30, 2024", None),
        ("2024-13-01", None),
        ("November 2024", None),
        ("Police arrested protesters on November 20, 2024", None),
        ("November 20, 2024 10:32 banana", None),
        ("", None),
        ("May. 3, 2024", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("bad", [None, 20241120, b"2024-11-20", "x" * 10_000])
def test_parse_date_never_raises(bad: object) -> None:
    assert parse_date(bad) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Nov. 20, 2024", True),
        ("Tuesday, 3 September 2024", True),
        ("2024-11-20T10:32:00Z", True),
        ("GENEVA, Switzerland (Example Wire) Talks resumed on Nov. 20, 2024.", False),
        ("Turkey and Egypt sign trade accord", False),
        ("", False),
    ],
)
def test_is_date_line(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


# --- find_dates ---------------------------------------------------------------

Expected = list[tuple[str, date, str]]

CASES: list[tuple[str, date | None, date | None, Expected]] = [
    # weekdays, with and without "on", qualified
    ("Police arrested dozens on Monday.", PUB, None, [("Monday", date(2024, 11, 18), "day")]),
    ("Police arrested dozens Monday.", PUB, None, [("Monday", date(2024, 11, 18), "day")]),
    ("Talks ended on Wednesday.", PUB, None, [("Wednesday", date(2024, 11, 20), "day")]),
    ("Talks began on Thursday.", PUB, None, [("Thursday", date(2024, 11, 14), "day")]),
    ("Shelling resumed on Monday night.", PUB, None, [("Monday night", date(2024, 11, 18), "day")]),
    ("He left early Tuesday.", PUB, None, [("early Tuesday", date(2024, 11, 19), "day")]),
    ("They met last Wednesday.", PUB, None, [("last Wednesday", date(2024, 11, 13), "day")]),
    ("They met last Monday.", PUB, None, [("last Monday", date(2024, 11, 18), "day")]),
    ("Voting starts next Monday.", PUB, None, [("next Monday", date(2024, 11, 25), "day")]),
    ("Monday's attack killed five.", PUB, None, [("Monday", date(2024, 11, 18), "day")]),
    # days named relative to publication
    ("The minister resigned yesterday.", PUB, None, [("yesterday", date(2024, 11, 19), "day")]),
    ("The minister resigned today.", PUB, None, [("today", date(2024, 11, 20), "day")]),
    ("Rockets fell last night.", PUB, None, [("last night", date(2024, 11, 19), "day")]),
    ("Talks resume tomorrow.", PUB, None, [("tomorrow", date(2024, 11, 21), "day")]),
    (
        "He was freed the day before yesterday.",
        PUB,
        None,
        [("the day before yesterday", date(2024, 11, 18), "day")],
    ),
    # counted from the anchor
    ("Troops withdrew the next day.", PUB, ANCHOR, [("the next day", date(2024, 11, 11), "day")]),
    (
        "Troops withdrew the following day.",
        PUB,
        ANCHOR,
        [("the following day", date(2024, 11, 11), "day")],
    ),
    ("Troops withdrew a day later.", PUB, ANCHOR, [("a day later", date(2024, 11, 11), "day")]),
    (
        "Troops had arrived the day before.",
        PUB,
        ANCHOR,
        [("the day before", date(2024, 11, 9), "day")],
    ),
    (
        "Two days later, talks resumed.",
        PUB,
        ANCHOR,
        [("Two days later", date(2024, 11, 12), "day")],
    ),
    (
        "The convoy had left three days earlier.",
        PUB,
        ANCHOR,
        [("three days earlier", date(2024, 11, 7), "day")],
    ),
    ("Troops withdrew the next day.", PUB, None, [("the next day", date(2024, 11, 21), "day")]),
    (
        "The army attacked on Monday and withdrew the next day.",
        PUB,
        ANCHOR,
        [("Monday", date(2024, 11, 18), "day"), ("the next day", date(2024, 11, 19), "day")],
    ),
    ("Talks resumed a week later.", PUB, ANCHOR, [("a week later", date(2024, 11, 11), "week")]),
    # day and month, with or without year
    ("The vote was held on November 5.", PUB, None, [("November 5", date(2024, 11, 5), "day")]),
    ("The vote was held on Nov. 5.", PUB, None, [("Nov. 5", date(2024, 11, 5), "day")]),
    ("The vote was held on 5 November.", PUB, None, [("5 November", date(2024, 11, 5), "day")]),
    ("The vote was held on Sept. 3.", PUB, None, [("Sept. 3", date(2024, 9, 3), "day")]),
    ("A summit opens on November 25.", PUB, None, [("November 25", date(2024, 11, 25), "day")]),
    ("The truce began on December 25.", PUB, None, [("December 25", date(2023, 12, 25), "day")]),
    (
        "The vote was held on November 5, 2024.",
        PUB,
        None,
        [("November 5, 2024", date(2024, 11, 5), "day")],
    ),
    ("The pact dates from 5 March 2021.", PUB, None, [("5 March 2021", date(2021, 3, 5), "day")]),
    ("The pact was signed 2024-11-05.", PUB, None, [("2024-11-05", date(2024, 11, 5), "day")]),
    (
        "They met on Tuesday, Nov. 19.",
        PUB,
        None,
        [("Tuesday, Nov. 19", date(2024, 11, 19), "day")],
    ),
    # months
    ("Fighting broke out in July.", PUB, None, [("July", date(2024, 7, 1), "month")]),
    ("Fighting broke out in December.", PUB, None, [("December", date(2023, 12, 1), "month")]),
    ("Fighting broke out in November.", PUB, None, [("November", date(2024, 11, 1), "month")]),
    ("It began in late October.", PUB, None, [("late October", date(2024, 10, 1), "month")]),
    ("It began last November.", PUB, None, [("last November", date(2023, 11, 1), "month")]),
    ("It began in July 2023.", PUB, None, [("July 2023", date(2023, 7, 1), "month")]),
    ("It began early this month.", PUB, None, [("early this month", date(2024, 11, 1), "month")]),
    (
        "It began earlier this month.",
        PUB,
        None,
        [("earlier this month", date(2024, 11, 1), "month")],
    ),
    ("It began last month.", PUB, None, [("last month", date(2024, 10, 1), "month")]),
    ("It began this month.", PUB, None, [("this month", date(2024, 11, 1), "month")]),
    (
        "It began last month.",
        date(2024, 1, 15),
        None,
        [("last month", date(2023, 12, 1), "month")],
    ),
    # weeks
    ("Talks stalled last week.", PUB, None, [("last week", date(2024, 11, 11), "week")]),
    ("Talks stalled this week.", PUB, None, [("this week", date(2024, 11, 18), "week")]),
    (
        "Talks stalled earlier this week.",
        PUB,
        None,
        [("earlier this week", date(2024, 11, 18), "week")],
    ),
    ("Clashes erupted over the weekend.", PUB, None, [("the weekend", date(2024, 11, 11), "week")]),
    # years
    ("Relations soured last year.", PUB, None, [("last year", date(2023, 1, 1), "year")]),
    ("Relations soured in 2023.", PUB, None, [("2023", date(2023, 1, 1), "year")]),
    ("Relations soured in early 2021.", PUB, None, [("early 2021", date(2021, 1, 1), "year")]),
    # several mentions, in text order
    (
        "Last week the army shelled the town; on Monday militants struck back.",
        PUB,
        None,
        [("Last week", date(2024, 11, 11), "week"), ("Monday", date(2024, 11, 18), "day")],
    ),
    # things that are not dates
    ("Officials may march on the capital.", PUB, None, []),
    ("Talks collapsed over the last year.", PUB, None, []),
    ("The 2023 budget funded 1,200 homes in 2,000 villages.", PUB, None, []),
    ("Some 5 march organisers were detained.", PUB, None, []),
    ("The Sunday Times said nothing.", None, None, []),
    # without a publication date, only self-contained dates resolve
    ("They met on Monday.", None, None, []),
    (
        "They met on November 5, 2024 and again on Monday.",
        None,
        None,
        [("November 5, 2024", date(2024, 11, 5), "day")],
    ),
]


@pytest.mark.parametrize(("text", "published", "anchor", "expected"), CASES)
def test_find_dates(
    text: str, published: date | None, anchor: date | None, expected: Expected
) -> None:
    found = find_dates(text, published, anchor)
    assert [(m.text, m.value, m.precision) for m in found] == expected
    for m in found:
        assert text[m.char_start : m.char_end] == m.text


@pytest.mark.parametrize(
    ("text", "anchor", "anchor_precision", "expected"),
    [
        (
            "Warsaw protested the next day.",
            date(2024, 10, 1),
            "month",
            (date(2024, 10, 1), "month"),
        ),
        ("They met two weeks later.", date(2023, 1, 1), "year", (date(2023, 1, 1), "year")),
        ("They met a week later.", date(2024, 11, 11), "week", (date(2024, 11, 18), "week")),
        ("They met a day later.", date(2024, 11, 11), "week", (date(2024, 11, 11), "week")),
        ("They met a day later.", date(2024, 11, 11), "day", (date(2024, 11, 12), "day")),
    ],
)
def test_counting_from_a_coarse_anchor_keeps_its_precision(
    text: str, anchor: date, anchor_precision: str, expected: tuple[date, str]
) -> None:
    (mention,) = find_dates(text, PUB, anchor, anchor_precision)
    assert (mention.value, mention.precision) == expected


def test_counting_from_a_coarse_date_in_the_same_sentence() -> None:
    found = find_dates("Tensions rose last month, and Warsaw protested the next day.", PUB)
    assert [(m.value, m.precision) for m in found] == [(date(2024, 10, 1), "month")] * 2


def test_find_dates_offsets_are_in_text_order() -> None:
    text = "On Nov. 5, troops entered; two days later, in late October terms, yesterday."
    found = find_dates(text, PUB, None)
    starts = [m.char_start for m in found]
    assert starts == sorted(starts)
    assert all(a.char_end <= b.char_start for a, b in zip(found, found[1:], strict=False))


# --- event_date ---------------------------------------------------------------


def _mention(value: date, precision: str) -> DateMention:
    return DateMention(0, 4, "text", value, precision)


@pytest.mark.parametrize(
    ("mentions", "published", "anchor", "expected"),
    [
        (
            [_mention(date(2024, 7, 1), "month"), _mention(date(2024, 11, 18), "day")],
            PUB,
            ANCHOR,
            (date(2024, 7, 1), "month"),
        ),
        ([], PUB, ANCHOR, (PUB, "day")),
        ([], PUB, None, (PUB, "day")),
        ([], None, ANCHOR, (ANCHOR, "day")),
        ([], None, None, (None, None)),
    ],
)
def test_event_date(
    mentions: list[DateMention],
    published: date | None,
    anchor: date | None,
    expected: tuple[date | None, str | None],
) -> None:
    assert event_date(mentions, published, anchor) == expected


# --- properties -----------------------------------------------------------------

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


@given(published=dates, weekday=st.sampled_from(WEEKDAYS), on=st.booleans())
def test_weekday_is_latest_such_day_up_to_published(
    published: date, weekday: str, on: bool
) -> None:
    text = f"Militants attacked the town {'on ' if on else ''}{weekday}."
    (mention,) = find_dates(text, published)
    assert published - timedelta(days=6) <= mention.value <= published
    assert mention.value.weekday() == WEEKDAYS.index(weekday)
    assert mention.precision == "day"


@given(published=dates, weekday=st.sampled_from(WEEKDAYS))
def test_last_weekday_is_strictly_before_published(published: date, weekday: str) -> None:
    (mention,) = find_dates(f"They met last {weekday}.", published)
    assert published - timedelta(days=7) <= mention.value < published
    assert mention.value.weekday() == WEEKDAYS.index(weekday)


@given(d=dates, fmt=st.sampled_from(["%B %d, %Y", "%Y-%m-%d", "%d %B %Y", "%A, %B %d, %Y"]))
def test_parse_date_round_trips(d: date, fmt: str) -> None:
    assert parse_date(d.strftime(fmt)) == d
    assert is_date_line(d.strftime(fmt))


@given(d=dates)
def test_parse_date_round_trips_timestamps(d: date) -> None:
    stamp = datetime(d.year, d.month, d.day, 10, 32).isoformat() + "Z"
    assert parse_date(stamp) == d


@given(published=dates, d=dates)
def test_month_day_without_year_is_at_most_a_week_ahead(published: date, d: date) -> None:
    found = find_dates(f"The accord was signed on {d.strftime('%B')} {d.day}.", published)
    if d.month == 2 and d.day == 29 and not found:
        return  # 29 February has no reading in a year near publication
    (mention,) = found
    assert (mention.value.month, mention.value.day) == (d.month, d.day)
    assert published - timedelta(days=367) <= mention.value <= published + timedelta(days=7)


@given(text=st.text(max_size=200), published=st.none() | dates, anchor=st.none() | dates)
def test_find_dates_never_raises_and_offsets_hold(
    text: str, published: date | None, anchor: date | None
) -> None:
    for m in find_dates(text, published, anchor):
        assert text[m.char_start : m.char_end] == m.text
        assert m.precision in {"day", "week", "month", "year"}


@pytest.mark.parametrize(("text", "published", "anchor", "expected"), CASES)
def test_choosing_rules_by_the_words_present_never_loses_a_date(
    text: str, published: date | None, anchor: date | None, expected: Expected, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every rule run on every sentence finds exactly what the rules chosen from its words find."""
    from eventcoder.enrich import dates

    chosen = find_dates(text, published, anchor)
    monkeypatch.setattr(dates, "_rules_for", lambda kinds: dates._RULES)
    monkeypatch.setattr(dates, "_trigger_kinds", lambda text: {"every"})
    assert find_dates(text, published, anchor) == chosen
