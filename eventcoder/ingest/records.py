"""Turn one structured record (a dict from JSON, CSV or Parquet) into an Article.

All structured formats share these field rules, so a corpus can move between
formats without changing what gets coded:

- ``id`` or ``article_id`` names the article; without one the id is
  ``{file stem}-{N}`` where N is the line or record number shown in the origin,
  so an id can always be traced back to where it came from.
- ``text`` or ``body`` is required; ``title``, ``published``/``date``,
  ``source`` and ``url`` are optional.
- Every other field is kept, as a JSON object with sorted keys, in ``meta``;
  empty values (null, "") are left out, because CSV and Parquet give every
  record every column and an empty cell says nothing about the article.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from eventcoder.enrich.dates import parse_date
from eventcoder.ingest.dateline import split_dateline
from eventcoder.model import Article, Reject

RAW_LIMIT = 500
"""A Reject keeps this many characters of the offending record: enough to see
what went wrong, small enough that a corpus of bad records stays small."""

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


def record_to_article(record: Mapping[str, Any], *, stem: str, number: int, origin: str) -> Article:
    """Build the Article for one record, or raise RecordError saying why not."""
    body = _string(record, "text")
    if body is None:
        raise RecordError("record has no text (expected a non-empty 'text' or 'body' field)")
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
    return Article(
        article_id=_identifier(record) or f"{stem}-{number}",
        text=text,
        title=title,
        published=_published(_first(record, "published")),
        source=source,
        dateline=dateline.place if dateline is not None else None,
        url=_string(record, "url"),
        origin=origin,
        meta=json.dumps(meta, sort_keys=True, default=str, ensure_ascii=False) if meta else None,
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
        raise RecordError(f"field {name!r} must be a string, got {type(value).__name__}")
    return value.strip()


def _identifier(record: Mapping[str, Any]) -> str | None:
    """Ids are often numbers in JSON and Parquet; those are fine as text."""
    value = _first(record, "id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise RecordError(f"field 'id' must be a string or an integer, got {type(value).__name__}")
    return str(value).strip()


def _published(value: Any) -> date | None:
    """A date that does not parse is left out rather than losing the article."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    return None


def first_bad_utf8(path: Path, chunk_size: int = 1 << 20) -> str | None:
    """Describe the first byte that is not UTF-8, or None if the file is clean.

    Checked in one streaming pass before a file is parsed, because a text file
    with a bad byte is rejected whole: half-reading it would silently lose the
    records after the bad byte. Raises OSError if the file cannot be read.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    consumed = 0
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(chunk_size)
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as err:
                offset = consumed - pending + err.start
                byte = err.object[err.start]
                return f"not UTF-8: byte 0x{byte:02x} at byte offset {offset} ({err.reason})"
            if not chunk:
                return None
            consumed += len(chunk)


def file_reject(path: Path | str, reason: str) -> Reject:
    """One Reject standing for a whole file that could not be read."""
    return Reject(origin=str(path), locator="file", reason=reason)
