"""Read PETRARCH/TABARI actor dictionaries (``*actors*``).

An entry is a name line, optional ``+`` synonyms, and codes, each with
optional dates::

    GOLLUM                        # the name (words joined by _ or spaces)
    +SMEAGOL                      # synonyms
        [HOB <950601]             # before 1 June 1995 (exclusive)
        [HOBGOV 950601-990815]    # from .. to, both inclusive
        [HOBREB >990816]          # from this day on
    GONDOR [GON]                  # one undated code on the name line

Dates are YYMMDD (00-30 is 20YY, else 19YY) or YYYYMMDD. The first code
whose dates hold wins; an undated code applies when none does. eventcoder
keeps that meaning exactly by cutting overlapping periods into disjoint ones.

An actor with one undated three-letter code becomes a *country* entry (so it
combines with agents: ``Arnor cleric`` -> ARNREL); every other actor becomes
a *named* entry, a person when it has dated codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..entries import DatedRole, Where
from .source import Ignored, Line, read_lines

ACTOR_CODE = re.compile(r"^[A-Z0-9]{3}(?:[A-Z0-9]{3})*$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")
_BRACKET = re.compile(r"\[([^\]]*)\]")


@dataclass(frozen=True, slots=True)
class CodeSpec:
    """One ``[CODE dates]`` group: ``start``/``end`` inclusive, None when open."""

    code: str | None  # None: the null code ``---``
    start: date | None
    end: date | None
    dated: bool


@dataclass
class ActorSpec:
    """One dictionary entry: its names (first is canonical) and its codes."""

    where: Where
    names: list[str] = field(default_factory=list)
    codes: list[CodeSpec] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CountrySpec:
    code: str
    names: tuple[tuple[str, Where], ...]


@dataclass(frozen=True, slots=True)
class NamedSpec:
    name: str
    variants: tuple[str, ...]
    code: str
    type: str
    roles: tuple[DatedRole, ...]
    where: Where


def parse_date(text: str) -> date | None:
    """A PETRARCH date (YYMMDD or YYYYMMDD); None if it is not a real date."""
    if not text.isdigit() or len(text) not in (6, 8):
        return None
    if len(text) == 6:
        yy = int(text[:2])
        year, rest = (2000 + yy if yy <= 30 else 1900 + yy), text[2:]
    else:
        year, rest = int(text[:4]), text[4:]
    try:
        return date(year, int(rest[:2]), int(rest[2:4]))
    except ValueError:
        return None


def parse_code_group(raw: str, *, any_code: bool = False) -> tuple[list[CodeSpec], str | None]:
    """The code of one bracket (``HOBGOV 950601-990815``) and a problem, if any.

    ``any_code`` accepts any letters and digits (TABARI codes such as
    ``ITHTV``), not only CAMEO's three-letter parts.

    PETRARCH's compound codes (``FRO/BIL/SAM``: one actor standing for three)
    keep their first code: an eventcoder actor has one code.
    """
    tokens = raw.split()
    if not tokens:
        return [], "empty code []"
    codes_text, when = tokens[0].upper(), "".join(tokens[1:])
    start = end = None
    if when:
        if when.startswith("<"):
            day = parse_date(when[1:])
            end = day - timedelta(days=1) if day else None
            bad = day is None
        elif when.startswith(">"):
            start = parse_date(when[1:])
            bad = start is None
        elif "-" in when:
            first, _, last = when.partition("-")
            start, end = parse_date(first), parse_date(last)
            bad = start is None or end is None or start > end
        else:
            bad = True
        if bad:
            return [], f"date {when!r} is not YYMMDD, YYYYMMDD, <date, >date or date-date"
    code = codes_text.split("/")[0]
    problem = f"several codes {codes_text}: eventcoder keeps the first" if "/" in codes_text else None
    if code == "---":
        return [CodeSpec(None, start, end, bool(when))], problem
    if ACTOR_CODE.match(code) or (any_code and code.isalnum()):
        return [CodeSpec(code, start, end, bool(when))], problem
    return [], f"code {code!r} is not a CAMEO code of three-letter parts"


def display_name(words: list[str]) -> str:
    """A readable name from PETRARCH's capitals: ``GONDOR`` -> ``Gondor``.

    A leading ``the`` stays lower case, which makes the whole name match in
    any case (``the Shire`` in mid-sentence), as PETRARCH does.
    """
    titled = [w.title() for w in words]
    if titled and titled[0] == "The":
        titled[0] = "the"
    return " ".join(titled)


def _name_words(text: str) -> list[str]:
    return text.replace("_", " ").split()


def read_actor_entries(paths: Iterable[Path], ignored: Ignored) -> list[ActorSpec]:
    """Every entry of every actor file, in file order."""
    entries: list[ActorSpec] = []
    for path in paths:
        entries += read_actor_lines(read_lines(path), ignored)
    return entries


def read_actor_lines(lines: Iterable[Line], ignored: Ignored, *, any_code: bool = False) -> list[ActorSpec]:
    """The entries of one actor file's meaningful lines (TABARI's reader passes its own lines)."""
    entries: list[ActorSpec] = []
    current: ActorSpec | None = None
    for line in lines:
        text = line.text.strip()
        brackets = _BRACKET.findall(text)
        body = _BRACKET.sub(" ", text).strip()
        if text.startswith("["):
            if current is None:
                ignored.add(line, "code line before any actor")
                continue
        elif text.startswith("+"):
            if current is None:
                ignored.add(line, "synonym before any actor")
                continue
            words = _name_words(body[1:])
            if words:
                current.names.append(display_name(words))
        else:
            words = _name_words(body)
            if not words:
                ignored.add(line, "empty actor name")
                current = None
                continue
            current = ActorSpec(line.where, [display_name(words)])
            entries.append(current)
        current.lines.append(line)
        for raw in brackets:
            specs, problem = parse_code_group(raw, any_code=any_code)
            if problem:
                ignored.add(line, problem, f"[{raw}]")
            current.codes.extend(specs)
    return entries


def disjoint_roles(codes: list[CodeSpec], keep_null: bool = False) -> list[DatedRole]:
    """Dated codes as non-overlapping roles that give the first-listed match.

    PETRARCH takes the first code whose dates hold; eventcoder sorts roles by
    their start. Cutting each period by the ones listed before it makes both
    readings give the same code on every day. Null codes (``---``) claim
    their period and then give no role (with ``keep_null``, TABARI's reading,
    the role ``---``: the actor is null-coded on those days).
    """
    taken: list[tuple[date, date]] = []
    roles: list[DatedRole] = []
    for spec in codes:
        if not spec.dated:
            continue
        pieces = [(spec.start or date.min, spec.end or date.max)]
        for t_start, t_end in taken:
            cut: list[tuple[date, date]] = []
            for p_start, p_end in pieces:
                if t_end < p_start or t_start > p_end:
                    cut.append((p_start, p_end))
                    continue
                if p_start < t_start:
                    cut.append((p_start, t_start - timedelta(days=1)))
                if t_end < p_end:
                    cut.append((t_end + timedelta(days=1), p_end))
            pieces = cut
        taken.append((spec.start or date.min, spec.end or date.max))
        if spec.code is None and not keep_null:
            continue
        for p_start, p_end in pieces:
            roles.append(DatedRole(spec.code or "---", None if p_start == date.min else p_start,
                                   None if p_end == date.max else p_end))
    roles.sort(key=lambda r: r.start or date.min)
    return roles


def classify(entries: list[ActorSpec], ignored: Ignored,
             keep_null: bool = False) -> tuple[list[CountrySpec], list[NamedSpec]]:
    """Split entries into countries (merged by code) and named actors (``keep_null``: see disjoint_roles)."""
    countries: dict[str, list[tuple[str, Where]]] = {}
    named: list[NamedSpec] = []
    for entry in entries:
        first = entry.lines[0]
        if not entry.codes:
            ignored.add(first, "actor without a code")
            continue
        undated = [c for c in entry.codes if not c.dated]
        if all(c.code is None for c in entry.codes):
            ignored.add(first, "actor with only the null code [---]")
            continue
        if len(entry.codes) == 1 and undated and undated[0].code and _COUNTRY.match(undated[0].code):
            countries.setdefault(undated[0].code, []).extend((n, entry.where) for n in entry.names)
            continue
        roles = disjoint_roles(entry.codes, keep_null)
        defaults = [c.code for c in undated if c.code]
        if len(defaults) > 1:
            ignored.add(first, f"several undated codes; the last ({defaults[-1]}) is used")
        if defaults:
            code = defaults[-1]
        else:
            code = roles[-1].code if roles else ""
            if undated:
                ignored.add(first, f"undated null code [---]: outside its dates the actor codes as {code}")
        if not code:
            ignored.add(first, "actor whose dated codes are all null")
            continue
        kind = "person" if roles else "organisation"
        named.append(NamedSpec(entry.names[0], tuple(entry.names[1:]), code, kind, tuple(roles), entry.where))
    country_specs = [CountrySpec(code, tuple(names)) for code, names in countries.items()]
    return country_specs, named
