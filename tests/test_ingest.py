"""Tests for eventcoder.ingest: every format, directories, stdin and bad input."""

from __future__ import annotations

import csv
import errno
import io
import json
import string
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventcoder.ingest
from eventcoder.errors import InputError
from eventcoder.ingest import READERS, read_inputs
from eventcoder.model import Article, Reject, RejectKind, SkippedFile

DATA = Path(__file__).parent / "data" / "ingest"
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "000_6a4cc7c6ea953eb3.txt"

RECORDS: list[dict[str, Any]] = [
    {
        "id": "a1",
        "title": "Iran Rejects Talks",
        "text": "Iran rejected talks.",
        "published": "2024-11-20",
        "source": "Wire",
        "url": "https://example.org/a1",
        "lang": "en",
        "section": "world",
    },
    {"article_id": 7, "body": "Turkey shelled positions.", "date": "Nov. 21, 2024"},
    {"text": "No id and no title here.", "published": "not a date"},
]
"""The same three records in every structured format: an explicit id with all
known fields and two unknown ones, the alias spellings, and no id at all."""


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")


def _write_json(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text(json.dumps(records), encoding="utf-8")


def _write_csv(path: Path, records: list[dict[str, Any]]) -> None:
    columns = sorted({key for record in records for key in record})
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(records)


def _write_parquet(path: Path, records: list[dict[str, Any]]) -> None:
    columns = sorted({key for record in records for key in record})
    rows = [{key: record.get(key) for key in columns} for record in records]
    for row in rows:  # Parquet columns need one type: make ids text.
        if row["article_id"] is not None:
            row["article_id"] = str(row["article_id"])
    pq.write_table(pa.Table.from_pylist(rows), path)


def _articles(items: list[Article | Reject]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def _rejects(items: list[Article | Reject]) -> list[Reject]:
    return [item for item in items if isinstance(item, Reject)]


def _only_article(path: Path) -> Article:
    """The single item read from ``path``, which must be an Article."""
    [item] = read_inputs([path])
    assert isinstance(item, Article), item
    return item


# --- structured formats --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "write", "origins", "unknown_meta"),
    [
        ("news.jsonl", _write_jsonl, [":1", ":2", ":3"], '{"lang": "en", "section": "world"}'),
        ("news.ndjson", _write_jsonl, [":1", ":2", ":3"], '{"lang": "en", "section": "world"}'),
        ("news.json", _write_json, ["#1", "#2", "#3"], '{"lang": "en", "section": "world"}'),
        ("news.csv", _write_csv, [":2", ":3", ":4"], '{"lang": "en", "section": "world"}'),
        ("news.parquet", _write_parquet, ["#1", "#2", "#3"], '{"lang": "en", "section": "world"}'),
    ],
)
def test_structured_formats_read_the_same_articles(
    tmp_path: Path,
    name: str,
    write: Callable[[Path, list[dict[str, Any]]], None],
    origins: list[str],
    unknown_meta: str,
) -> None:
    path = tmp_path / name
    write(path, RECORDS)
    items = list(read_inputs([path]))
    assert _rejects(items) == []
    first, second, third = _articles(items)

    assert first.article_id == "a1"
    assert first.title == "Iran Rejects Talks"
    assert first.text == "Iran Rejects Talks\n\nIran rejected talks."
    assert first.published == date(2024, 11, 20)
    assert (first.source, first.url) == ("Wire", "https://example.org/a1")
    assert first.meta == unknown_meta

    assert second.article_id == "7"
    assert second.title is None
    assert second.text == "Turkey shelled positions."
    assert second.published == date(2024, 11, 21)

    number = origins[2][1:]
    assert third.article_id == f"news#{number}"
    assert third.published is None  # an unparsable date keeps the record
    assert (second.meta, third.meta) == (None, None)  # empty cells are not metadata
    assert [a.origin for a in (first, second, third)] == [f"{path}{o}" for o in origins]


def test_json_single_object_is_one_article(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"text": "Only one.", "extra": [1, 2]}), encoding="utf-8")
    article = _only_article(path)
    assert article == Article(
        article_id="one#1", text="Only one.", origin=f"{path}#1", meta='{"extra": [1, 2]}'
    )


def test_parquet_native_types(tmp_path: Path) -> None:
    path = tmp_path / "typed.parquet"
    table = pa.table(
        {
            "id": pa.array([10, 11], pa.int64()),
            "text": ["First.", "Second."],
            "published": pa.array([date(2023, 1, 2), None], pa.date32()),
            "date": pa.array([None, datetime(2023, 5, 6, 7, 8)], pa.timestamp("s")),
        }
    )
    pq.write_table(table, path)
    articles = _articles(list(read_inputs([path])))
    assert [(a.article_id, a.published) for a in articles] == [
        ("10", date(2023, 1, 2)),
        ("11", date(2023, 5, 6)),
    ]


def test_parquet_is_read_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("eventcoder.ingest.parquetfile.BATCH_SIZE", 2)
    path = tmp_path / "many.parquet"
    pq.write_table(pa.table({"text": [f"Text {n}." for n in range(5)]}), path, row_group_size=2)
    articles = _articles(list(read_inputs([path])))
    assert [a.article_id for a in articles] == [f"many#{n}" for n in range(1, 6)]


@pytest.mark.parametrize(
    ("record", "text"),
    [
        ({"title": "Head", "text": "Body."}, "Head\n\nBody."),
        ({"title": "Head", "text": "Head: the body repeats it."}, "Head: the body repeats it."),
        ({"title": "  ", "text": "  Body only.  "}, "Body only."),
        ({"text": "", "body": "Body wins when text is empty."}, "Body wins when text is empty."),
    ],
)
def test_text_is_title_then_body(tmp_path: Path, record: dict[str, Any], text: str) -> None:
    path = tmp_path / "t.jsonl"
    _write_jsonl(path, [record])
    article = _only_article(path)
    assert article.text == text


# --- plain text ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title", "published", "dateline", "source", "text"),
    [
        (
            "geneva_reuters.txt",
            "UN Rights Chief Urges Ceasefire in Sudan",
            None,
            "GENEVA",
            "Reuters",
            "UN Rights Chief Urges Ceasefire in Sudan\n\n"
            "The U.N. human rights chief on Tuesday urged the warring parties in Sudan to agree"
            " to a ceasefire.\n\n"
            "He said civilians were paying the price of the fighting.",
        ),
        (
            "kyiv_dash.txt",
            "Ukraine Says It Downed Russian Drones",
            date(2024, 3, 5),
            "KYIV, Ukraine",
            None,
            "Ukraine Says It Downed Russian Drones\n\n"
            "Air force reports a large overnight attack\n\n"
            "Ukraine's air force said on Tuesday it shot down 38 drones launched by Russia"
            " overnight.",
        ),
        (
            "plain.txt",
            "Talks Resume in Doha",
            None,
            None,
            None,
            "Talks Resume in Doha\n\n"
            "Negotiators met on Sunday.\nThe talks lasted four hours.\n\n"
            "Qatar said the next round would follow.",
        ),
    ],
)
def test_txt_layout(
    name: str,
    title: str,
    published: date | None,
    dateline: str | None,
    source: str | None,
    text: str,
) -> None:
    article = _only_article(DATA / name)
    assert article == Article(
        article_id=Path(name).stem,
        text=text,
        title=title,
        published=published,
        source=source,
        dateline=dateline,
        origin=str(DATA / name),
    )


DATELINES = [
    ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON", "AP", "The Senate voted."),
    ("NEW YORK, Nov 20 (Reuters) - Shares fell.", "NEW YORK", "Reuters", "Shares fell."),
    ("BEIRUT, Lebanon -- Israel struck.", "BEIRUT, Lebanon", None, "Israel struck."),
    ("The U.S. has pressed Baghdad.", None, None, "The U.S. has pressed Baghdad."),
    ("NATO (the alliance) met.", None, None, "NATO (the alliance) met."),
    ("US: Iraq must act.", None, None, "US: Iraq must act."),
]


@pytest.mark.parametrize(("first_paragraph", "dateline", "source", "rest"), DATELINES)
def test_record_dateline(
    tmp_path: Path, first_paragraph: str, dateline: str | None, source: str | None, rest: str
) -> None:
    """A record's text loses its opening dateline too; a source field given by the record wins."""
    path = tmp_path / "wire.jsonl"
    records = [{"id": "a", "text": first_paragraph}, {"id": "b", "text": first_paragraph, "source": "Given"}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    first, second = list(read_inputs([path]))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.dateline, first.source, first.text) == (dateline, source, rest)
    assert (second.dateline, second.source, second.text) == (dateline, "Given", rest)


@pytest.mark.parametrize(("first_paragraph", "dateline", "source", "rest"), DATELINES)
def test_txt_dateline(
    tmp_path: Path, first_paragraph: str, dateline: str | None, source: str | None, rest: str
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"Headline\n\n{first_paragraph}\n", encoding="utf-8")
    article = _only_article(path)
    assert (article.dateline, article.source, article.text) == (
        dateline,
        source,
        f"Headline\n\n{rest}",
    )


def test_txt_header_window_limits_dates_and_datelines(tmp_path: Path) -> None:
    filler = "\n\n".join(f"Paragraph {n}." for n in range(10))
    path = tmp_path / "late.txt"
    path.write_text(
        f"Headline\n\n{filler}\n\n2024-01-01\n\nPARIS (AFP) - Late.\n", encoding="utf-8"
    )
    article = _only_article(path)
    assert (article.published, article.dateline) == (None, None)
    assert article.text.endswith("2024-01-01\n\nPARIS (AFP) - Late.")


def test_seed_article() -> None:
    if not SEED.exists():
        pytest.skip("../shared is absent")
    article = _only_article(SEED)
    assert article.article_id == SEED.stem
    assert article.title == "US Calls on Iraq to Halt Militia Attacks on Israel"
    assert article.published == date(2024, 11, 20)
    assert article.dateline == "WASHINGTON DC, United States"
    assert article.source == "Kurdistan 24"
    assert article.text.startswith(
        "US Calls on Iraq to Halt Militia Attacks on Israel\n\n"
        "Initially, Iraq turned to Tehran to help restrain the militias, but Iran refused"
    )
    assert "(Photo:" not in article.text
    assert "Read More" not in article.text
    assert "Nov. 20, 2024" not in article.text
    assert "\n\nThe U.S. has pressed the Baghdad government" in article.text
    assert "(Kurdistan 24)" not in article.text


# --- directories and stdin ----------------------------------------------


def _tree(root: Path) -> None:
    for relative in [
        "b/2.txt",
        "b/10.txt",
        "a.txt",
        "a-b/z.txt",
        ".hidden.txt",
        ".git/x.txt",
        "c/notes.md",
    ]:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{relative}\n\nBody of {relative}.\n", encoding="utf-8")


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = list(read_inputs([tmp_path]))
    assert [a.title for a in _articles(items)] == ["a-b/z.txt", "a.txt", "b/10.txt", "b/2.txt"]
    assert _rejects(items) == []
    assert [i for i in items if isinstance(i, SkippedFile)] == [SkippedFile(str(tmp_path / "c" / "notes.md"))]
    assert list(read_inputs([tmp_path])) == items


def test_stdin_is_jsonl() -> None:
    stdin = io.StringIO('{"id": "s1", "text": "From stdin."}\n\n{"text": "Second."}\nnot json\n')
    items = list(read_inputs(["-"], stdin=stdin))
    assert [(a.article_id, a.origin) for a in _articles(items)] == [
        ("s1", "<stdin>:1"),
        ("stdin#3", "<stdin>:3"),
    ]
    [reject] = _rejects(items)
    assert (reject.origin, reject.locator, reject.raw) == ("<stdin>", "line 4", "not json")


def test_inputs_are_read_in_the_order_given(tmp_path: Path) -> None:
    _write_jsonl(tmp_path / "x.jsonl", [{"id": "x", "text": "X."}])
    stdin = io.StringIO('{"id": "s", "text": "S."}\n')
    items = read_inputs([DATA / "plain.txt", "-", tmp_path / "x.jsonl"], stdin=stdin)
    assert [a.article_id for a in _articles(list(items))] == ["plain", "s", "x"]


def test_missing_paths_fail_before_reading(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    _write_jsonl(good, [{"text": "Fine."}])
    with pytest.raises(InputError) as caught:
        read_inputs([good, tmp_path / "nope.jsonl", tmp_path / "gone"])
    assert "nope.jsonl" in str(caught.value) and "gone" in str(caught.value)
    with pytest.raises(InputError):
        read_inputs([])


# --- bad input -----------------------------------------------------------

GOOD = '{"id": "before", "text": "Good before."}\n'
AFTER = '{"id": "after", "text": "Good after."}\n'


@pytest.mark.parametrize(
    ("name", "content", "locator", "reason", "raw"),
    [
        (
            "bad.jsonl",
            GOOD + '{"id": "x", "text": \n' + AFTER,
            "line 2",
            "invalid JSON: Expecting value",
            '{"id": "x", "text": ',
        ),
        (
            "list.jsonl",
            GOOD + "[1, 2]\n" + AFTER,
            "line 2",
            "expected a JSON object, got an array",
            "[1, 2]",
        ),
        (
            "empty.jsonl",
            GOOD + '{"id": "e", "text": "   "}\n' + AFTER,
            "line 2",
            "record has no text",
            None,
        ),
        (
            "typed.jsonl",
            GOOD + '{"id": "n", "text": 5}\n' + AFTER,
            "line 2",
            "'text' must be a string",
            None,
        ),
        (
            "badid.jsonl",
            GOOD + '{"id": [1], "text": "T"}\n' + AFTER,
            "line 2",
            "'id' must be a string",
            None,
        ),
        (
            "items.json",
            '[{"id": "before", "text": "Good before."}, 3, {"id": "after", "text": "Good after."}]',
            "record 2",
            "expected a JSON object, got a number",
            "3",
        ),
        (
            "notext.json",
            '[{"id": "before", "text": "Good before."}, {"id": "n"}, '
            '{"id": "after", "text": "Good after."}]',
            "record 2",
            "record has no text",
            '{"id": "n"}',
        ),
        (
            "rows.csv",
            'id,text\nbefore,Good before.\nx,"one",extra\nafter,Good after.\n',
            "line 3",
            "row has 3 fields but the header has 2",
            None,
        ),
        (
            "blank.csv",
            "id,text\nbefore,Good before.\nx,\nafter,Good after.\n",
            "line 3",
            "record has no text",
            None,
        ),
    ],
)
def test_bad_record_is_rejected_and_neighbours_survive(
    tmp_path: Path, name: str, content: str, locator: str, reason: str, raw: str | None
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    items = list(read_inputs([path]))
    assert [a.article_id for a in _articles(items)] == ["before", "after"]
    [reject] = _rejects(items)
    assert (reject.origin, reject.locator) == (str(path), locator)
    assert reason in reject.reason
    if raw is not None:
        assert reject.raw == raw
    assert items[1] == reject  # in place, between its neighbours


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        (
            "latin1.txt",
            "Title\n\nCaf\xe9".encode("latin-1"),
            "not UTF-8: byte 0xe9 at byte offset 10",
        ),
        ("badheader.csv", b"te\xffxt\nok\n", "CSV header row is not UTF-8: byte 0xff at byte offset 2"),
        (
            "nocolumn.csv",
            b"id,content\n1,hello\n",
            "CSV has no 'text' or 'body' column (columns: id, content)",
        ),
        ("empty.csv", b"", "CSV file is empty"),
        ("broken.json", b'[{"text": "a"},', "invalid JSON"),
        ("scalar.json", b'"just a string"', "expected a JSON object or array, got a string"),
        ("empty.txt", b"\n  \n", "file has no text"),
        ("captions.txt", b"Photo: a\nRead more: b\n", "file has no text"),
        ("corrupt.parquet", b"PAR1 this is not parquet PAR1", "not a readable Parquet file"),
        ("nocolumn.parquet", None, "Parquet file has no 'text' or 'body' column (columns: id)"),
        ("notes.docx", b"whatever", "unsupported file type '.docx'"),
        ("README", b"whatever", "unsupported file type '(no extension)'"),
    ],
)
def test_bad_file_is_one_reject_and_the_run_goes_on(
    tmp_path: Path, name: str, content: bytes | None, reason: str
) -> None:
    path = tmp_path / name
    if content is None:
        pq.write_table(pa.table({"id": [1]}), path)
    else:
        path.write_bytes(content)
    good = tmp_path / "zz_good.jsonl"
    _write_jsonl(good, [{"id": "next", "text": "Next file."}])
    reject, article = read_inputs([path, good])
    assert isinstance(reject, Reject) and isinstance(article, Article)
    assert (reject.origin, reject.locator, reject.raw) == (str(path), "file", None)
    assert reason in reject.reason
    assert article.article_id == "next"


def test_unreadable_file_is_a_reject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(path: Path) -> Iterator[Article | Reject]:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))
        yield  # a generator, like every reader

    monkeypatch.setattr(eventcoder.ingest, "READERS", {**READERS, ".jsonl": denied})
    path = tmp_path / "locked.jsonl"
    _write_jsonl(path, [{"text": "Locked."}])
    [reject] = read_inputs([path])
    assert reject == Reject(
        str(path), "file", "could not be read: Permission denied", kind=RejectKind.UNREADABLE
    )


def test_io_error_mid_file_keeps_what_was_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(path: Path) -> Iterator[Article | Reject]:
        yield Article(article_id="first", text="Read fine.")
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(eventcoder.ingest, "READERS", {**READERS, ".jsonl": failing})
    path = tmp_path / "disk.jsonl"
    path.write_text("{}\n", encoding="utf-8")
    assert list(read_inputs([path])) == [
        Article(article_id="first", text="Read fine."),
        Reject(str(path), "file", "could not be read: Input/output error", kind=RejectKind.UNREADABLE),
    ]


def test_reject_raw_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text('{"text": ' + "x" * 2000 + "\n", encoding="utf-8")
    [reject] = read_inputs([path])
    assert isinstance(reject, Reject) and reject.raw is not None and len(reject.raw) == 500


# --- round trip ----------------------------------------------------------

_records = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.text(string.ascii_letters + string.digits + "-_", min_size=1, max_size=12),
            "title": st.one_of(st.none(), st.text(max_size=30)),
            "text": st.text(min_size=1, max_size=80).filter(lambda s: s.strip() != ""),
        }
    ),
    max_size=8,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=_records)
def test_jsonl_round_trip(tmp_path: Path, records: list[dict[str, Any]]) -> None:
    path = tmp_path / "round.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    expected = []
    for number, record in enumerate(records, start=1):
        title = (record["title"] or "").strip() or None
        body = record["text"].strip()
        text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
        expected.append(
            Article(article_id=record["id"], text=text, title=title, origin=f"{path}:{number}")
        )
    assert list(read_inputs([path])) == expected
