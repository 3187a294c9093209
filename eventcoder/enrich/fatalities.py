"""Fatalities: the number of people a sentence reports killed.

``fatalities(text)`` reads one sentence and returns the death count it
reports, ``0`` when it says nobody died, and ``None`` when it reports none.
Wounded, injured and missing people are never counted.

What is read (all case-insensitive):

- a count with a death verb: ``12 soldiers were killed``, ``one person died``,
  ``a soldier was killed`` (1), ``30 dead``, ``three were shot dead``;
- a killing verb with its object: ``killing at least eight people``,
  ``killed 12``, ``claimed the lives of 40``;
- a toll: ``the death toll rose to 30`` (the number after ``to``, so
  ``rose from 20 to 30`` gives 30), ``a death toll of 30``;
- deaths as a noun: ``caused 12 deaths``, ``12 bodies were found``;
- coordinated counts are added: ``three soldiers and two civilians were
  killed`` (5), ``killing two police officers and a civilian`` (3);
- one person without a count: ``the armed suspect was killed``, ``he was
  shot dead``, ``the man died``, ``shot and killed the village administrator``
  (a singular subject or object; ``the soldiers were killed`` gives no number);
- ``leading to the death of at least 23``, ``1 fatality``;
- ACLED's own convention, which decides alone: ``fatalities coded as 3``,
  ``coded as 6 fatalities``;
- ``no one was killed``, ``no casualties`` give 0.

A toll counted over a period is a background summary, not the sentence's
event, and is not read: ``the war has killed tens of thousands since April
2023``, ``since the conflict began, 500 people have been killed``, ``so far``,
``to date``, ``in total``. A date is never a toll: a four-digit year after
``in``/``since``/a month/a day and month (``On 3 January 2022, 5 soldiers``
gives 5), and a day beside a month (``January 3, 2022, 4 civilians`` gives 4).

Numbers are digits (``2,300``), number words up to ninety-nine, optionally
times ``hundred`` or ``thousand`` (``two hundred``), and vague quantities,
recorded as conservative lower bounds in the ACLED convention (ACLED codes
"tens" as 10, "dozens" as 12 and "hundreds" as 100):

===========================  ======
``a couple of``              2
``a few``                    3
``several``                  3
``half a dozen``             6
``tens``                     10
``a dozen``                  12
``dozens``                   12
``two dozen``                24
``scores``                   20
``hundreds``                 100
``thousands``                1000
``tens of thousands``        10000
``hundreds of thousands``    100000
===========================  ======

``many`` and ``numerous`` give no number. A range (``10 to 15``,
``between 10 and 15``, ``10-15``) gives its lower bound; qualifiers (``at
least``, ``more than``, ``nearly``, ``up to``) are read past. When several
counts are reported the largest is returned: a sentence usually repeats one
toll (``killing 12 people, including three children``).

The large patterns are compiled on first use (not at import: every command
would pay for them) and never mutated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

__all__ = ["fatalities", "parse_count"]

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000}
_VAGUE = {
    "a couple of": 2, "a few": 3, "several": 3, "half a dozen": 6, "tens of": 10, "tens": 10,
    "a dozen": 12, "dozens of": 12, "dozens": 12, "scores of": 20, "scores": 20,
    "hundreds of": 100, "hundreds": 100, "thousands of": 1000, "thousands": 1000,
    "tens of thousands of": 10_000, "tens of thousands": 10_000,
    "hundreds of thousands of": 100_000, "hundreds of thousands": 100_000,
}  # fmt: skip
_ONE = {"a": 1, "an": 1}


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first; spaces match any blanks."""
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return "|".join(escaped)


_UNIT = _alt(_UNITS)
_TEN = _alt(_TENS)
_WORD_NUMBER = rf"(?:(?:{_TEN})(?:[-\s]+(?:one|two|three|four|five|six|seven|eight|nine)\b)?|(?:{_UNIT}))"
_SCALED = rf"(?:(?:{_WORD_NUMBER}|a|\d+)\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{_WORD_NUMBER})?)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
_MULTI_DOZEN = rf"(?:(?:{_WORD_NUMBER}|\d+)\s+dozen)"
# A count: most specific alternatives first.
_COUNT = (
    rf"(?:{_alt(_VAGUE)}|{_MULTI_DOZEN}|{_SCALED}|{_DIGITS}|{_WORD_NUMBER}"
    r"|an?(?!\s+(?:number|lot|total|further|few|couple|dozen|hundred|thousand|estimated|unknown|unspecified|undetermined"
    r"|unidentified\s+number)\b))"
)
_RANGE_TAIL = rf"(?:\s*(?:-|–|to|or)\s*{_DIGITS}(?![\d,])|\s+(?:to|or)\s+{_WORD_NUMBER})?"
_NOT_A_COUNT = (
    r"(?!\s+(?:days?|weeks?|months?|years?|hours?|minutes?|seconds?|km|kilomet(?:er|re)s?|miles?"
    r"|meters?|metres?|percent|per\s+cent|times)\b)"
    r"(?!\s*%)"
)
_QUALIFIER = (
    r"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|roughly|approximately"
    r"|up\s+to|as\s+many\s+as|an\s+estimated|at\s+least\s+another|another|a\s+further"
    r"|a\s+total\s+of|fewer\s+than|less\s+than|close\s+to|well\s+over|just\s+over|the\s+bodies\s+of"
    r"|only)\s+)*"
)
_BETWEEN = rf"between\s+(?P<lower>{_DIGITS}|{_WORD_NUMBER})\s+and\s+(?:{_DIGITS}|{_WORD_NUMBER})\b"
_NUMBER = (
    rf"(?:(?:{_BETWEEN}|{_QUALIFIER}(?<!\bno\s)(?<!\bnot\s)(?P<count>{_COUNT})\b{_RANGE_TAIL})"
    rf"{_NOT_A_COUNT})"
)
_NUMBER_ANON = _NUMBER.replace("(?P<count>", "(?:").replace("(?P<lower>", "(?:")

_WOUND = r"(?:wounded|injured|hurt|missing|maimed|hospitali[sz]ed|arrested|detained)"
_AUX_WORDS = (
    r"(?:were|was|have|has|had|been|are|is|got|being|reportedly|also|all|now|later|confirmed"
    r"|reported|believed|feared|said|to\s+be|since|subsequently|allegedly|tragically|either)"
)
_AUX = rf"(?:\s+{_AUX_WORDS})*"
_STOP_GAP = rf"(?:and|or|but|{_AUX_WORDS}|{_WOUND}|killed|dead|died|who|that|which)"
_GAP_WORD = rf"(?!{_STOP_GAP}\b)(?!{_WORD_NUMBER}\b)[a-z][\w'’-]*"
_GAP = rf"(?:\s+{_GAP_WORD}){{0,5}}"
_INCLUDING = (
    r"(?:\s*,\s*(?:including|among\s+them|most\s+of\s+them|many\s+of\s+them|mostly|mainly"
    r"|all\s+of\s+them|both|most|half\s+of\s+them)\b[^,;.]{0,80},)?"
)
_DIED = (
    r"(?:killed|dead|died|slain|perished|executed|murdered|massacred|beheaded|lynched"
    r"|shot\s+dead|shot\s+and\s+killed|stabbed\s+to\s+death|beaten\s+to\s+death"
    r"|burned\s+to\s+death|burnt\s+to\s+death|hacked\s+to\s+death|crushed\s+to\s+death"
    r"|lost\s+their\s+lives|lost\s+(?:his|her)\s+life|succumbed)"
)
# "killed" right after a count is passive only when no object follows it.
_NO_OBJECT = (
    rf"(?!\s+(?:a|an|the|his|her|their|its|him|them|himself|herself|themselves|{_WORD_NUMBER}|\d"
    r"|at\s+least|dozens|hundreds|scores"
    r"|several|some|more\s+than|over|nearly|about|around)\b)"
)
_NOT_CASUALTIES = rf"(?!\s+(?:and|or|and/or)\s+{_WOUND})(?!\s*/\s*{_WOUND})"


@cache
def _regex(source: str) -> re.Pattern[str]:
    """``source`` compiled once, for lower-cased text.

    Case-sensitive patterns over lower-cased text run twice as fast as
    case-insensitive ones (the engine can skip alternatives by their first
    letter), and every pattern matches from the start of a word: saying so up
    front (``\\b(?=\\w)``) lets the engine skip other positions quickly.
    """
    return re.compile(rf"\b(?=\w)(?:{source})")


# "12 soldiers were killed", "one person died", "a soldier was killed", "30 dead"
_PAREN = r"(?:\s*\([^()]{0,60}\))?"
_DEATH_CLAUSE = rf"\b{_NUMBER}{_GAP}{_PAREN}{_INCLUDING},?{_AUX}\s+{_DIED}\b{_NO_OBJECT}{_NOT_CASUALTIES}"
# "the armed suspect was killed", "he was shot dead", "the man died": one person
_ONE_DIED = (
    r"\b(?:(?:the|this|that)(?:\s+(?!were\b|have\b|had\b|are\b)[a-z][\w'-]*){1,4}(?<!s)|he|she)"
    rf"(?:\s+(?:was|had\s+been)(?:\s+(?:later|also|reportedly|eventually|allegedly|subsequently))?\s+{_DIED}"
    rf"|(?:\s+(?:later|also|reportedly|eventually|subsequently))?\s+(?:died|succumbed))\b{_NO_OBJECT}{_NOT_CASUALTIES}"
)
# "shot and killed the village administrator", "killed his cook": one person
_KILLED_ONE = (
    r"\b(?:killed|shot\s+dead|shot\s+and\s+killed|beat\s+to\s+death|beaten\s+to\s+death|stabbed\s+to\s+death"
    r"|lynched|murdered|executed|assassinated)\s+(?:the|his|her)(?:\s+(?!and\b|or\b)[a-z][\w'-]*){1,3}(?<!s)\b"
    rf"(?!\s+(?:and|or)\s+(?:the|his|her|a|an|{_WORD_NUMBER}|\d+)\b)(?!\s+(?:family|members|group)\b)"
)
# "leading to the death of at least 23", "resulting in the deaths of five"
_DEATH_OF = rf"\bdeaths?\s+of\s+{_NUMBER}"
# ACLED's own convention: "Fatalities coded as 3", "coded as 6 fatalities"
_CODED = rf"\b(?:fatalities\s+(?:were\s+)?coded\s+as|coded\s+as(?=\s+\S+\s+fatalit))\s+{_NUMBER}"
# "killing at least eight people", "killed 12", "claimed the lives of 40"
_KILLING = (
    rf"\b(?:(?:kill(?:s|ed|ing)?|slew)(?:\s+(?:himself|herself|themselves)\s+and)?"
    r"|killing\s+of|slaying|massacr(?:ed|ing)|execut(?:ed|ing)"
    rf"|claim(?:s|ed|ing)?\s+the\s+lives\s+of|cost\s+the\s+lives\s+of)\s+{_NUMBER}"
)
# "the death toll rose to 30", "a death toll of 30"
_TOLL = (
    rf"\b(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|people\s+killed|fatalities|victims)"
    rf"|fatalit(?:y|ies)\s+count)\b(?:[^\w.;]+\w+){{0,6}}?[^\w.;]+"
    rf"(?:to|at|of|reached|hit|is|was|stood\s+at|stands\s+at|now|topped|passed|exceeded)\s+{_NUMBER}"
)
# "caused 12 deaths", "12 bodies were found", "claimed 12 lives"
_DEATHS = (
    rf"\b{_NUMBER}(?:\s+[a-z][\w-]*){{0,2}}?\s+(?:deaths|fatalities|bodies|corpses|lives)\b"
    r"|\b(?P<one>1|one)\s+(?:death|fatality)\b(?!\s+(?:sentence|penalty|row|threat))"
)
# "no one was killed", "there were no casualties"
_NONE = (
    rf"\b(?:(?:no\s+one|nobody|none|no\s+(?:people|person|civilians?|soldiers?))"
    rf"(?:{_AUX})?\s+(?:killed|dead|died|hurt|harmed|injured|wounded)"
    r"|no\s+(?:reported\s+)?(?:deaths|fatalities|casualties|dead)"
    r"|without\s+(?:any\s+)?(?:casualties|fatalities|deaths|loss\s+of\s+life))\b"
)

_LIST_SEP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
_PHRASE_WORD = rf"(?!{_STOP_GAP}\b)(?!{_WORD_NUMBER}\b)(?!{_COUNT}\b)[a-z][\w'’-]*"
_PHRASE = rf"{_NUMBER_ANON}(?:\s+{_PHRASE_WORD}){{0,3}}"
# "three soldiers and two civilians were killed": the counts are added.
_DEATH_LIST = (
    rf"\b(?<!between\s)(?P<list>{_PHRASE}(?:{_LIST_SEP}{_PHRASE})+?){_AUX}\s+{_DIED}\b{_NO_OBJECT}{_NOT_CASUALTIES}"
)
# "killing two police officers and a civilian"
_KILLING_LIST = (
    rf"\b(?:kill(?:s|ed|ing)?|slew)\s+(?P<list>{_PHRASE}(?:{_LIST_SEP}{_PHRASE})+)"
    rf"(?!\s+(?:{_AUX_WORDS}\s+)*{_WOUND})(?![\w'’-])"
)
_COUNT_IN_LIST = rf"(?<![\w-]){_NUMBER}"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR_BEFORE = re.compile(
    rf"(?:\b(?:in|since|of|by|until|from|during|before|after)|\b{_MONTH}(?:\s+\d{{1,2}})?,?|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?)\s+$",
    re.IGNORECASE,
)
# "since Thursday" is the event itself going on; "since April 2023" a period
_SINCE = (
    r"since(?!\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last\s+(?:night|week)"
    r"|the\s+weekend|dawn|(?:the\s+)?(?:early\s+)?morning|(?:the\s+)?(?:attack|raid|blast|explosion)\b))"
)
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\s+$")
# "5 may have died" is no date: "may" after a number is a month only before a comma or a year
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:(?!may\b){_MONTH}(?!\w)|may(?=\s*(?:,|\d)))")
# A toll counted over a period, not this event's: "the war has killed 20,000 since 2023", "so far", "in total".
_CUMULATIVE_AFTER = re.compile(
    rf"^[^.;,]{{0,80}}?\b(?:{_SINCE}|so\s+far|to\s+date|in\s+total|overall|this\s+year|last\s+year|in\s+recent\s+(?:days|weeks|months|years)"
    r"|over\s+the\s+(?:past|last)\s+|(?:war|conflict|fighting|insurgency)\s+(?:began|started|broke\s+out))\b"
)
_CUMULATIVE_BEFORE = re.compile(
    r"(?:\b(?:war|conflict|insurgency|violence|fighting|crisis|epidemic|campaign)\s+(?:has|have|had)\s+(?:so\s+far\s+|now\s+|already\s+)?"
    r"(?:killed|claimed|left)|\b(?:"
    + _SINCE
    + r"|so\s+far|to\s+date)\b[^.;]{0,60}|\b(?:total|cumulative|overall)\s+(?:death\s+)?toll\b[^.;]{0,30})$"
)
# Each pattern needs one of these word stems in the lower-cased sentence; a
# substring test per stem is far cheaper than trying the pattern.
_DIED_STEMS = (
    "kill",
    "dead",
    "death",
    "died",
    "slain",
    "perish",
    "execut",
    "murder",
    "massacr",
    "behead",
    "lynch",
    "lost",
    "succumb",
)
_COUNTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (_DEATH_CLAUSE, _DIED_STEMS),
    (_KILLING, ("kill", "slew", "slay", "massacr", "execut", "lives")),
    (_TOLL, ("toll", "number", "fatalit")),
    (_DEATHS, ("death", "fatalit", "bodies", "corpses", "lives")),
    (_DEATH_OF, ("death",)),
)
_ONES: tuple[tuple[str, tuple[str, ...]], ...] = ((_ONE_DIED, _DIED_STEMS), (_KILLED_ONE, _DIED_STEMS + ("shot",)))
_LISTS: tuple[tuple[str, tuple[str, ...]], ...] = ((_DEATH_LIST, _DIED_STEMS), (_KILLING_LIST, ("kill", "slew")))
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def _has(low: str, stems: tuple[str, ...]) -> bool:
    return any(stem in low for stem in stems)


def fatalities(sentence_text: str) -> int | None:
    """The number of people ``sentence_text`` reports killed, 0, or None.

    See the module documentation for the forms read and the lower bounds
    given to vague quantities. Wounded or injured counts are never returned.
    """
    text = sentence_text.translate(_APOSTROPHES).lower()
    if "coded as" in text:
        coded = [v for m in _regex(_CODED).finditer(text) if (v := _match_value(text, m)) is not None]
        if coded:
            return max(coded)
    counts: list[int] = []
    for pattern, stems in _COUNTS:
        if _has(text, stems):
            for match in _regex(pattern).finditer(text):
                value = _match_value(text, match)
                if value is not None and not _cumulative(text, _count_start(match), match.end()):
                    counts.append(value)
    for pattern, stems in _LISTS:
        if _has(text, stems):
            for match in _regex(pattern).finditer(text):
                total = _list_total(text, match)
                if total is not None and not _cumulative(text, match.start("list"), match.end()):
                    counts.append(total)
    if not counts:
        for pattern, stems in _ONES:
            if _has(text, stems) and _regex(pattern).search(text):
                counts.append(1)
                break
    if counts:
        return max(counts)
    if _regex(_NONE).search(text):
        return 0
    return None


def parse_count(text: str) -> int | None:
    """The value of one count (``"2,300"``, ``"twenty-one"``, ``"dozens"``), or None."""
    words = " ".join(text.lower().replace("-", " ").split())
    if not words:
        return None
    if words in _VAGUE:
        return _VAGUE[words]
    if words in _ONE:
        return 1
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", words):
        return int(words.replace(",", ""))
    parts = words.split()
    if parts[-1] == "dozen":
        base = parse_count(" ".join(parts[:-1])) if len(parts) > 1 else 1
        return base * 12 if base is not None else None
    total = current = 0
    seen = False
    for part in parts:
        if part == "and":
            continue
        if part.isdigit():
            current += int(part)
        elif part in _UNITS:
            current += _UNITS[part]
        elif part in _TENS:
            current += _TENS[part]
        elif part in _SCALES:
            current = max(current, 1) * _SCALES[part]
            if _SCALES[part] == 1000:
                total, current = total + current, 0
        elif part in _ONE and not seen:
            current = 1
        else:
            return None
        seen = True
    return total + current if seen else None


def _match_value(text: str, match: re.Match[str]) -> int | None:
    groups = match.groupdict()
    group = next((g for g in ("count", "lower", "one") if groups.get(g) is not None), None)
    if group is None:
        return None
    count = match.group(group)
    if _is_year(text, match.start(group), count):
        return None
    return parse_count(count)


def _list_total(text: str, match: re.Match[str]) -> int | None:
    """The sum of the counts of a listed toll; a year in the list (``3 January 2022, 5 soldiers``) is no count."""
    listed = match.group("list")
    offset = match.start("list")
    values = []
    for item in _regex(_COUNT_IN_LIST).finditer(listed):
        group = "count" if item.group("count") is not None else "lower"
        count = item.group(group)
        if _is_year(text, offset + item.start(group), count):
            continue
        value = parse_count(count)
        if value is None:
            return None
        values.append(value)
    return sum(values) if len(values) > 1 else None


def _count_start(match: re.Match[str]) -> int:
    groups = match.groupdict()
    return next((match.start(g) for g in ("count", "lower", "one") if groups.get(g) is not None), match.start())


def _cumulative(text: str, start: int, end: int) -> bool:
    """Whether the toll at ``text[start:end]`` is counted over a period (``since April``, ``so far``)."""
    return bool(_CUMULATIVE_AFTER.search(text[end:]) or _CUMULATIVE_BEFORE.search(text[:start]))


def _is_year(text: str, start: int, count: str) -> bool:
    """Whether ``count`` at ``start`` is part of a date: a day beside a month (``3 January``,
    ``January 3,``) or a four-digit number from 1900 to 2099 after a date word (``in``, ``since``,
    a month, a day and month)."""
    if not count.isdigit():
        return False
    if len(count) <= 2:
        before, after = text[max(0, start - 12) : start], text[start + len(count) : start + len(count) + 12]
        return bool(_MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after))
    if not (len(count) == 4 and 1900 <= int(count) <= 2099):
        return False
    return bool(_YEAR_BEFORE.search(text[max(0, start - 20) : start]))
