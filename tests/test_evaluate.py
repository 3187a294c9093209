"""Scoring against PETRARCH validation records: reading, comparing, reporting."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventcoder.errors import DictionaryError, ValidationFileError
from eventcoder.evaluate import compare, read_records, render_report, validate

FIXTURE = Path(__file__).parent / "data" / "petrarch"
RECORDS = FIXTURE / "records.xml"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "petrarch2"
UNIT_TESTS = SHARED / "text" / "PETR.UnitTest.records.xml"


def test_records_environment_and_options_are_read():
    env, records = read_records(RECORDS)
    assert env.files == {"verbs": ("demo.verbs.txt",), "actors": ("demo.actors.txt",),
                         "agents": ("demo.agents.txt",), "discards": ("demo.discards.txt",)}
    assert env.include == ("BASIC", "DATE", "COMPOUND", "AGENT", "DISCARD")
    first = records[0]
    assert (first.id, first.category, first.day) == ("BASIC-01", "BASIC", date(1997, 1, 1))
    assert first.text == "Avalon restored full diplomatic ties with Lyonesse on Monday."  # never the <Parse>
    assert first.expected == (("AVL", "LYO", "064"),)
    by_id = {r.id: r for r in records}
    assert by_id["BASIC-03"].expected == ()
    assert by_id["DISCARD-02"].error == "storydiscard"
    assert dict(by_id["BASIC-01"].options) == {"require_dyad": "True"}
    assert dict(by_id["BASIC-03"].options) == {"require_dyad": "False"}  # a later <Config> applies after it


@pytest.mark.parametrize(("coded", "expected", "extra", "missing"), [
    ([], [], [], []),
    ([("A", "B", "01")], [("A", "B", "01")], [], []),
    ([("A", "B", "01"), ("A", "B", "01")], [("A", "B", "01")], [("A", "B", "01")], []),  # one-to-one
    ([("B", "A", "01")], [("A", "B", "01")], [("B", "A", "01")], [("A", "B", "01")]),
    ([], [("A", "B", "01")], [], [("A", "B", "01")]),
])
def test_coded_and_expected_events_match_one_to_one(coded, expected, extra, missing):
    assert compare(coded, expected) == (extra, missing)


def test_validate_the_fixture_records():
    report = validate(RECORDS, None, cache=False)
    assert report.by_category() == {"BASIC": (4, 5), "DATE": (1, 1), "COMPOUND": (1, 1), "DISCARD": (2, 2),
                                    "AGENT": (1, 1)}
    assert [r.record.id for r in report.failures] == ["BASIC-05"]
    text = render_report(report)
    assert "BASIC-05" in text and "expected: LYOREB LYO 160" in text and "coded:    no events" in text
    assert text.splitlines()[-1] == "9 passed, 1 failed"


@pytest.mark.parametrize(("min_pass", "meets"), [(None, True), (0.9, True), (0.95, False)])
def test_min_pass(min_pass, meets):
    report = validate(RECORDS, FIXTURE, min_pass=min_pass, cache=False)
    assert report.meets_minimum is meets


@pytest.mark.parametrize(("content", "error", "message"), [
    (None, ValidationFileError, "no such file"),
    ("<Validation><Sentence>", ValidationFileError, "records.xml:1: not well-formed"),
    ("<Other/>", ValidationFileError, "is not <Validation>"),
    ("<Validation><Sentences/></Validation>", ValidationFileError, "names no dictionaries"),
    ("<Validation><Environment><Verbfile>nope.verbs.txt</Verbfile></Environment></Validation>",
     DictionaryError, "nope.verbs.txt"),
])
def test_bad_records_files_are_typed_errors(tmp_path, content, error, message):
    path = tmp_path / "records.xml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(error, match=message):
        validate(path, tmp_path, cache=False)


@pytest.mark.skipif(not UNIT_TESTS.is_file(), reason=f"PETRARCH's validation file is not at {UNIT_TESTS}")
def test_petrarch_unit_test_records_pass_rate():
    """Issue 5: at least 60% of PETRARCH's 284 unit-test records pass with its PETR.Validate dictionaries."""
    report = validate(UNIT_TESTS, SHARED / "dictionaries")  # speed belongs in benchmarks/, not here
    assert len(report.results) == 284
    assert report.pass_rate >= 0.60, render_report(report, failures=False)
