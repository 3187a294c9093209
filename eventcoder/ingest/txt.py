"""A plain-text article: one file, one article, laid out as news sites print it.

The layout this reads (the seed article is an example)::

    Headline                                  <- title
    An optional subtitle                      <- kept as a paragraph
    Photo caption. (Photo: Agency)            <- dropped
    Nov. 20, 2024                             <- published, dropped from text
    CITY, Country (Source) First sentence...  <- dateline and source, prefix dropped
    ...
    Read More: another headline               <- dropped

Paragraphs are separated by blank lines. The text handed to the coder starts
with the title, so the headline is coded too; every character offset computed
later refers to that text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from eventcoder.enrich.dates import is_date_line, parse_date
from eventcoder.ingest.dateline import split_dateline
from eventcoder.ingest.records import MAX_RECORD_BYTES, bad_byte, file_reject
from eventcoder.model import Article, Location, Reject, RejectKind

HEADER_LINES = 8
"""Publication dates and datelines are looked for only this far into the file,
so a date or a capitalised phrase deep in the body is never mistaken for one."""

_NOISE_MARKERS = ("(photo:", "(afp photo", "(reuters/")
_NOISE_PREFIXES = ("photo:", "image:", "read more:", "related:", "also read:")

@dataclass(slots=True)
class _Paragraph:
    first_line: int  # position among the file's non-empty lines, from 1
    lines: list[str] = field(default_factory=list)


_BOM = b"\xef\xbb\xbf"


def read_txt(path: Path) -> Iterator[Article | Reject]:
    """Yield the one article of a .txt file; its id is the file stem.

    The file is the record, so a byte that is not UTF-8 rejects it whole,
    with the byte's offset.
    """
    size = path.stat().st_size
    if size > MAX_RECORD_BYTES:
        reason = f"file has {size:,} bytes; the record limit is {MAX_RECORD_BYTES:,}"
        yield file_reject(path, RejectKind.TOO_LARGE, reason)
        return
    data = path.read_bytes()
    start = len(_BOM) if data.startswith(_BOM) else 0
    try:
        raw = data[start:].decode("utf-8")
    except UnicodeDecodeError as err:
        reason, offset = bad_byte(err, start)
        yield file_reject(path, RejectKind.NOT_UTF8, reason, byte_offset=offset)
        return
    where = Location(str(path), "file")
    article = article_from_txt(raw, article_id=path.stem, origin=str(path), location=where)
    yield article if article is not None else file_reject(path, RejectKind.NO_TEXT, "file has no text")


def article_from_txt(
    raw: str, *, article_id: str, origin: str = "", location: Location | None = None
) -> Article | None:
    """Split a plain-text article into title, date, dateline and body text.

    Returns None when nothing is left once captions and link lines are gone.
    """
    published, paragraphs = _paragraphs(raw)
    if not paragraphs:
        return None
    head = paragraphs[0]
    title = head.lines.pop(0)
    if not head.lines:
        paragraphs.pop(0)
    dateline = source = None
    for index, paragraph in enumerate(paragraphs):
        if paragraph.first_line > HEADER_LINES:
            break
        found = split_dateline(paragraph.lines[0])
        if found:
            dateline, source, rest = found
            if rest:
                paragraph.lines[0] = rest
            else:
                paragraph.lines.pop(0)
            if not paragraph.lines:
                paragraphs.pop(index)
            break
    text = "\n\n".join([title, *("\n".join(p.lines) for p in paragraphs)])
    return Article(
        article_id=article_id,
        text=text,
        title=title,
        published=published,
        source=source,
        dateline=dateline,
        origin=origin,
        location=location,
    )


def _paragraphs(raw: str) -> tuple[date | None, list[_Paragraph]]:
    """Group kept lines into paragraphs and take the publication date out.

    Captions, "Read more" links and exact repeats of an earlier line are
    page furniture, not reporting, and would otherwise be coded as events.
    """
    published: date | None = None
    paragraphs: list[_Paragraph] = []
    seen: set[str] = set()
    count = 0
    open_paragraph = False
    for line in (line.strip() for line in raw.splitlines()):
        if not line:
            open_paragraph = False
            continue
        count += 1
        if line in seen or _is_noise(line):
            continue
        seen.add(line)
        if published is None and count <= HEADER_LINES and is_date_line(line):
            published = parse_date(line)
            if published is not None:
                continue
        if not open_paragraph:
            paragraphs.append(_Paragraph(first_line=count))
            open_paragraph = True
        paragraphs[-1].lines.append(line)
    return published, paragraphs


def _is_noise(line: str) -> bool:
    lower = line.lower()
    return lower.startswith(_NOISE_PREFIXES) or any(marker in lower for marker in _NOISE_MARKERS)
