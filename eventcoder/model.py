"""Plain, immutable records that flow between the pipeline stages.

Every stage is a pure function from some of these records to others; only the
writer turns them into Arrow tables. Offsets are character offsets into the
article text (``Article.text``), so a mention can always be traced back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class Location:
    """Where in the input a record was read: its file, and the line or record in it.

    ``locator`` is what a person reads ("line 3", "record 2", "file"); ``line``
    is the same line as a number when the format has lines.
    """

    file: str
    locator: str
    line: int | None = None

    def __str__(self) -> str:
        return self.file if self.locator == "file" else f"{self.file} {self.locator}"


@dataclass(frozen=True, slots=True)
class Article:
    """One input document, as read from a file or stream.

    ``location`` says where it was read (readers set it; ``None`` for an
    article built in code), so a later check can name the file and line.
    """

    article_id: str
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    dateline: str | None = None
    origin: str = ""
    meta: str | None = None
    location: Location | None = field(default=None, compare=False)  # where, not what: not part of equality


class RejectKind(str, Enum):
    """Why an input record was rejected: what code branches on, and the ``kind`` column of ``rejects/``.

    The reject's ``reason`` is the message for people; it may change wording,
    these values do not.
    """

    UNSUPPORTED_FILE = "unsupported_file"
    UNREADABLE = "unreadable"
    NOT_UTF8 = "not_utf8"
    INVALID_TEXT = "invalid_text"
    INVALID_JSON = "invalid_json"
    NOT_AN_OBJECT = "not_an_object"
    INVALID_CSV = "invalid_csv"
    INVALID_PARQUET = "invalid_parquet"
    EMPTY_FILE = "empty_file"
    MISSING_COLUMN = "missing_column"
    NO_TEXT = "no_text"
    BAD_FIELD = "bad_field"
    TOO_LARGE = "too_large"
    DUPLICATE_ID = "duplicate_id"
    RESERVED_ID = "reserved_id"


@dataclass(frozen=True, slots=True)
class Reject:
    """An input record that could not be read; it lands in ``rejects/``.

    ``origin`` is the file, ``locator`` the place in it ("line 3", "record 2",
    "file"); ``line`` and ``byte_offset`` give the same place as numbers where
    the format has them (the offset is that of the first undecodable byte).
    """

    origin: str
    locator: str
    reason: str
    raw: str | None = None
    kind: RejectKind = field(kw_only=True)
    line: int | None = field(default=None, kw_only=True)
    byte_offset: int | None = field(default=None, kw_only=True)


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file inside an input directory that is not in an input format (a README, a .docx).

    It is not data, so it is not a reject; the run still tells the user which
    files it skipped.
    """

    path: str


class Token(NamedTuple):
    """A word or mark with its offsets; a tuple because a corpus makes millions of them."""

    text: str
    lower: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    text: str
    start: int
    end: int
    tokens: tuple[Token, ...] = ()


@dataclass(slots=True)
class ActorMention:
    """An actor phrase found in a sentence, already resolved to a code.

    ``key`` identifies the actor across mentions: a codebook entry id for known
    actors, the folded name for unknown ones. ``how`` says how it was found.

    A value never changed once made (``dataclasses.replace`` makes another),
    but not declared frozen: a corpus makes millions of mentions, and a
    frozen dataclass's ``__init__`` costs twice as much.
    """

    first: int
    last: int
    char_start: int
    char_end: int
    text: str
    code: str
    name: str
    key: str
    how: str
    country: str | None = None
    role: str | None = None
    rule: str | None = None
    is_person: bool = False
    score: float | None = None  # the fuzzy score (0..100) when how == "fuzzy"


NOBODY = ActorMention(-1, -1, -1, -1, "", "", "", "", "")
"""The side of an event the text does not name ("a trader was shot dead"): written as nulls."""


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression resolved against the article's publication date."""

    char_start: int
    char_end: int
    text: str
    value: date
    precision: str


@dataclass(slots=True)
class EventMention:
    """One coded event in one sentence: the row of ``mentions/``.

    Never changed once made, but not declared frozen, for speed (see :class:`ActorMention`).
    """

    article_id: str
    sentence_index: int
    sentence_text: str
    char_start: int
    char_end: int
    source: ActorMention
    target: ActorMention
    event_code: str
    pattern_id: str
    verb_text: str
    event_date: date | None = None
    date_precision: str | None = None
    location_name: str | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    fatalities: int | None = None
    notes: tuple[str, ...] = field(default=())
    admin1: str | None = None
    geo_precision: int | None = None  # 1 the town, 2 a region or near a town, 3 a country
    geo_feature_id: str | None = None


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """Everything the coder produced for one article."""

    article: Article
    n_sentences: int
    mentions: tuple[EventMention, ...]
    status: str = "ok"
    actors: tuple[tuple[int, ActorMention], ...] = ()  # every actor phrase, with its sentence index
