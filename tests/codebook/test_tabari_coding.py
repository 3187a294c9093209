"""TABARI dictionaries code, validate and export (issue 14): fixture files, and TABARI's own suite when present."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventcoder.cli import app
from eventcoder.codebook.load import load_codebook
from eventcoder.codebook.spec import load_spec_with_report
from eventcoder.codebook.tabari import import_tabari
from eventcoder.evaluate import compare, is_tabari_text, render_report, validate

FIXTURE = Path(__file__).parent.parent / "data" / "tabari"
SHARED = Path(__file__).resolve().parent.parent.parent.parent / "shared" / "tabari"
SUITE = SHARED / "Validate.dev.text"


@pytest.fixture(scope="module")
def report():
    return validate(FIXTURE / "Fixture.text", None, cache=False)


def test_fixture_suite_passes(report):
    assert (report.passed, report.failed) == (28, 0)
    text = render_report(report)
    assert text.startswith("TABARI validation:") and text.splitlines()[-1] == "28 passed, 0 failed"
    assert "records after the suite's FINAL record, not scored: 1" in text


@pytest.mark.parametrize(("record", "why"), [
    ("SPECIAL-01", "sentence discard 'joust'"),  # {###}
    ("SPECIAL-02", "sentence discard 'ride'"),  # {+++}: a complex root codes nothing
    ("NONE-01", ""),
    ("DOM-01", ""),  # GREET [042!]: its event replaces PRAISE's
    ("DEF-01", ""),  # OPTION: DEFAULT: SOURCE [DEFS] PRIOR ...: the missing source
    ("DEF-02", ""),  # ... and the missing target
    ("DEF-03", ""),  # without PRIOR the actor after the verb is the source
    ("DEF-04", ""),  # DEFAULT: OFF
    ("CONV-01", ""),  # SET: CONVERT AGENT = TRUE: ~MIL
    ("CONV-02", ""),  # ... = FALSE: an agent alone is no actor
    ("ROLES-01", ""),  # + * BY $: the pattern, not the voice, gives the roles
    ("ROLES-02", ""),  # SAID + *: the target before the verb, the source before the pattern
    # TABARI's semantics (each fails with eventcoder's own coder):
    ("CLAUSE-02", ""),  # CODE BY CLAUSE: the first event of a clause only
    ("SKIP-01", ""),  # * AT ^ TO +: ^ skips an actor
    ("INSIDE-01", ""),  # + WAS * BY $ FROM: $ inside a pattern
    ("GAP-01", ""),  # STONE GUARD: other words may stand between a blank-written name's words
    ("STEM-01", ""),  # DONAT: a stem takes any word it begins
    ("COMMA-01", ""),  # a short comma-delimited phrase is deleted before coding
    ("PASV-01", ""),  # passive only after WAS, WERE or BEEN
    ("NEG-01", ""),  # no negation rule
    ("CASE-01", ""),  # actor names need no capital
    ("COMPLEX-01", "nothing coded, as TABARI sets a complex sentence aside"),  # COMPLEX: NOACTPRIOR
])
def test_special_records(report, record, why):
    result = next(r for r in report.results if r.record.id == record)
    assert result.passed and result.reason == why


@pytest.mark.parametrize(("coded", "expected", "optional", "extra", "missing"), [
    ([("A", "B", "1")], [("A", "B", "1")], [], [], []),
    ([("A", "B", "1")], [], [("A", "B", "1")], [], []),  # -{...}: may be coded
    ([], [], [("A", "B", "1")], [], []),  # ... or not
    ([("A", "B", "1"), ("A", "B", "1")], [], [("A", "B", "1")], [("A", "B", "1")], []),
])
def test_optional_events(coded, expected, optional, extra, missing):
    assert compare(coded, expected, optional) == (extra, missing)


@pytest.mark.parametrize(("head", "tabari"), [("950101  X-1\n", True), ("<Validation>", False), ("  \n<V/>", False)])
def test_format_is_told_by_the_first_character(tmp_path, head, tabari):
    path = tmp_path / "records"
    path.write_text(head)
    assert is_tabari_text(path) is tabari


def test_spec_prefixes():
    book, report = load_spec_with_report(f"tabari:{FIXTURE}")
    assert book.name.startswith("tabari:") and report is not None and report.title == "TABARI dictionaries"
    book, report = load_spec_with_report(f"tabari:{FIXTURE / 'Fixture.project'}")
    assert book.counts["verb_patterns"] > 0


def test_yaml_import_codes_the_same(tmp_path):
    loaded, written = import_tabari(FIXTURE, tmp_path / "yaml")
    assert any(d.startswith("Fixture.actors:14: actor 'Harrow") and "[HARTV]" in d for d in written.dropped)
    assert any("Fixture.verbs:31: TABARI pattern" in d for d in written.dropped)  # `+ * WITH +`: TABARI's matcher only
    book = load_codebook(tmp_path / "yaml")
    again = {r.record.id: r.coded for r in validate(FIXTURE / "Fixture.text", None, codebook=book, cache=False).results}
    tabari = {r.record.id: r.coded for r in validate(FIXTURE / "Fixture.text", None).results}
    plain = ("BASIC-02", "SPECIAL-01", "SPECIAL-02", "MAYBE-01", "NONE-01", "DOM-01", "ROLES-01")  # plain patterns
    assert [again[k] for k in plain] == [tabari[k] for k in plain]
    assert book.settings.before_verb_gap == 3 and "joust" in book.settings.sentence_discards


def test_cli_check_lists_every_ignored_line_grouped():
    result = CliRunner().invoke(app, ["codebook", "check", f"tabari:{FIXTURE}"])
    assert result.exit_code == 0, result.output
    assert "ignored: 8 line(s):" in result.output
    assert "Fixture.verbs:29: pattern before any verb" in result.output


def test_cli_prints_the_ignored_count_on_every_run():
    result = CliRunner().invoke(app, ["explain", "Valdoria praised Kestrel.", "--codebook", f"tabari:{FIXTURE}"])
    assert result.exit_code == 0, result.output
    assert "8 line(s) ignored" in result.output and "VAL" in result.output


def test_cli_import_and_validate(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["codebook", "import", "--from", "tabari", str(FIXTURE), "--out", str(tmp_path / "y")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "y" / "codebook.yaml").is_file()
    result = runner.invoke(app, ["validate", str(FIXTURE / "Fixture.text")])
    assert result.exit_code == 0 and result.output.strip().endswith("28 passed, 0 failed")
    assert runner.invoke(app, ["codebook", "import", "--from", "keds", str(FIXTURE), "--out", "x"]).exit_code == 2


@pytest.mark.skipif(not SUITE.is_file(), reason=f"TABARI's validation records are not at {SUITE}")
def test_tabari_validation_suite_pass_rate():
    """Issue 14: TABARI's own suite with its demo dictionaries (the floor guards the figure in codebooks/TABARI.md)."""
    report = validate(SUITE, SHARED)
    assert len(report.results) == 233
    assert report.pass_rate >= 0.55, render_report(report, failures=False)


@pytest.mark.skipif(not (SHARED / "CAMEO.091003.master.verbs").is_file(), reason=f"TABARI's verbs are not in {SHARED}")
def test_master_verbs_load(tmp_path):
    (tmp_path / "CAMEO.091003.master.verbs").symlink_to(SHARED / "CAMEO.091003.master.verbs")
    book, report = load_spec_with_report(f"tabari:{tmp_path}")
    assert report is not None and book.counts["verb_patterns"] > 15000
    assert len({(i.file, i.line) for i in report.ignored}) < 0.15 * 16798
