"""Issue 11, items 2 and 10: one bad byte or one big record costs one record, never the file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import eventcoder.ingest.jsonl
import eventcoder.ingest.records
import eventcoder.ingest.txt
from eventcoder.ingest import read_inputs
from eventcoder.model import Article, Reject, RejectKind


def good_line(n: int) -> bytes:
    return json.dumps({"id": f"r{n}", "text": f"Record number {n} is fine."}).encode() + b"\n"


def split(items: list[object]) -> tuple[list[Article], list[Reject]]:
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Reject)]


def many_lines_with_one_bad(count: int, bad: int) -> tuple[bytes, int]:
    """JSONL bytes of ``count`` records where record ``bad`` holds a Latin-1 byte; and that byte's offset."""
    lines = [good_line(n) for n in range(1, count + 1)]
    lines[bad - 1] = b'{"id": "bad", "text": "caf\xe9 au lait"}\n'
    offset = sum(len(line) for line in lines[: bad - 1]) + lines[bad - 1].index(b"\xe9")
    return b"".join(lines), offset


def test_one_bad_byte_in_ten_thousand_jsonl_records_costs_one(tmp_path: Path) -> None:
    data, offset = many_lines_with_one_bad(10_000, 4_321)
    path = tmp_path / "big.jsonl"
    path.write_bytes(data)
    articles, rejects = split(list(read_inputs([path])))
    assert len(articles) == 9_999
    [reject] = rejects
    assert (reject.kind, reject.locator, reject.line, reject.byte_offset) == (
        RejectKind.NOT_UTF8, "line 4321", 4321, offset)
    assert f"byte 0xe9 at byte offset {offset}" in reject.reason
    assert reject.raw is not None and "caf\ufffd" in reject.raw


@pytest.mark.parametrize(
    ("name", "content", "kept", "locator", "offset"),
    [
        # a quoted CSV field spanning lines: the row is rejected, its neighbours kept
        ("rows.csv", b'id,text\na,"First."\nb,"Two\nlines caf\xe9"\nc,Third.\n', ["a", "c"], "line 3", 35),
        ("bom.jsonl", b"\xef\xbb\xbf" + good_line(1) + b'{"text": "\xff"}\n' + good_line(3), ["r1", "r3"],
         "line 2", 3 + len(good_line(1)) + 10),
        ("list.json", b'[{"id": "a", "text": "Fine."}, {"id": "b", "text": "caf\xe9"}, {"id": "c", "text": "Ok."}]',
         ["a", "c"], "record 2", None),
    ],
)
def test_a_bad_byte_rejects_only_its_record(
    tmp_path: Path, name: str, content: bytes, kept: list[str], locator: str, offset: int | None
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    articles, rejects = split(list(read_inputs([path])))
    assert [a.article_id for a in articles] == kept
    [reject] = rejects
    assert (reject.kind, reject.locator, reject.byte_offset) == (RejectKind.NOT_UTF8, locator, offset)


def test_stdin_bytes_are_decoded_line_by_line() -> None:
    stdin = io.TextIOWrapper(io.BytesIO(good_line(1) + b'{"text": "\xe9"}\n' + good_line(3)), encoding="utf-8")
    articles, rejects = split(list(read_inputs(["-"], stdin=stdin)))
    assert [a.article_id for a in articles] == ["r1", "r3"]
    assert [(r.origin, r.kind, r.line) for r in rejects] == [("<stdin>", RejectKind.NOT_UTF8, 2)]


@pytest.mark.parametrize(
    "line",
    [b'{"id": "s", "text": "lone \\ud800 surrogate"}\n', b'{"id": "s", "text": "ok", "title": "\\udc80"}\n'],
)
def test_text_parquet_cannot_store_is_a_reject(tmp_path: Path, line: bytes) -> None:
    path = tmp_path / "escapes.jsonl"
    path.write_bytes(good_line(1) + line)
    articles, rejects = split(list(read_inputs([path])))
    assert [a.article_id for a in articles] == ["r1"]
    assert [r.kind for r in rejects] == [RejectKind.INVALID_TEXT]


def test_a_txt_file_with_a_bad_byte_is_one_reject_with_its_offset(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Title\n\nBody caf\xe9.\n")
    [reject] = read_inputs([path])
    assert isinstance(reject, Reject)
    assert (reject.kind, reject.locator, reject.byte_offset) == (RejectKind.NOT_UTF8, "file", 15)


def test_csv_accepts_a_text_longer_than_the_csv_module_default(tmp_path: Path) -> None:
    text = "Russia attacked Ukraine. " * 8_000  # 200,000 characters; csv's own limit is 131,072
    path = tmp_path / "long.csv"
    path.write_text(f'id,text\nlong,"{text}"\n', encoding="utf-8")
    [article] = read_inputs([path])
    assert isinstance(article, Article) and len(article.text) == len(text.strip())


@pytest.mark.parametrize(
    ("name", "content", "kept"),
    [
        ("big.jsonl", json.dumps({"id": "x", "text": "y" * 400}) + "\n" + json.dumps({"id": "z", "text": "S."}), ["z"]),
        ("big.csv", "id,text\nx," + "y" * 400 + "\nz,Short.\n", ["z"]),
        ("big.txt", "Title\n\n" + "y" * 400, []),
    ],
)
def test_records_over_the_limit_are_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: str, kept: list[str]
) -> None:
    for module in (eventcoder.ingest.jsonl, eventcoder.ingest.records, eventcoder.ingest.txt):
        monkeypatch.setattr(module, "MAX_RECORD_BYTES", 300)
    path = tmp_path / name
    path.write_text(content + "\n", encoding="utf-8")
    items = list(read_inputs([path]))
    assert [i.kind for i in items if isinstance(i, Reject)] == [RejectKind.TOO_LARGE]
    assert [i.article_id for i in items if isinstance(i, Article)] == kept


def test_when_nothing_can_be_read_the_error_gives_the_reasons(tmp_path: Path) -> None:
    from eventcoder import code_corpus, load_codebook
    from eventcoder.errors import InputError

    path = tmp_path / "all_bad.jsonl"
    path.write_bytes(b'{"text": "caf\xe9"}\nnot json\n')
    book = load_codebook(Path(__file__).parent / "data" / "mini_codebook")
    with pytest.raises(InputError) as caught:
        code_corpus([path], tmp_path / "out", book)
    message = str(caught.value)
    assert f"{path} line 1: not UTF-8: byte 0xe9 at byte offset 13" in message
    assert f"{path} line 2: invalid JSON" in message
