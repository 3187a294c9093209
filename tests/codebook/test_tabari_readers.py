"""The TABARI dictionary and record readers, one syntax feature per row, on fixture files (issue 14)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from eventcoder.codebook.entries import DefaultActors, Settings, Where
from eventcoder.codebook.patterns import PatternSyntaxError, compile_pattern
from eventcoder.codebook.petrarch.source import Ignored
from eventcoder.codebook.tabari import (
    CodeBy,
    CodeKind,
    Expect,
    TabariOptions,
    Unsupported,
    apply_command,
    coder_settings,
    find_files,
    load_tabari,
    parse_tabari_code,
    read_tabari_records,
)
from eventcoder.codebook.tabari.phrases import expand, split_tokens
from eventcoder.codebook.tabari.records import parse_day
from eventcoder.codebook.tabari.source import read_tabari_lines, strip_comment
from eventcoder.codebook.tabari.stems import complete_verb
from eventcoder.errors import DictionaryError

FIXTURE = Path(__file__).parent.parent / "data" / "tabari"


@pytest.fixture(scope="module")
def loaded():
    return load_tabari(FIXTURE, cache=False)


def _patterns(book):
    return {p.pattern_id.split(" ~ ")[0]: p for ps in book.verbs.values() for p in ps}  # id without the reading


def _phrases(book):
    return {" ".join(ph.tokens).lower(): ph.entry for group in book.phrases.values() for ph in group}


@pytest.mark.parametrize(("raw", "kind", "code", "reverse"), [
    ("064", CodeKind.EVENT, "064", None),
    ("032:033", CodeKind.EVENT, "032", "033"),
    ("174K", CodeKind.EVENT, "174K", None),
    ("---", CodeKind.NULL, "---", None),
    ("- - -", CodeKind.NULL, "---", None),
    ("###", CodeKind.DISCARD, "---", None),
    ("+++", CodeKind.COMPLEX, "---", None),
    ("031!", CodeKind.EVENT, "031", None),
    ("023?", CodeKind.EVENT, "023", None),
])
def test_codes(raw, kind, code, reverse):
    found = parse_tabari_code(raw)
    assert found is not None and (found.kind, found.code, found.reverse) == (kind, code, reverse)


@pytest.mark.parametrize("raw", ["abc", "", "12345678"])
def test_bad_codes(raw):
    assert parse_tabari_code(raw) is None


def test_time_codes_are_shifts_only_in_time_sections():
    assert parse_tabari_code("-7", time=True).days == -7
    assert parse_tabari_code("+30", time=True).kind is CodeKind.SHIFT
    assert parse_tabari_code("+30") is None


@pytest.mark.parametrize(("text", "kept"), [
    ("PRAISE [051] ;a comment", "PRAISE [051] "),
    ("X [###] ; code kept", "X [###] "),
    ("X [a;b]", "X [a;b]"),
])
def test_comments(text, kept):
    assert strip_comment(text) == kept


def test_reader_skips_comments_and_stops_at_finish():
    lines = list(read_tabari_lines(FIXTURE / "Fixture.actors"))
    texts = [item.line.text.strip() for item in lines]
    assert "NOTREAD [XXX]" not in texts
    assert [item.section for item in lines[:2]] == ["NOUN", "ADJECTIVE"]


@pytest.mark.parametrize(("body", "tokens"), [
    ("* NEW_&TIE_RELATIONS", ["*", "NEW", "&TIE", "RELATIONS"]),
    ("SUGGESTED_+ * X", ["SUGGESTED", "+", "*", "X"]),
    ("RECENT~_*", ["RECENT", "*"]),
    ("* { A | B_C }_D", ["*", "{", "A", "|", "B", "C", "}", "D"]),
    ("BAN=", ["BAN"]),
])
def test_split_tokens(body, tokens):
    assert split_tokens(body) == tokens


@pytest.mark.parametrize(("body", "variants"), [
    ("* TIES", [("*", "ties")]),
    ("* { TREATY | PEACE_ACCORD }", [("*", "treaty"), ("*", "peace", "accord")]),
    ("* &M GIFT", [("*", "gold", "gift"), ("*", "silver", "coins", "gift")]),
    ("% HAVE *", [("%", "have", "*")]),
])
def test_expand(body, variants):
    synsets = {"&M": [("gold",), ("silver", "coins")]}
    assert [v.tokens for v in expand(body, synsets)] == variants


@pytest.mark.parametrize(("stem", "verbs"), [
    ("contribut", ("contribute",)),
    ("sign", ("sign",)),  # a verb already: TABARI's stem would also take "signal"
    ("left", ("left",)),  # an inflected form is no stem
    ("zzqx", ("zzqx",)),
])
def test_stems(stem, verbs):
    assert complete_verb(stem)[0] == verbs


@pytest.mark.parametrize(("pattern_id", "code"), [
    ("051:praise", "051"),
    ("071:praise gold gift", "071"),
    ("071:praise silver coins gift", "071"),
    ("070:donate", "070"),  # DONAT: a stem completed to the verb
    ("072:donate gold bars", "072"),  # a synset member built from another synset
    ("081:sign treaty", "081"),
    ("081:signed peace accord", "081"),  # an irregular form takes the root's patterns
    ("057:signed off", "057"),  # a multi-word irregular form
    ("081:signed off treaty", "081"),
    ("111:refused to sign", "111"),
    ("111:said was wrong", "111"),
    ("130:{S} quarrel over fishing", "130"),
])
def test_verb_patterns(loaded, pattern_id, code):
    assert _patterns(loaded[0])[pattern_id].code == code


def test_paired_code_and_subordinate_root(loaded):
    patterns = _patterns(loaded[0])
    assert patterns["130:{S} quarrel over fishing"].reverse_code == "131"
    assert "023:said" not in patterns  # SAID [023?] alone codes nothing


@pytest.mark.parametrize(("pattern_id", "target_before", "before_slot", "source_after"), [
    ("052:{T} praise by {S}", True, 0, True),  # - + * BY $
    ("047:said {T} hail", True, 1, False),  # - SAID + *
    ("051:praise", False, 0, False),
])
def test_actor_marks_around_the_verb(loaded, pattern_id, target_before, before_slot, source_after):
    pattern = _patterns(loaded[0])[pattern_id]
    assert (pattern.target_before, len(pattern.before_slot), pattern.source_after) == (
        target_before, before_slot, source_after)


def test_dominant_code_marks_its_patterns(loaded):
    patterns = _patterns(loaded[0])
    assert patterns["042:greet"].dominant and not patterns["051:praise"].dominant


def test_special_codes_become_discards(loaded):
    discards = loaded[0].settings.sentence_discards
    assert {"joust", "ride", "harvest festival", "trollkin"} <= set(discards)


@pytest.mark.parametrize(("reason", "line"), [
    (Unsupported.SUBORDINATE_CODE, "Fixture.verbs:22"),
    (Unsupported.BAD_CODE, "Fixture.verbs:28"),
    (Unsupported.TIME_SHIFT, "Fixture.verbs:9"),
    (Unsupported.TIME_PATTERN, "Fixture.verbs:11"),
    (Unsupported.DATED_SPECIAL_CODE, "Fixture.actors:13"),
    (Unsupported.NOUN_ADJECTIVE, "Fixture.actors:5"),
    (Unsupported.UNKNOWN_OPTION, "Fixture.options:5"),
])
def test_what_is_not_expressible_is_listed_with_file_and_line(loaded, reason, line):
    assert any(f"{i.file}:{i.line}" == line and i.reason == reason for i in loaded[1].ignored)


@pytest.mark.parametrize(("phrase", "code"), [
    ("valdoria", "VAL"),
    ("valdorian", "VAL"),  # a stem name takes demonym endings
    ("kestrel", "KES"),
    ("morban city", "MOR"),
    ("harrow", "HARTV"),  # TABARI codes need not be three-letter parts
])
def test_actor_phrases(loaded, phrase, code):
    assert _phrases(loaded[0])[phrase].code == code


def test_exact_names_take_no_stem_endings(loaded):
    phrases = _phrases(loaded[0])
    assert "kestrels" in phrases and "kestrelian" not in phrases


def test_agents_and_labels(loaded):
    book = loaded[0]
    assert "GOV" in book.role_codes and book.codes["057"].label != ""


@pytest.mark.parametrize(("command", "check"), [
    ("SET: CODE BY SENTENCE", lambda o: o.code_by is CodeBy.SENTENCE),
    ("SET: CODE ALL", lambda o: o.code_by is CodeBy.ALL),
    ("SET: TIME SHIFT = FALSE", lambda o: o.time_shift is False),
    ("SET: CONVERT AGENT = TRUE", lambda o: o.convert_agents),
    ("SET: MINIMUM WORDS = 4", lambda o: o.minimum_words == 4),
    ("COMPLEX: VERBS[5] NOACTPRIOR", lambda o: o.complex == (("VERBS", 5), ("NOACTPRIOR", 0))),
    ("DEFAULT: SOURCE [DEF] PRIOR TARGET [TAR]", lambda o: (o.default_source, o.default_target) == ("DEF", "TAR")),
    ("DEFAULT: SOURCE [DEF] PRIOR TARGET [TAR] AFTER",
     lambda o: (o.default_source_prior, o.default_target_after) == (True, True)),
    ("DEFAULT: SOURCE [DEF] TARGET [TAR]",
     lambda o: (o.default_source_prior, o.default_target_after) == (False, False)),
    ("LABEL: 010=YIELD", lambda o: o.labels == {"010": "YIELD"}),
    ("OPTION: SET: CODE ALL", lambda o: o.code_by is CodeBy.ALL),
])
def test_options(command, check):
    found = apply_command(TabariOptions(), command)
    assert found is not None and check(found)


@pytest.mark.parametrize(("commands", "defaults"), [
    ([], None),
    (["DEFAULT: SOURCE [DEF] PRIOR TARGET [TAR]"], DefaultActors("DEF", "TAR", True, False)),
    (["DEFAULT: TARGET [TAR] AFTER"], DefaultActors(None, "TAR", False, True)),
    (["DEFAULT: SOURCE [DEF]", "DEFAULT: OFF"], None),
])
def test_default_options_become_coder_settings(commands, defaults):
    options = TabariOptions()
    for command in commands:
        options = apply_command(options, command) or options
    assert coder_settings(Settings(), options).default_actors == defaults


def test_a_line_that_is_no_command():
    assert apply_command(TabariOptions(), "BOGUS LINE") is None


def test_project_names_the_files():
    files = find_files(FIXTURE)
    assert [p.name for p in files.verbs] == ["Fixture.verbs"] and files.text == "Fixture.text"


def test_no_dictionaries_is_an_error(tmp_path):
    with pytest.raises(DictionaryError):
        load_tabari(tmp_path, cache=False)
    with pytest.raises(DictionaryError):
        load_tabari(tmp_path / "missing", cache=False)


@pytest.mark.parametrize(("digits", "yyyy", "day"), [
    ("950101", False, date(1995, 1, 1)),
    ("010101", False, date(2001, 1, 1)),
    ("9501201", False, date(1995, 1, 20)),  # a typo: TABARI reads six digits
    ("19140724", True, date(1914, 7, 24)),
    ("951340", False, None),
])
def test_record_dates(digits, yyyy, day):
    assert parse_day(digits, four_digit_years=yyyy) == day


def test_records():
    records = {r.id: r for r in read_tabari_records(FIXTURE / "Fixture.text")}
    assert records["BASIC-01"].expected == (("VAL", "KES", "051"),) and records["BASIC-01"].day == date(1999, 1, 1)
    assert records["BASIC-01"].text == "Valdoria praised Kestrel on Monday."
    assert records["MAYBE-01"].optional == (("VAL", "KES", "081"),) and records["MAYBE-01"].expected == ()
    assert records["MAYBE-01"].text == "Valdoria signed a treaty with Kestrel."
    assert records["OPT-Modify"].is_option and records["OPT-Modify"].commands == ("OPTION: SET: CODE ALL",)
    assert [records[k].expect for k in ("SPECIAL-01", "SPECIAL-02", "NONE-01", "FINAL-01")] == [
        Expect.DISCARD, Expect.COMPLEX, Expect.NOTHING, Expect.NOTHING]
    assert records["FINAL-01"].standard and not records["AFTER-01"].standard


def test_a_file_without_records(tmp_path):
    from eventcoder.errors import ValidationFileError

    empty = tmp_path / "empty.text"
    empty.write_text("just words\n")
    with pytest.raises(ValidationFileError):
        read_tabari_records(empty)


def test_ignored_collector_keeps_enum_reasons():
    ignored = Ignored()
    ignored.add_at(__import__("eventcoder.codebook.entries", fromlist=["Where"]).Where("f", 1), "x",
                   Unsupported.NO_STAR)
    assert ignored.items[0].reason == Unsupported.NO_STAR


@pytest.mark.parametrize(("text", "problem"), [
    ("{T} *receive money {S}", None),
    ("said {T} *hail", None),
    ("receive {S} money", "must end it"),  # a verb pattern's {S} ends it
    ("receive {T} from {S}", "must end it"),  # no target after the verb beside it
    ("{T} and {T} *meet", "one {T}"),
    ("{S} {T} *meet", "one {T}"),  # not with a compound source
])
def test_slots_around_the_verb_compile(text, problem):
    where = Where("test", 1)
    if problem is None:
        assert compile_pattern(text, "040", where, nominal=False).code == "040"
    else:
        with pytest.raises(PatternSyntaxError, match=re.escape(problem)):
            compile_pattern(text, "040", where, nominal=False)
