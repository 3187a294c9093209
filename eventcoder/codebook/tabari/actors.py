"""Read TABARI actor dictionaries (``*.actors``): PETRARCH's entry syntax plus TABARI's extras.

An entry is a name line, ``+`` synonyms and codes (on the name line or on
indented lines below), read by the PETRARCH reader. TABARI adds:

- ``<NOUN>``/``<ADJECTIVE>`` sections: words without codes, kept as lists;
- ``[###]`` (discard) and ``[+++]`` (complex) codes: the entry's names become
  sentence discard phrases; a dated one is reported (discards have no dates);
- stems: a name whose last word has no ``_`` matches words that begin with
  it (``ERIADOR`` matches ``Eriadori``). eventcoder matches whole words, so
  such a name also gets the endings TABARI's demonyms take (STEM_ENDINGS);
  every name but ``NAME=`` gets its plural ``S`` (TABARI's regular ending).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..petrarch.actors import ActorSpec, read_actor_lines
from ..petrarch.source import Ignored, Line
from ..petrarch.verbs import _words
from .codes import CodeKind, parse_tabari_code
from .source import Unsupported, read_tabari_lines

_BRACKET = re.compile(r"\[([^\]]*)\]")
STEM_ENDINGS = ("i", "is", "n", "ns", "an", "ans", "ian", "ians", "a", "e", "ese", "ish", "ic")
"""Endings a stem actor name also matches with (``Arnorian``, ``Dagolathi``, ``Syrian``)."""


@dataclass
class TabariActors:
    entries: list[ActorSpec] = field(default_factory=list)
    discards: list[str] = field(default_factory=list)
    complex: list[str] = field(default_factory=list)
    nouns: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    # names written with blanks (other words may stand between their segments), by
    # (file, entry line, folded name): the segments' word counts
    gapped: dict[tuple[str, int, str], tuple[int, ...]] = field(default_factory=dict)


def _groups(lines: Iterable[Line]) -> list[list[Line]]:
    """Lines per entry: a name line, then its ``+`` synonyms and ``[code]`` lines."""
    groups: list[list[Line]] = []
    for line in lines:
        text = line.text.strip()
        if text.startswith(("+", "[")) and groups:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _name(text: str) -> str:
    body = _BRACKET.sub(" ", text).strip().lstrip("+").strip()
    return " ".join(w for t in body.replace("=", " ").replace("_", " ").split() for w in _words(t))


def _special(group: list[Line], result: TabariActors, ignored: Ignored) -> list[Line]:
    """The group's lines without their special codes, which become discard phrases."""
    kept: list[Line] = []
    for line in group:
        text = line.text
        for raw in _BRACKET.findall(line.text):
            token = raw.split()[0] if raw.split() else ""
            code = parse_tabari_code(token)
            if code is None or code.kind not in (CodeKind.DISCARD, CodeKind.COMPLEX):
                continue
            text = text.replace(f"[{raw}]", " ")
            if len(raw.split()) > 1:
                ignored.add(line, Unsupported.DATED_SPECIAL_CODE, f"[{raw}]")
                continue
            names = [n for n in (_name(g.text) for g in group if not g.text.strip().startswith("[")) if n]
            (result.discards if code.kind is CodeKind.DISCARD else result.complex).extend(names)
        if "=" in _BRACKET.sub(" ", text):
            ignored.add(line, Unsupported.EXACT_FORM, text.strip())
            text = text.replace("=", " ")
        if _BRACKET.sub(" ", text).strip() or _BRACKET.search(text):
            kept.append(Line(line.file, line.number, text, line.raw))
    return kept


def _with_variants(line: Line) -> list[Line]:
    """A name line and synthetic ``+`` synonym lines for the forms TABARI's stemming matches."""
    text = line.text.strip()
    body = _BRACKET.sub(" ", text).strip().lstrip("+").strip()
    exact = "=" in _BRACKET.sub(" ", line.raw.split(";")[0])  # NAME=: no regular endings
    if not body or text.startswith("[") or body.endswith("=") or exact:
        return [line]
    last = body.split()[-1].split("_")[-1] if not body.endswith("_") else ""
    endings = ["s"] if body.endswith("_") else []
    if last.isalpha() and len(last) >= 3:
        endings = ["s", *STEM_ENDINGS]
    stem = body.rstrip("_")
    return [line, *(Line(line.file, line.number, f"+{stem}{e.upper()}", line.raw) for e in endings)]


def _note_gaps(lines: list[Line], first: Line, result: TabariActors) -> None:
    """Record the names of an entry that have blanks between words (TABARI: other words may come between)."""
    for line in lines:
        body = _BRACKET.sub(" ", line.text).strip().lstrip("+").strip().replace("=", " ")
        parts = [[w for t in part.replace("_", " ").split() for w in _words(t)] for part in body.split()]
        parts = [p for p in parts if p]
        if len(parts) > 1:
            name = " ".join(w for p in parts for w in p).lower()
            result.gapped[(first.file, first.number, name)] = tuple(len(p) for p in parts)


def read_actors(paths: Iterable[Path], ignored: Ignored) -> TabariActors:
    """Every entry, noun and adjective of every actor file, in file order."""
    result = TabariActors()
    for path in paths:
        entry_lines: list[Line] = []
        for item in read_tabari_lines(path):
            if item.section in ("NOUN", "ADJECTIVE"):
                word = _name(item.line.text)
                if word:
                    (result.nouns if item.section == "NOUN" else result.adjectives).append(word)
                    if item.section != "NOUN":  # nouns keep a verb from coding (TabariRules.nouns)
                        ignored.add(item.line, Unsupported.NOUN_ADJECTIVE)
            elif item.section:
                ignored.add(item.line, Unsupported.UNKNOWN_SECTION)
            else:
                entry_lines.append(item.line)
        for group in _groups(entry_lines):
            kept = _special(group, result, ignored)
            if kept and (len(kept) > 1 or _BRACKET.search(kept[0].text)):
                lines = [v for line in kept for v in _with_variants(line)]
                _note_gaps(lines, group[0], result)
                result.entries += read_actor_lines(lines, ignored, any_code=True)
    return result
