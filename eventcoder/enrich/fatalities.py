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
- ``no one was killed``, ``no casualties`` give 0.

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
toll (``killing 12 people, including three children``). A four-digit number
from 1900 to 2099 written after ``in``/``since``/``of`` is a year, not a count.

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
    r"|an?(?!\s+(?:number|lot|total|further|few|couple|dozen|hundred|thousand|estimated)\b))"
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
_DEATH_CLAUSE = (
    rf"\b{_NUMBER}{_GAP}{_INCLUDING},?{_AUX}\s+{_DIED}\b{_NO_OBJECT}{_NOT_CASUALTIES}"
)
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
_YEAR_BEFORE = re.compile(r"\b(?:in|since|of|by|until|from|during|before|after)\s+$", re.IGNORECASE)
# Each pattern needs one of these word stems in the lower-cased sentence; a
# substring test per stem is far cheaper than trying the pattern.
_DIED_STEMS = ("kill", "dead", "death", "died", "slain", "perish", "execut", "murder", "massacr", "behead", "lynch",
               "lost", "succumb")
_COUNTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (_DEATH_CLAUSE, _DIED_STEMS),
    (_KILLING, ("kill", "slew", "slay", "massacr", "execut", "lives")),
    (_TOLL, ("toll", "number", "fatalit")),
    (_DEATHS, ("deaths", "fatalities", "bodies", "corpses", "lives")),
)
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
    counts: list[int] = []
    for pattern, stems in _COUNTS:
        if _has(text, stems):
            for match in _regex(pattern).finditer(text):
                value = _match_value(text, match)
                if value is not None:
                    counts.append(value)
    for pattern, stems in _LISTS:
        if _has(text, stems):
            for match in _regex(pattern).finditer(text):
                total = _list_total(match.group("list"))
                if total is not None:
                    counts.append(total)
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
    group = "count" if match.group("count") is not None else "lower"
    count = match.group(group)
    if _is_year(text, match.start(group), count):
        return None
    return parse_count(count)


def _list_total(listed: str) -> int | None:
    values = []
    for match in _regex(_COUNT_IN_LIST).finditer(listed):
        value = parse_count(match.group("count") or match.group("lower"))
        if value is None:
            return None
        values.append(value)
    return sum(values) if len(values) > 1 else None


def _is_year(text: str, start: int, count: str) -> bool:
    if not (len(count) == 4 and count.isdigit() and 1900 <= int(count) <= 2099):
        return False
    return bool(_YEAR_BEFORE.search(text[max(0, start - 12) : start]))
