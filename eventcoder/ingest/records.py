"""Turn one structured record (a dict from JSON, CSV or Parquet) into an Article.

All structured formats share these field rules, so a corpus can move between
formats without changing what gets coded:

- ``id`` or ``article_id`` names the article; without one the id is
  ``{file stem}#{N}`` where N is the line or record number shown in the origin,
  so an id can always be traced back to where it came from. Given ids may
  not end in ``#`` and digits: that form is kept for generated ids, so a
  generated id can never take the id another record gives itself.
- ``text`` or ``body`` is required; ``title``, ``published``/``date``,
  ``source`` and ``url`` are optional.
- Every other field is kept, as a JSON object with sorted keys, in ``meta``;
  empty values (null, "") are left out, because CSV and Parquet give every
  record every column and an empty cell says nothing about the article.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from eventcoder.enrich.dates import parse_date
from eventcoder.ingest.dateline import split_dateline
from eventcoder.model import Article, Location, Reject, RejectKind

RAW_LIMIT = 500
"""A Reject keeps this many characters of the offending record: enough to see
what went wrong, small enough that a corpus of bad records stays small."""

MAX_RECORD_BYTES = 32 * 1024 * 1024
"""The largest record any reader accepts (32 MiB): a JSONL line or a .txt file
in bytes, a CSV field or an article's text in characters. Larger records are
rejected (``too_large``) instead of being read into memory whole."""

_SURROGATE = re.compile("[\ud800-\udfff]")
_RESERVED_ID = re.compile(r"#\d+$")

_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id"),
    "title": ("title",),
    "text": ("text", "body"),
    "published": ("published", "date"),
    "source": ("source",),
    "url": ("url",),
}
_KNOWN = frozenset(key for keys in _ALIASES.values() for key in keys)


class RecordError(ValueError):
    """A record that cannot become an Article; the message is the Reject reason."""

    def __init__(self, kind: RejectKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def generated_id(stem: str, number: int) -> str:
    """The id of a record that gives none: its file stem and its line or record number."""
    return f"{stem}#{number}"


def reject_at(
    where: Location, kind: RejectKind, reason: str, raw: str | None = None, byte_offset: int | None = None
) -> Reject:
    """A Reject for the record at ``where``; characters Parquet cannot store are shown as U+FFFD in ``raw``."""
    if raw is not None and has_surrogates(raw):
        raw = _SURROGATE.sub("\ufffd", raw)
    return Reject(where.file, where.locator, reason, raw, kind=kind, line=where.line, byte_offset=byte_offset)


def bad_byte(err: UnicodeDecodeError, base: int = 0) -> tuple[str, int]:
    """The reason and the file byte offset for a decode error in bytes that start at ``base``."""
    offset = base + err.start
    byte = err.object[err.start]
    return f"not UTF-8: byte 0x{byte:02x} at byte offset {offset} ({err.reason})", offset


def has_surrogates(text: str) -> bool:
    """True for text holding lone surrogates: undecodable bytes or bad JSON escapes, which Parquet cannot store."""
    return not text.isascii() and _SURROGATE.search(text) is not None


def raw_snippet(value: Any) -> str:
    """The start of a record as text, for ``Reject.raw``."""
    text = value if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)
    return text[:RAW_LIMIT]


def json_kind(value: Any) -> str:
    """Name a parsed JSON value the way JSON does, for messages."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object" if isinstance(value, dict) else "null"


def record_to_article(
    record: Mapping[str, Any], *, stem: str, number: int, origin: str, location: Location | None = None
) -> Article:
    """Build the Article for one record, or raise RecordError saying why not."""
    body = _string(record, "text")
    if body is None:
        raise RecordError(RejectKind.NO_TEXT, "record has no text (expected a non-empty 'text' or 'body' field)")
    if len(body) > MAX_RECORD_BYTES:
        raise RecordError(RejectKind.TOO_LARGE, f"text has {len(body):,} characters; the limit is {MAX_RECORD_BYTES:,}")
    title = _string(record, "title")
    source = _string(record, "source")
    dateline = split_dateline(body)
    if dateline is not None and dateline.rest:
        body, source = dateline.rest, source or dateline.source
    else:
        dateline = None
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    meta = {
        str(key): value
        for key, value in record.items()
        if key not in _KNOWN and value is not None and value != ""
    }
    article = Article(
        article_id=_identifier(record) or generated_id(stem, number),
        text=text,
        title=title,
        published=_published(_first(record, "published")),
        source=source,
        dateline=dateline.place if dateline is not None else None,
        url=_string(record, "url"),
        origin=origin,
        meta=json.dumps(meta, sort_keys=True, default=str, ensure_ascii=False) if meta else None,
        location=location,
    )
    _check_encodable(article)
    return article


def _check_encodable(article: Article) -> None:
    """Refuse text that cannot be written as UTF-8, naming the field, rather than fail at the writer."""
    for name in ("article_id", "text", "title", "source", "url", "dateline", "meta"):
        value = getattr(article, name)
        if value is not None and has_surrogates(value):
            raise RecordError(
                RejectKind.INVALID_TEXT, f"field {name!r} holds characters that are not valid Unicode (lone surrogates)"
            )


def _first(record: Mapping[str, Any], name: str) -> Any:
    """The first non-empty value among a field's aliases (``text``, then ``body``)."""
    for key in _ALIASES[name]:
        value = record.get(key)
        if value is not None and not (isinstance(value, str) and not value.strip()):
            return value
    return None


def _string(record: Mapping[str, Any], name: str) -> str | None:
    """A text field, stripped. A number where text belongs is a data error, not
    something to guess about, so it rejects the record."""
    value = _first(record, name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(RejectKind.BAD_FIELD, f"field {name!r} must be a string, got {type(value).__name__}")
    return value.strip()


def _identifier(record: Mapping[str, Any]) -> str | None:
    """Ids are often numbers in JSON and Parquet; those are fine as text."""
    value = _first(record, "id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise RecordError(
            RejectKind.BAD_FIELD, f"field 'id' must be a string or an integer, got {type(value).__name__}"
        )
    identifier = str(value).strip()
    if _RESERVED_ID.search(identifier):
        raise RecordError(
            RejectKind.RESERVED_ID,
            f"id {identifier!r} ends in '#' and a number, the form kept for the ids of records that give none",
        )
    return identifier


def _published(value: Any) -> date | None:
    """A date that does not parse is left out rather than losing the article."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    return None


def file_reject(path: Path | str, kind: RejectKind, reason: str, byte_offset: int | None = None) -> Reject:
    """One Reject standing for a whole file that could not be read."""
    return Reject(str(path), "file", reason, kind=kind, byte_offset=byte_offset)
