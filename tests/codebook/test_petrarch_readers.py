"""The PETRARCH/TABARI dictionary readers, one syntax feature per row, on fixture dictionaries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventcoder.codebook.entries import DatedRole, Settings
from eventcoder.codebook.petrarch import find_discard, kind_of, load_petrarch
from eventcoder.codebook.petrarch.actors import CodeSpec, disjoint_roles, parse_code_group, parse_date
from eventcoder.codebook.petrarch.build import classify_files
from eventcoder.codebook.petrarch.issues import expand_issue_phrase
from eventcoder.codebook.petrarch.source import read_lines, strip_comment
from eventcoder.codebook.petrarch.verbs import parse_code
from eventcoder.errors import DictionaryError

FIXTURE = Path(__file__).parent.parent / "data" / "petrarch"


@pytest.fixture(scope="module")
def loaded():
    return load_petrarch(FIXTURE, cache=False)


def _patterns(book):
    return {p.pattern_id: p for ps in book.verbs.values() for p in ps}


def _phrases(book):
    return {" ".join(ph.tokens).lower(): ph.entry for group in book.phrases.values() for ph in group}


# -- files and comments -------------------------------------------------------

@pytest.mark.parametrize(("name", "kind"), [
    ("CAMEO.2.0.txt", "verbs"),
    ("PETR.Validate.verbs.txt", "verbs"),
    ("Phoenix.Countries.actors.txt", "actors"),
    ("Phoenix.agents.txt", "agents"),
    ("Phoenix.discards.txt", "discards"),
    ("Phoenix.IssueCoding.txt", "issues"),
    ("README.md", None),
])
def test_files_are_recognised_by_name(name, kind):
    assert kind_of(name) == kind


@pytest.mark.parametrize(("names", "verbs", "set_aside"), [
    # PETRARCH's layout: the unit-test dictionaries lie beside the real ones and must not mix in
    (
        ["CAMEO.2.0.txt", "PETR.Validate.verbs.txt", "Phoenix.agents.txt"],
        ["CAMEO.2.0.txt"],
        ["PETR.Validate.verbs.txt"],
    ),
    # alone, a validation dictionary is the dictionary
    (["PETR.Validate.verbs.txt", "PETR.Validate.agents.txt"], ["PETR.Validate.verbs.txt"], []),
    (["a.verbs.txt", "b.verbs.txt"], ["a.verbs.txt", "b.verbs.txt"], []),
])
def test_validation_fixtures_beside_real_dictionaries_are_set_aside(tmp_path, names, verbs, set_aside):
    for name in names:
        (tmp_path / name).write_text("", encoding="utf-8")
    files, unrecognised = classify_files(tmp_path)
    assert [p.name for p in files.verbs] == verbs
    assert [u.split(" ")[0] for u in unrecognised] == set_aside


@pytest.mark.parametrize(("text", "expected"), [
    ("GRANT  # a comment", "GRANT  "),
    ("- * AID [###]  # TABARI's ### code survives", "- * AID [###]  "),
    ("SCRAP {SCRAPPED};shan 8/30/93", "SCRAP {SCRAPPED}"),
    ("no comment", "no comment"),
])
def test_trailing_comments_are_cut_outside_brackets(text, expected):
    assert strip_comment(text) == expected


def test_comment_lines_and_blocks_are_skipped(tmp_path):
    path = tmp_path / "x.verbs.txt"
    path.write_text("# comment\n<!-- one\ntwo -->\nKEEP\n<!-- inline --> ALSO # tail\n\n", encoding="utf-8")
    assert [(line.number, line.text.strip()) for line in read_lines(path)] == [(4, "KEEP"), (5, "ALSO")]


def test_the_report_names_the_files_used_by_kind(loaded):
    _, report = loaded
    assert report.files == {
        "verbs": ("demo.verbs.txt",), "actors": ("demo.actors.txt",), "agents": ("demo.agents.txt",),
        "discards": ("demo.discards.txt",), "issues": ("demo.IssueCoding.txt",),
    }
    assert "records.xml" in report.unrecognised


@pytest.mark.parametrize(("where", "reason"), [
    ("demo.verbs.txt:38", "target before the verb (+ *) is not supported"),
    ("demo.verbs.txt:39", "source after the verb (* $) is not supported"),
    ("demo.verbs.txt:51", "verb transformation (~) is not supported"),
    ("demo.actors.txt:14", "actor with only the null code [---]"),
    ("demo.actors.txt:15", "several codes ORK/LOT: eventcoder keeps the first"),
    ("demo.agents.txt:7", "{} (no plural) is not kept: eventcoder generates plurals itself"),
    ("demo.agents.txt:8", "prefix code BUS~: eventcoder writes the role after the country"),
])
def test_every_ignored_line_is_reported_with_file_line_and_reason(loaded, where, reason):
    _, report = loaded
    found = {f"{i.file}:{i.line}": i.reason for i in report.ignored}
    assert found.get(where) == reason
    assert f"ignored: {len(report.ignored)} line(s)" in report.summary()


@pytest.mark.parametrize("make", [lambda p: p / "missing", lambda p: p])
def test_a_directory_without_dictionaries_is_a_typed_error(tmp_path, make):
    with pytest.raises(DictionaryError, match="PETRARCH"):
        load_petrarch(make(tmp_path), cache=False)


# -- verbs ----------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("064", ("064", None, None)),
    ("1711", ("1711", None, None)),
    ("174K", ("174K", None, None)),
    ("032:033", ("032", "033", None)),
    ("064:---", ("064", None, None)),
    ("---", ("---", None, None)),
    (":173", (None, None, "[:173] gives only a target-to-source code")),
    ("+++", (None, None, "[+++] is not an event code")),
])
def test_bracket_codes(raw, expected):
    assert parse_code(raw) == expected


@pytest.mark.parametrize(("pattern_id", "reverse"), [
    ("070:grant", None),                                   # a block's default code
    ("070:give", None),                                    # a verb with irregular forms {GAVE GIVEN GIVING}
    ("071:donate", None),                                  # a verb's own [code]
    ("071:grant|give|donate ducats|horses to {T}", None),  # &GIFT: single-word members, nested &CURRENCY
    ("071:grant|give|donate gold crowns to {T}", None),    # a multi-word synset member (_)
    ("074:grant|give|donate safe passage to {T}", None),   # (...) only groups
    ("161:warn of grave danger", None),                    # {...} only groups
    ("---:warn weather", None),                            # [---]: codes nothing
    ("112:not * warn", None),                              # NOT *: words right before the verb
    ("032:leave for {T}", "033"),                          # [032:033]
    ("030:{S} * meet", "030"),                             # % *: a compound subject
    ("191:{S} have * delay", None),                        # % HAVE *
    ("1711:wire tap|tapped|tapping|taps", None),           # WIRE_+TAP: + marks the verb
])
def test_verb_patterns(loaded, pattern_id, reverse):
    book, _ = loaded
    patterns = _patterns(book)
    assert pattern_id in patterns, sorted(patterns)
    assert patterns[pattern_id].reverse_code == reverse


@pytest.mark.parametrize("form", ["gave", "given", "giving", "grants", "granted", "left", "leaving", "wire"])
def test_verb_forms_are_heads(loaded, form):
    book, _ = loaded
    assert form in book.verbs


# -- actors ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("950601", date(1995, 6, 1)),
    ("300101", date(2030, 1, 1)),       # 00-30 is 20YY
    ("310101", date(1931, 1, 1)),
    ("19990815", date(1999, 8, 15)),
    ("990231", None),                   # not a day
    ("9008223", None),                  # seven digits
])
def test_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(("raw", "code", "start", "end"), [
    ("AVL", "AVL", None, None),
    ("AVLGOV 950601-19990815", "AVLGOV", date(1995, 6, 1), date(1999, 8, 15)),
    ("AVLELI >990816", "AVLELI", date(1999, 8, 16), None),
    ("AVLREB <950601", "AVLREB", None, date(1995, 5, 31)),   # < is exclusive
    ("--- 950601-950630", None, date(1995, 6, 1), date(1995, 6, 30)),
])
def test_code_groups(raw, code, start, end):
    specs, problem = parse_code_group(raw)
    assert problem is None
    assert [(s.code, s.start, s.end) for s in specs] == [(code, start, end)]


@pytest.mark.parametrize("raw", ["AVLGOV 950601", "AVLGOV 990101-950101", "AV1X", ""])
def test_bad_code_groups_are_problems(raw):
    specs, problem = parse_code_group(raw)
    assert specs == [] and problem


def test_overlapping_periods_keep_the_first_listed_code():
    first = CodeSpec("ABCGOV", date(2000, 1, 1), date(2000, 12, 31), True)
    second = CodeSpec("ABCREB", date(2000, 6, 1), date(2001, 6, 30), True)
    assert disjoint_roles([first, second]) == [
        DatedRole("ABCGOV", date(2000, 1, 1), date(2000, 12, 31)),
        DatedRole("ABCREB", date(2001, 1, 1), date(2001, 6, 30)),
    ]


@pytest.mark.parametrize(("phrase", "kind", "code"), [
    ("avalon", "country", "AVL"),
    ("avalonian", "country", "AVL"),          # + synonyms
    ("camelot castle", "country", "CAM"),     # words joined by _
    ("the summer country", "country", "SUM"),
    ("orkney isles", "country", "ORK"),       # ORK/LOT keeps ORK
    ("arthur pendragon", "named", "AVLELI"),  # dated codes: a person
    ("wart", "named", "AVLELI"),
    ("morgan le fay", "named", "LYO"),        # the undated code outside its dates
])
def test_actor_entries(loaded, phrase, kind, code):
    book, _ = loaded
    entry = _phrases(book)[phrase]
    assert (entry.kind, entry.code) == (kind, code)


def test_merlin_with_only_a_null_code_is_not_an_actor(loaded):
    assert "merlin" not in _phrases(loaded[0])


# -- agents ---------------------------------------------------------------------

@pytest.mark.parametrize(("phrase", "role"), [
    ("knight", "MIL"),
    ("knights", "MIL"),            # {KNIGHTS}
    ("sheriff", "COP"),
    ("councilman", "LEG"),         # COUNCIL!PERSON!
    ("councilwomen", "LEG"),
    ("herald", "MED"),
    ("guild of masons", "BUS"),    # BUS~ (written after the country)
    ("high steward", "GOVHST"),    # a role of two parts
])
def test_agents(loaded, phrase, role):
    entry = _phrases(loaded[0])[phrase]
    assert (entry.kind, entry.role) == ("agent", role)


def test_prefix_roles_are_remembered_for_validation(loaded):
    assert loaded[1].prefix_roles == frozenset({"BUS"})


# -- discards -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("The tournament was held.", ("sentence", "tournament")),
    ("Two tournaments were held.", ("sentence", "tournament")),   # a stem
    ("Knights joust today.", ("sentence", "joust")),
    ("Knights are jousting.", None),                               # JOUST_ needs a word end
    ("Like a fairy tale, the joust ended.", ("story", "fairy tale")),  # a story discard wins
    ("Avalon warned Lyonesse.", None),
])
def test_discards(loaded, text, expected):
    assert find_discard(text, loaded[0].settings) == expected


def test_no_discard_lists_find_nothing():
    assert find_discard("The tournament", Settings()) is None


# -- issues ---------------------------------------------------------------------

@pytest.mark.parametrize(("phrase", "forms"), [
    ("n:famine", ["famine", "famines"]),
    ("n:militia group", ["militia group", "militias group"]),
    ("v:starve", ["starve", "starves", "starved", "starving"]),
    ("grain+tax", ["grain tax", "grain-tax"]),
    ("plain words", ["plain words"]),
])
def test_issue_phrase_forms(phrase, forms):
    assert expand_issue_phrase(phrase) == forms


def test_issues_are_kept_as_data(loaded):
    issues = loaded[1].issues
    assert issues.codes == ["FAMINE", "TAXES"]
    assert {p.category for p in issues.phrases} == {"FAMINE"}
    assert issues.sentence_ignores == ["harvest festival"]
    assert issues.story_ignores == ["fairy famine"]
