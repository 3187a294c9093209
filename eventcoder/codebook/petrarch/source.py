"""Read PETRARCH/TABARI dictionary files as numbered lines without comments.

All PETRARCH dictionaries share one comment syntax: a line starting with ``#``
or ``<!`` is skipped, ``<!-- ... -->`` may span lines, and ``#`` (or TABARI's
``;``) starts a trailing comment (except inside ``[...]``, where TABARI codes
such as ``[###]`` live). Blank lines carry no meaning and are dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..entries import Where


@dataclass(frozen=True, slots=True)
class Line:
    """One meaningful line of a dictionary file: its text without comments."""

    file: str
    number: int
    text: str
    raw: str

    @property
    def where(self) -> Where:
        return Where(self.file, self.number)


@dataclass(frozen=True, slots=True)
class IgnoredLine:
    """A line (or part of one) the reader could not express, and why."""

    file: str
    line: int
    text: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}: {self.text.strip()}"


@dataclass
class Ignored:
    """Collects ignored lines while the readers walk the files."""

    items: list[IgnoredLine] = field(default_factory=list)

    def add(self, line: Line, reason: str, text: str | None = None) -> None:
        self.items.append(IgnoredLine(line.file, line.number, text if text is not None else line.raw, reason))

    def add_at(self, where: Where, text: str, reason: str) -> None:
        self.items.append(IgnoredLine(where.file, where.line, text, reason))


def strip_comment(text: str, marks: str = "#;") -> str:
    """``text`` without a trailing comment (from one of ``marks``); a mark inside ``[...]`` is kept.
    ``;`` is TABARI's comment mark, still found in old PETRARCH lines."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch in marks and depth == 0:
            return text[:i]
    return text


def read_lines(path: Path) -> Iterator[Line]:
    """The meaningful lines of ``path``, numbered from 1, comments removed."""
    name = path.name
    in_comment = False
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, start=1):
            raw = raw.rstrip("\r\n")
            text = raw
            if in_comment:
                end = text.find("-->")
                if end < 0:
                    continue
                in_comment = False
                text = text[end + 3 :]
            while "<!--" in text:
                start = text.find("<!--")
                end = text.find("-->", start + 4)
                if end < 0:
                    in_comment = True
                    text = text[:start]
                    break
                text = text[:start] + text[end + 3 :]
            if text.lstrip().startswith(("#", "<!")):
                continue
            text = strip_comment(text)
            if text.strip():
                yield Line(name, number, text.rstrip(), raw)
