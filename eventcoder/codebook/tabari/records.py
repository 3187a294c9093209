"""Read TABARI's validation records (``Validate.text``).

::

    950101  DEMO-01                      date (YYMMDD, or YYYYMMDD) and id
    Arnor is about to restore ...        the text, up to /*
    /* ... comments ...
    \\n{ ARN / GON / 064 }                an expected event
    \\n-{ ARN / GON / 064 }               an event TABARI may or may not code
    \\n{ --- }  {###}  {+++}              no event; a discard; a complex sentence
    \\n{ OPTION: SET: TIME SHIFT = FALSE } a record that changes options (not a test)
    */

A record with no event line expects nothing. The suite says it ends at the
record whose id starts with ``FINAL`` ("the remaining records require other
.options settings, or crash the program"): the records after it are read
with ``standard=False``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path

from ...errors import ValidationFileError

Triple = tuple[str, str, str]
_HEADER = re.compile(r"^(\d{6,9})\s+(?:\d{6,8}\s+)?([A-Za-z][\w'.-]*)(?:\s+\S+)?\s*$")
_EVENT = re.compile(r"(-?)\{([^{}]*?)(?:\}|\*/|$)", re.MULTILINE)
_SPECIAL = {"###": "discard", "+++": "complex", "---": "nothing", "": "nothing"}


class Expect(Enum):
    """What a record expects TABARI to do with its text."""

    EVENTS = "events"
    NOTHING = "nothing"
    DISCARD = "discard"
    COMPLEX = "complex"


@dataclass(frozen=True, slots=True)
class TabariRecord:
    """One record: its text and expectations, or the options it sets (``commands``)."""

    id: str
    category: str
    day: date | None
    text: str
    line: int
    expect: Expect = Expect.NOTHING
    expected: tuple[Triple, ...] = ()
    optional: tuple[Triple, ...] = ()
    commands: tuple[str, ...] = ()
    standard: bool = True

    @property
    def is_option(self) -> bool:
        """An ``OPTION:`` record changes the options of the records after it; it is not a test."""
        return bool(self.commands)


def parse_day(digits: str, *, four_digit_years: bool = False) -> date | None:
    """A record date: YYMMDD (00-30: 20YY), or YYYYMMDD in YYYY mode or when 8 digits long."""
    if four_digit_years or len(digits) == 8:
        text, year = digits[:8], int(digits[:4]) if len(digits) >= 8 else -1
        rest = text[4:]
    else:
        text = digits[:6]
        yy = int(text[:2])
        year, rest = (2000 + yy if yy <= 30 else 1900 + yy), text[2:]
    try:
        return date(year, int(rest[:2]), int(rest[2:4]))
    except ValueError:
        return None


def _category(record_id: str) -> str:
    return record_id.split("-", 1)[0].upper()


@dataclass
class _Open:
    line: int
    digits: str
    id: str
    text: list[str]
    comment: list[str]
    in_comment: bool = False


def _finish(item: _Open, standard: bool, yyyy: bool) -> TabariRecord:
    text = " ".join(" ".join(item.text).replace("\\n", " ").split())
    comment = "\n".join(item.comment)
    expected: list[Triple] = []
    optional: list[Triple] = []
    commands: list[str] = []
    expect = Expect.NOTHING
    for found in _EVENT.finditer(comment):
        body = " ".join(found.group(2).split())
        if body.upper().startswith("OPTION:"):
            commands.append(body)
            continue
        parts = [p.strip() for p in body.split("/")]
        if len(parts) == 3:
            (optional if found.group(1) else expected).append((parts[0], parts[1], parts[2]))
        elif _SPECIAL.get(body) == "discard":
            expect = Expect.DISCARD
        elif _SPECIAL.get(body) == "complex" and expect is not Expect.DISCARD:
            expect = Expect.COMPLEX
    if expect is Expect.NOTHING and expected:
        expect = Expect.EVENTS
    return TabariRecord(item.id, _category(item.id), parse_day(item.digits, four_digit_years=yyyy), text, item.line,
                        expect, tuple(expected), tuple(optional), tuple(commands), standard)


def read_tabari_records(path: Path) -> list[TabariRecord]:
    """Every record of a TABARI validation text, in order; ValidationFileError if it holds none."""
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError as exc:
        raise ValidationFileError(f"{path}: no such file") from exc
    records: list[TabariRecord] = []
    current: _Open | None = None
    standard, yyyy = True, False
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        header = _HEADER.match(stripped) if not (current and current.in_comment and stripped.startswith("\\")) else None
        if header or stripped.startswith("#"):
            if current is not None:
                records.append(_finish(current, standard, yyyy))
                yyyy = _yyyy_after(records[-1], yyyy)
                standard = standard and not records[-1].id.upper().startswith("FINAL")
            current = _Open(number, header.group(1), header.group(2), [], []) if header else None
            continue
        if current is None:
            continue
        if current.in_comment:
            current.comment.append(raw)
        elif "/*" in raw:
            before, _, after = raw.partition("/*")
            current.text.append(before)
            current.comment.append(after)
            current.in_comment = True
        else:
            current.text.append(raw)
    if current is not None:
        records.append(_finish(current, standard, yyyy))
    if not records:
        raise ValidationFileError(f"{path}:1: no TABARI record (a `YYMMDD  ID` line, the text, then /* ... */)",
                                  "pass a TABARI validation text or a PETRARCH validation XML file")
    return records


def _yyyy_after(record: TabariRecord, yyyy: bool) -> bool:
    """TABARI's ``SET: YYYY = TRUE`` makes the next records' dates eight digits long."""
    for command in record.commands:
        upper = command.upper().replace(" ", "")
        if "SET:YYYY=" in upper:
            yyyy = upper.split("SET:YYYY=")[1].startswith("TRUE")
    return yyyy
