"""Dates: absolute date strings, and date expressions inside news sentences.

``parse_date`` reads the date strings found in feeds and on the date line of
a scraped article. ``find_dates`` finds every date expression in a sentence
and resolves it against the publication date. ``event_date`` picks the date
an event in that sentence gets.

All patterns are compiled once at import time; compiled patterns and the
lookup tables below are never mutated, so the functions stay pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache

from eventcoder.model import DateMention

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2, "febr": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

_FULL_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
)  # fmt: skip

_WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip


def _alternation(names: list[str]) -> str:
    # Longest names first so that "September" wins over "Sep".
    return "|".join(sorted(names, key=len, reverse=True))


# Full month names never take a period; abbreviations may ("Nov.", "Sept.").
_MONTH_ALT = (
    rf"(?:{_alternation(list(_FULL_MONTHS))})\b"
    rf"|(?:{_alternation([n for n in _MONTHS if n not in _FULL_MONTHS])})\b\.?"
)
_WEEKDAY_ALT = _alternation(list(_WEEKDAYS))

_MONTH = rf"(?P<month>{_MONTH_ALT})"
_TIME = (
    r"(?:,?\s*(?:at\s+)?\d{1,2}(?::\d{2}){1,2}\s*"
    r"(?:[ap]\.?\s?m\.?)?\s*(?:(?-i:[A-Z]{2,4})|[+-]\d{2}:?\d{2})?)"
)
_WEEKDAY_PREFIX = rf"(?:(?:{_WEEKDAY_ALT})\.?,?\s+)?"

_ISO_FULL = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
)
_ORDINAL_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH_DAY_YEAR = re.compile(
    rf"{_WEEKDAY_PREFIX}{_MONTH}\s+{_ORDINAL_DAY},?\s+(?P<year>\d{{4}}){_TIME}?",
    re.IGNORECASE,
)
_DAY_MONTH_YEAR = re.compile(
    rf"{_WEEKDAY_PREFIX}{_ORDINAL_DAY}\s+{_MONTH},?\s+(?P<year>\d{{4}}){_TIME}?",
    re.IGNORECASE,
)
_ABSOLUTE_FORMS = (_ISO_FULL, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR)


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _date_from_match(m: re.Match[str]) -> date | None:
    month_text = m.group("month").lower().rstrip(".")
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text]
    return _make_date(int(m.group("year")), month, int(m.group("day")))


def parse_date(text: str) -> date | None:
    """Parse a whole string holding one absolute date, or return None.

    Accepted: ``"Nov. 20, 2024"``, ``"November 20, 2024"``, ``"20 November
    2024"``, ``"2024-11-20"``, ``"2024-11-20T10:32:00Z"`` and the same with a
    leading weekday and a trailing time (``"Wednesday, November 20, 2024 10:32
    AM"``). All-numeric day/month forms such as ``"20/11/2024"`` are rejected
    because they are ambiguous between day-first and month-first readings.
    Never raises: anything else, including impossible dates, gives None.
    """
    if not isinstance(text, str):
        return None
    s = " ".join(text.split()).strip()
    if not s or len(s) > 80:
        return None
    for pattern in _ABSOLUTE_FORMS:
        m = pattern.fullmatch(s)
        if m is not None:
            return _date_from_match(m)
    return None


def is_date_line(line: str) -> bool:
    """True when the whole line is one absolute date (weekday and time allowed).

    Ingest readers use it to recognise the date line of a text article.
    """
    return parse_date(line) is not None


# ---------------------------------------------------------------------------
# Date expressions inside sentences
# ---------------------------------------------------------------------------
#
# Each rule is a compiled pattern and a resolver. A pattern marks the
# expression itself with the group ``x``; words that only introduce it ("on",
# "in", "since") may sit outside ``x`` and are not part of the reported span.
# A resolver turns a match into ``(value, precision)``, or None when the match
# is not a date after all (impossible day, lower-case "may") or when the
# reference date it needs is unknown.

_Resolved = tuple[date, str]
_Resolver = Callable[[re.Match[str], date | None, date | None], _Resolved | None]

_FULL_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12,
}  # fmt: skip

_B_MONTH = rf"\b(?P<month>{_MONTH_ALT})"
_B_WEEKDAY = rf"\b(?P<wd>{'|'.join(_FULL_WEEKDAYS)})\b"
_YEAR_NUM = r"(?P<year>(?:1[89]|20)\d{2})"
_COUNT = rf"(?P<n>{'|'.join(sorted(_NUMBERS, key=len, reverse=True))}|\d{{1,2}})"
_PART_OF_DAY = r"(?:\s+(?:night|morning|afternoon|evening))"
_INTRO = r"\b(?:in|since|during|until|till|by|through|throughout|from|before|after|of|for)\s+"
_NOT_THE = r"(?<![Tt]he\s)(?<![Tt]his\s)"
_SENTENCE_END = r"(?=\s*(?:[,.;:!?)\]\"']|$))"
_FLAGS = re.IGNORECASE


def _rx(pattern: str) -> re.Pattern[str]:
    """A rule's pattern; every rule matches from the start of a word.

    Saying so up front (``\\b(?=\\w)``) lets the regex engine drop most start
    positions at once: three times faster on news text, same matches.
    """
    return re.compile(rf"\b(?=\w)(?:{pattern})", _FLAGS)


def _capitalised(m: re.Match[str], group: str) -> bool:
    """Month and weekday names count only when capitalised, as news writes them.

    This keeps the modal "may" and the verb "march" out of the dates.
    """
    text = m.groupdict().get(group)
    return text is None or text[:1].isupper()


def _opt(m: re.Match[str], group: str) -> str:
    """An optional group, lower-cased with single spaces; "" when absent."""
    return " ".join((m.groupdict().get(group) or "").lower().split())


def _month_number(m: re.Match[str]) -> int:
    return _MONTHS[m.group("month").lower().rstrip(".")]


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _first_of_month(year: int, month: int, shift: int = 0) -> date:
    index = year * 12 + (month - 1) + shift
    return date(index // 12, index % 12 + 1, 1)


def _infer_year(month: int, day: int, published: date) -> date | None:
    """A day and month without a year: the published year, or the year before
    when that would put the date more than a week after publication."""
    candidate = _make_date(published.year, month, day)
    if candidate is not None and candidate <= published + timedelta(days=7):
        return candidate
    return _make_date(published.year - 1, month, day)


def _count(m: re.Match[str]) -> int:
    n = m.group("n").lower()
    return int(n) if n.isdigit() else _NUMBERS[n]


# Resolvers -----------------------------------------------------------------


def _r_iso(m: re.Match[str], published: date | None, anchor: date | None) -> _Resolved | None:
    d = _make_date(int(m.group("year")), int(m.group("mnum")), int(m.group("day")))
    return None if d is None else (d, "day")


def _r_full(m: re.Match[str], published: date | None, anchor: date | None) -> _Resolved | None:
    if not (_capitalised(m, "month") and _capitalised(m, "wd")):
        return None
    d = _make_date(int(m.group("year")), _month_number(m), int(m.group("day")))
    return None if d is None else (d, "day")


def _r_month_day(m: re.Match[str], published: date | None, anchor: date | None) -> _Resolved | None:
    if published is None or not (_capitalised(m, "month") and _capitalised(m, "wd")):
        return None
    d = _infer_year(_month_number(m), int(m.group("day")), published)
    return None if d is None else (d, "day")


def _r_month_year(
    m: re.Match[str], published: date | None, anchor: date | None
) -> _Resolved | None:
    if not _capitalised(m, "month"):
        return None
    return date(int(m.group("year")), _month_number(m), 1), "month"


def _r_named_month(
    m: re.Match[str], published: date | None, anchor: date | None
) -> _Resolved | None:
    """ "in July", "in late October", "last July": the most recent such month."""
    if published is None or not _capitalised(m, "month"):
        return None
    month = _month_number(m)
    strictly_before = _opt(m, "rel") == "last"
    if month < published.month or (month == published.month and not strictly_before):
        return date(published.year, month, 1), "month"
    return date(published.year - 1, month, 1), "month"


def _r_weekday(m: re.Match[str], published: date | None, anchor: date | None) -> _Resolved | None:
    """A weekday is the most recent such day on or before publication.

    "last Monday" is strictly before publication; "next Monday" strictly after.
    """
    if published is None or not _capitalised(m, "wd"):
        return None
    target = _FULL_WEEKDAYS.index(m.group("wd").lower())
    rel = _opt(m, "rel")
    if rel == "next":
        ahead = (target - published.weekday()) % 7 or 7
        return published + timedelta(days=ahead), "day"
    back = (published.weekday() - target) % 7
    if back == 0 and rel in ("last", "past", "this past"):
        back = 7
    return published - timedelta(days=back), "day"


_DAY_WORDS: dict[str, int] = {
    "today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last night": -1,
    "tomorrow": 1, "the day before yesterday": -2,
}  # fmt: skip


def _r_day_word(m: re.Match[str], published: date | None, anchor: date | None) -> _Resolved | None:
    if published is None:
        return None
    key = " ".join(m.group("word").lower().split())
    return published + timedelta(days=_DAY_WORDS[key]), "day"


def _r_this_period(
    m: re.Match[str], published: date | None, anchor: date | None
) -> _Resolved | None:
    """ "last week", "earlier this month", "next year" and the like."""
    if published is None:
        return None
    shift = {"this": 0, "last": -1, "next": 1}[m.group("rel").lower()]
    unit = m.group("unit").lower()
    if unit == "week":
        return _monday(published) + timedelta(weeks=shift), "week"
    if unit == "month":
        return _first_of_month(published.year, published.month, shift), "month"
    return date(published.year + shift, 1, 1), "year"


def _r_weekend(m: re.Match[str], published: date | None, anchor: date | None) -> _Resolved | None:
    """The weekend: the week of the most recent Saturday on or before publication."""
    if published is None:
        return None
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    return _monday(saturday), "week"


def _r_year(m: re.Match[str], published: date | None, anchor: date | None) -> _Resolved | None:
    return date(int(m.group("year")), 1, 1), "year"


def _r_anchor_offset(
    m: re.Match[str], published: date | None, anchor: date | None
) -> _Resolved | None:
    """Days counted from the last date the article mentioned."""
    ref = anchor if anchor is not None else published
    if ref is None:
        return None
    groups = m.groupdict()
    if groups.get("same"):
        return ref, "day"
    if groups.get("next"):
        return ref + timedelta(days=1), "day"
    if groups.get("prev"):
        return ref - timedelta(days=1), "day"
    sign = 1 if m.group("dir").lower() in ("later", "afterwards", "afterward", "after") else -1
    return ref + timedelta(days=sign * _count(m)), "day"


def _r_anchor_week(
    m: re.Match[str], published: date | None, anchor: date | None
) -> _Resolved | None:
    """Weeks counted from the last date the article mentioned (precision week)."""
    ref = anchor if anchor is not None else published
    if ref is None:
        return None
    groups = m.groupdict()
    if groups.get("next"):
        weeks = 1
    elif groups.get("prev"):
        weeks = -1
    else:
        sign = 1 if m.group("dir").lower() in ("later", "afterwards", "afterward") else -1
        weeks = sign * _count(m)
    return _monday(ref + timedelta(weeks=weeks)), "week"


# Rules ---------------------------------------------------------------------

_RULES: tuple[tuple[re.Pattern[str], _Resolver], ...] = (
    # 2024-11-05, 2024-11-05T10:00Z
    (
        re.compile(r"(?<![\d-])(?P<x>(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2}))(?![\d-])"),
        _r_iso,
    ),
    # (Tuesday,) November 5, 2024 / Nov. 5 2024
    (
        _rx(
            rf"(?P<x>(?:{_B_WEEKDAY},?\s+)?{_B_MONTH}\s+{_ORDINAL_DAY},?\s+{_YEAR_NUM})(?![\d,]\d)"
        ),
        _r_full,
    ),
    # (Tuesday,) 5 November 2024 / the 5th of November, 2024
    (
        _rx(
            rf"(?P<x>(?:{_B_WEEKDAY},?\s+)?(?:the\s+)?\b{_ORDINAL_DAY}\s+(?:of\s+)?{_B_MONTH},?\s+"
            rf"{_YEAR_NUM})(?![\d,]\d)"
        ),
        _r_full,
    ),
    # (on) (Tuesday,) November 5 / Nov. 5th
    (
        _rx(rf"(?P<x>(?:{_B_WEEKDAY},?\s+)?{_B_MONTH}\s+{_ORDINAL_DAY})(?![\d:]|,\d|\.\d)"),
        _r_month_day,
    ),
    # (on) 5 November / the 5th of November
    (
        _rx(rf"(?P<x>(?:the\s+)?(?<![\d.,])\b{_ORDINAL_DAY}\s+(?:of\s+)?{_B_MONTH})"),
        _r_month_day,
    ),
    # (in) July 2023 / July of 2023
    (_rx(rf"(?P<x>{_B_MONTH}(?:\s+of)?,?\s+{_YEAR_NUM})(?![\d,]\d)"), _r_month_year),
    # in July / in late October / since mid-March / last July
    (
        _rx(
            rf"(?:{_INTRO})?(?P<x>(?:(?P<rel>last)\s+|(?:early|late|mid)[\s-]+){_B_MONTH})"
            rf"(?!\s*\d)"
        ),
        _r_named_month,
    ),
    (_rx(rf"{_INTRO}(?P<x>{_B_MONTH})(?!\s*\d)"), _r_named_month),
    # (early/late on) (last/next) Monday (night)
    (
        _rx(
            rf"(?P<x>(?:(?:early|late|earlier|later)\s+(?:on\s+)?)?"
            rf"(?:(?P<rel>last|this\s+past|past|next|this)\s+)?{_B_WEEKDAY}{_PART_OF_DAY}?)"
        ),
        _r_weekday,
    ),
    # yesterday, today, tonight, last night, this morning, the day before yesterday
    (
        _rx(
            r"(?P<x>(?:(?:early|late|earlier|later)\s+)?\b(?P<word>the\s+day\s+before\s+yesterday"
            r"|yesterday|today|tonight|tomorrow|last\s+night|this(?=\s+(?:morning|afternoon"
            r"|evening)))\b(?:\s+(?:morning|afternoon|evening|night))?)"
        ),
        _r_day_word,
    ),
    # last week, earlier this month, late last year, next week
    (
        _rx(
            rf"(?P<x>(?:\b(?:early|earlier|late|later|mid)[\s-]+)?{_NOT_THE}"
            r"\b(?P<rel>this|last|next)\s+(?P<unit>week|month|year)\b)(?!-)"
        ),
        _r_this_period,
    ),
    # over the weekend, last weekend
    (
        _rx(r"(?:\bover\s+|\bat\s+)?(?P<x>\b(?:the|last|this\s+past|past)\s+weekend)\b"),
        _r_weekend,
    ),
    # in 2023, since early 2021
    (
        _rx(rf"{_INTRO}(?P<x>(?:(?:early|late|mid)[\s-]+)?{_YEAR_NUM})\b(?![-/.,:]?\d|\s*%)"),
        _r_year,
    ),
    # the next day, a day later, two days later, the day before, that same day
    (
        _rx(
            r"(?P<x>\b(?:(?P<next>the\s+(?:next|following)\s+(?:day|morning|afternoon|evening"
            r"|night))"
            r"|(?P<prev>the\s+(?:previous|preceding)\s+(?:day|morning|afternoon|evening|night)"
            rf"|the\s+(?:day|night|evening)\s+before{_SENTENCE_END})"
            r"|(?P<same>(?:later\s+|earlier\s+)?that\s+(?:same\s+)?(?:day|morning|afternoon"
            r"|evening|night)|the\s+same\s+day|hours\s+later)"
            rf"|{_COUNT}\s+days?\s+(?P<dir>later|earlier|afterwards?"
            rf"|before{_SENTENCE_END}|after{_SENTENCE_END})))\b"
        ),
        _r_anchor_offset,
    ),
    # the following week, a week later, two weeks earlier
    (
        _rx(
            r"(?P<x>\b(?:(?P<next>the\s+(?:next|following)\s+week)"
            rf"|(?P<prev>the\s+(?:previous|preceding)\s+week|the\s+week\s+before{_SENTENCE_END})"
            rf"|{_COUNT}\s+weeks?\s+(?P<dir>later|earlier|afterwards?|before{_SENTENCE_END})))\b"
        ),
        _r_anchor_week,
    ),
)


_PRECISION_RANK: dict[str, int] = {"day": 0, "week": 1, "month": 2, "year": 3}

# Resolvers that count from the anchor, with the precision they produce.
_ANCHORED: dict[_Resolver, str] = {_r_anchor_offset: "day", _r_anchor_week: "week"}

# Every rule needs one of these kinds of word; finding which kinds a sentence
# has from its words costs a microsecond, far less than running the rules.
_SEPARATORS = str.maketrans({c: " " for c in ",.;:!?()[]\"“”‘’'-–—/"})
_DIGIT = re.compile(r"\d")
_YEAR4 = re.compile(r"\d{4}")
_ISO4 = re.compile(r"\d{4}-\d")
_WORD_KINDS: dict[str, str] = {
    **dict.fromkeys(("weekend", "weekends"), "weekend"),
    **dict.fromkeys(("week", "weeks"), "week"),
    **dict.fromkeys(("month", "months", "year", "years"), "period"),
    **dict.fromkeys(("yesterday", "today", "tonight", "tomorrow", "night", "day", "days", "hours",
                     "morning", "afternoon", "evening"), "day"),
}
# Month and weekday names count only capitalised (see _capitalised); other
# date words in any of the three usual casings.
_TRIGGERS: dict[str, str] = {
    **{name.capitalize(): "month" for name in _MONTHS},
    **{name.capitalize(): "weekday" for name in _FULL_WEEKDAYS},
    **{form: kind for word, kind in _WORD_KINDS.items() for form in (word, word.capitalize(), word.upper())},
}
_TRIGGER_WORDS = frozenset(_TRIGGERS)


def _trigger_kinds(text: str) -> set[str]:
    """Which kinds of date word ``text`` holds: digit, year, iso, month, weekday, week, period, day."""
    kinds = {_TRIGGERS[w] for w in _TRIGGER_WORDS.intersection(text.translate(_SEPARATORS).split())}
    if _DIGIT.search(text):
        kinds.add("digit")
        if _YEAR4.search(text):
            kinds.add("year")
            if _ISO4.search(text):
                kinds.add("iso")
    return kinds


# What each rule needs, as alternatives: a rule runs when the sentence has
# every kind of word of one of them (a full date needs a month and a year).
_RULE_NEEDS: dict[_Resolver, tuple[frozenset[str], ...]] = {
    _r_iso: (frozenset({"iso"}),),
    _r_full: (frozenset({"month", "year"}),),
    _r_month_day: (frozenset({"month", "digit"}),),
    _r_month_year: (frozenset({"month", "year"}),),
    _r_named_month: (frozenset({"month"}),),
    _r_weekday: (frozenset({"weekday"}),),
    _r_this_period: (frozenset({"week"}), frozenset({"period"})),
    _r_weekend: (frozenset({"weekend"}),),
    _r_year: (frozenset({"year"}),),
    _r_anchor_week: (frozenset({"week"}),),
    _r_day_word: (frozenset({"day"}),),
    _r_anchor_offset: (frozenset({"day"}),),
}


@cache  # one entry per combination of kinds: a few hundred at most
def _rules_for(kinds: frozenset[str]) -> tuple[tuple[re.Pattern[str], _Resolver], ...]:
    """The rules, in order, that can match a sentence holding ``kinds`` of date words."""
    return tuple(rule for rule in _RULES if any(need <= kinds for need in _RULE_NEEDS[rule[1]]))


def find_dates(
    text: str,
    published: date | None,
    anchor: date | None = None,
    anchor_precision: str = "day",
) -> list[DateMention]:
    """Find every date expression in ``text`` and resolve it, in text order.

    ``published`` is the article's publication date; news is written in the
    past tense, so a bare weekday ("on Monday") is the most recent such day on
    or before it, and a month without a year ("in July") the most recent such
    month. Expressions whose reference date is unknown are skipped.

    ``anchor`` is the last date the article mentioned before this sentence
    and ``anchor_precision`` its precision: "the next day" or "two days later"
    count from it, or from a date mentioned earlier in the same sentence,
    falling back to ``published``. Counting days from a coarser date gives
    nothing more precise than that date: "the next day" after "last month" is
    reported as last month, precision ``month``.

    ``precision`` is ``day``, ``week`` (value: the Monday of that week),
    ``month`` (value: the first of the month) or ``year`` (value: 1 January).
    ``char_start``/``char_end`` are offsets into ``text`` and cover the
    expression without an introducing preposition: in "on Monday night" the
    span is "Monday night", in "in late October" it is "late October".
    """
    found: list[tuple[int, int, re.Match[str], _Resolver]] = []
    kinds = _trigger_kinds(text)
    if not kinds:
        return []
    for pattern, resolve in _rules_for(frozenset(kinds)):
        for m in pattern.finditer(text):
            if resolve(m, published, anchor) is not None:
                start, end = m.span("x")
                found.append((start, end, m, resolve))
    # Where expressions overlap, the one that starts first wins, then the longest.
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    mentions: list[DateMention] = []
    last_end = -1
    ref, ref_precision = anchor, anchor_precision if anchor is not None else "day"
    for start, end, m, resolve in found:
        if start < last_end:
            continue
        natural = _ANCHORED.get(resolve)
        resolved: _Resolved | None
        if (
            natural is not None
            and ref is not None
            and (_PRECISION_RANK.get(ref_precision, 0) > _PRECISION_RANK[natural])
        ):
            resolved = ref, ref_precision
        else:
            resolved = resolve(m, published, ref)
        if resolved is not None:
            mention = DateMention(start, end, text[start:end], *resolved)
            mentions.append(mention)
            last_end = end
            ref, ref_precision = mention.value, mention.precision
    return mentions


def event_date(
    mentions: list[DateMention], published: date | None, anchor: date | None
) -> tuple[date | None, str | None]:
    """The date, and its precision, that an event coded in a sentence gets.

    1. The first date expression of the sentence (``mentions`` in text order),
       with its own precision.
    2. Otherwise the publication date, precision ``day``. This is the GDELT
       and Phoenix convention: a report without a date expression is taken to
       describe events of the day it was published, which keeps the event
       date reproducible from the article alone. The anchor (the last date the
       article mentioned) is deliberately not carried over to later sentences:
       it is right for narrative paragraphs and wrong for the usual wire lead
       ("X condemned Y" on the day of the report), and a wrong carried date
       would silently move events between days.
    3. Only when the publication date is unknown: the anchor, precision
       ``day``, as the best date the article itself offers.
    4. Otherwise ``(None, None)``.
    """
    if mentions:
        return mentions[0].value, mentions[0].precision
    if published is not None:
        return published, "day"
    if anchor is not None:
        return anchor, "day"
    return None, None
