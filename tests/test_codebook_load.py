"""Tests for loading and validating codebooks (eventcoder.codebook.load_codebook).

Every fixture codebook is a copy of tests/data/mini_codebook in tmp_path with
a few lines appended or a file added, so the line a problem must be reported
on is known exactly.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from eventcoder.actors.match import dictionary_pieces
from eventcoder.codebook import Codebook, default_codebook_path, load_codebook
from eventcoder.codebook.entries import ActorEntry
from eventcoder.errors import CodebookError, CodebookNotFoundError, Problem
from eventcoder.text import tokenize

MINI = Path(__file__).parent / "data" / "mini_codebook"


def copy_mini(tmp_path: Path) -> Path:
    root = tmp_path / "codebook"
    shutil.copytree(MINI, root)
    return root


def append(root: Path, name: str, text: str) -> int:
    """Append ``text`` to ``root/name`` (created if missing); the line number of its first line."""
    path = root / name
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(old + text, encoding="utf-8")
    return len(old.splitlines()) + 1


def problems_of(root: Path) -> list[Problem]:
    with pytest.raises(CodebookError) as info:
        load_codebook(root)
    return info.value.problems


def named_entry(book: Codebook, name: str) -> ActorEntry:
    """The actors*.yaml entry whose canonical name is ``name``."""
    for phrases in book.phrases.values():
        for phrase in phrases:
            if phrase.entry.key == f"actor:{name}":
                return phrase.entry
    raise AssertionError(f"no actor {name!r} in the phrase index")


# ------------------------------------------------------------ loading


def test_default_codebook_loads() -> None:
    book = load_codebook()
    assert book.root == default_codebook_path()
    assert book.name == "eventcoder-default"
    assert "190" in book.codes and "20" in book.codes
    for info in book.codes.values():
        assert -10 <= info.goldstein <= 10
        assert info.quad_class in (1, 2, 3, 4)


def test_mini_codebook_loads() -> None:
    book = load_codebook(MINI)
    assert (book.name, book.version) == ("mini", "1")
    assert set(book.codes) == {
        "020",
        "040",
        "041",
        "042",
        "043",
        "100",
        "111",
        "130",
        "173",
        "190",
        "195",
    }
    assert book.event("190").goldstein == -10.0
    assert book.event("042").quad_class == 1
    assert book.counts["event_codes"] == 11
    assert book.settings.speech_verbs == {"say", "tell", "explain", "add", "announce"}
    assert "said" in book.speech_forms


def test_path_may_be_a_string() -> None:
    assert load_codebook(str(MINI)).content_hash == load_codebook(MINI).content_hash


def test_two_codebooks_in_one_process_stay_independent(tmp_path: Path) -> None:
    other = copy_mini(tmp_path)
    (other / "codebook.yaml").write_text(
        (other / "codebook.yaml").read_text(encoding="utf-8").replace("name: mini", "name: other"),
        encoding="utf-8",
    )
    append(other, "cameo.yaml", '  "044": Meet at a third location\n')
    append(other, "goldstein.yaml", "more: 1\n")  # an unknown key is ignored
    (other / "goldstein.more.yaml").write_text('scores: {"044": 1.0}\n', encoding="utf-8")
    append(other, "verbs.yaml", '"044":\n  - rendezvous with\n')
    append(other, "actors.yaml", "- {name: Jane Roe, country: GBR, type: person}\n")

    mini = load_codebook(MINI)
    before = (dict(mini.codes), dict(mini.verbs), dict(mini.phrases), dict(mini.counts))
    second = load_codebook(other)
    again = load_codebook(MINI)

    assert second.name == "other" and mini.name == "mini"
    assert "044" in second.codes and "044" not in mini.codes
    assert "rendezvous" in second.verbs and "rendezvous" not in mini.verbs
    assert "jane" in second.phrases and "jane" not in mini.phrases
    assert second.content_hash != mini.content_hash
    assert (dict(mini.codes), dict(mini.verbs), dict(mini.phrases), dict(mini.counts)) == before
    assert again.content_hash == mini.content_hash and again is not mini
    assert again.codes == mini.codes and again.codes is not mini.codes
    assert second.codes is not mini.codes and second.verbs is not mini.verbs


def test_codebook_is_frozen() -> None:
    book = load_codebook(MINI)
    with pytest.raises(dataclasses.FrozenInstanceError):
        book.name = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    "make",
    [lambda p: p, lambda p: p / "missing", lambda p: p / "file.yaml"],
    ids=["empty-dir", "missing-dir", "a-file"],
)
def test_not_a_codebook(tmp_path: Path, make: Callable[[Path], Path]) -> None:
    (tmp_path / "file.yaml").write_text("codes: {}\n", encoding="utf-8")
    (tmp_path / "verbs.yaml").write_text('"020": [urge]\n', encoding="utf-8")
    path = make(tmp_path)
    with pytest.raises(CodebookNotFoundError) as info:
        load_codebook(path)
    assert "codebook.yaml" in str(info.value)
    assert info.value.code == "EC101" and info.value.hint


# ------------------------------------------------------------ problems


@dataclass(frozen=True)
class Case:
    file: str  # the file the text is appended to (created if missing)
    text: str
    at: int  # line of the problem, counted from the first appended line (1)
    message: tuple[str, ...]  # fragments the problem's message must contain
    where: tuple[str, int] | None = None  # (file, absolute line) when the problem is elsewhere


def case(
    id: str,
    file: str,
    text: str,
    at: int,
    *message: str,
    where: tuple[str, int] | None = None,
) -> object:
    return pytest.param(Case(file, text, at, message, where), id=id)


# fmt: off
CASES = [
    case("unknown-event-group-in-verbs", "verbs.yaml", '"999":\n  - beg\n', 1,
         "'999'", "not an event code", "cameo.yaml"),
    case("unknown-event-group-in-nouns", "nouns.yaml", '"999":\n  - plea to {T}\n', 1,
         "'999'", "not an event code"),
    case("group-not-a-list", "verbs.yaml", '"043": host\n', 1,
         "043", "must be a list"),
    case("two-targets", "verbs.yaml", '"043":\n  - host\n  - greet {T} and {T}\n', 3,
         "greet {T} and {T}", "only once"),
    case("starts-with-target", "verbs.yaml", '"043":\n  - "{T} host"\n', 2,
         "{T} host", "must start with its verb"),
    case("source-slot-in-verb", "verbs.yaml", '"043":\n  - host {S} and {T}\n', 2,
         "{S}", "only allowed in noun patterns"),
    case("source-after-target", "nouns.yaml", '"043":\n  - talk between {T} and {S}\n', 2,
         "{S} must come before {T}"),
    case("empty-alternative", "verbs.yaml", '"043":\n  - host\n  - beg|\n', 3,
         "beg|", "empty alternative"),
    case("pattern-unquoted-brace-is-a-mapping", "verbs.yaml",
         '"043":\n  - host\n  - {T: host}\n', 3,
         "must be a string"),
    case("pattern-a-number", "verbs.yaml", '"043":\n  - host\n  - 42\n', 3,
         "must be a string", "got 42"),
    case("duplicate-pattern-in-one-file", "verbs.yaml", '"043":\n  - host\n  - urge\n', 3,
         "'urge'", "already defined at verbs.yaml:3"),
    # files of a section are read in name order: verbs.more.yaml comes before
    # verbs.yaml, so the duplicate is the `urge` on line 3 of verbs.yaml
    case("duplicate-pattern-across-files", "verbs.more.yaml",
         '"043":\n  - host\n  - receive\n  - urge\n', 4,
         "'urge'", "already defined at verbs.more.yaml:4", where=("verbs.yaml", 3)),
    case("code-without-goldstein", "cameo.yaml", '  "044": Meet at a third location\n', 1,
         "044", "no Goldstein score"),
    case("malformed-event-code", "cameo.yaml", '  "04a": Not a code\n', 1,
         "'04a'", "2 to 4 digits"),
    case("goldstein-out-of-range", "goldstein.more.yaml",
         'scores:\n  "190": -10\n  "195": -12.5\n', 3,
         "195", "from -10 to 10"),
    case("goldstein-not-a-number", "goldstein.more.yaml", 'scores:\n  "195": high\n', 2,
         "195", "must be a number"),
    case("country-code-not-3-letters", "countries.more.yaml",
         "countries:\n  - {code: ESP, name: Spain}\n  - {code: IR, name: Iran Two}\n", 3,
         "'IR'", "alpha-3"),
    case("region-code-lowercase", "countries.more.yaml",
         "regions:\n  - {code: irq, name: Sinjar}\n", 2,
         "'irq'", "alpha-3"),
    case("country-without-name", "countries.more.yaml",
         "countries:\n  - {code: ESP, names: [Spain]}\n", 2,
         "needs `code` and `name`"),
    case("agent-role-not-3-letters", "agents.yaml", "GOVT: [cabinet]\n", 1,
         "'GOVT'", "three-letter"),
    case("actor-without-name", "actors.yaml",
         "- {variants: [Nobody], country: USA, type: person}\n", 1,
         "needs a `name`"),
    case("actor-code-malformed", "actors.yaml",
         "- {name: Jane Roe, code: usa, type: person}\n", 1,
         "'Jane Roe'", "CAMEO form"),
    case("actor-type-unknown", "actors.yaml",
         "- {name: Jane Roe, country: USA, type: alien}\n", 1,
         "'alien'", "must be one of"),
    case("actor-role-code-malformed", "actors.yaml",
         "- {name: Jane Roe, country: USA, roles: [{code: gov, from: 2020-01-01}]}\n", 1,
         "'Jane Roe'", "CAMEO `code`"),
    case("role-to-before-from", "actors.yaml",
         "- {name: Jane Roe, country: USA, type: person}\n"
         "- {name: John Roe, country: USA,"
         " roles: [{code: USAGOV, from: 2022-01-01, to: 2021-12-31}]}\n", 2,
         "'John Roe'", "USAGOV", "ends before it starts"),
    case("bad-date-format", "actors.yaml",
         "- {name: Jane Roe, country: USA, roles: [{code: USAGOV, from: 2021/01/01}]}\n", 1,
         "'2021/01/01'", "YYYY-MM-DD"),
    case("bad-date-words", "actors.yaml",
         "- {name: Jane Roe, country: USA, roles: [{code: USAGOV, to: next year}]}\n", 1,
         "'next year'", "YYYY-MM-DD"),
    case("impossible-calendar-date", "actors.yaml",
         "- {name: Jane Roe, country: USA, roles: [{code: USAGOV, from: 2021-13-01}]}\n", 1,
         "2021-13-01", "YYYY-MM-DD"),
    case("phrase-claimed-by-two-actors", "actors.yaml",
         "- {name: Jane Blinken, variants: [Blinken], country: GBR, type: person}\n", 1,
         "'Blinken'", "already names", "USA", "actors.yaml:1"),
    case("unknown-section-file", "verb.yaml", '"042": [tour]\n', 1,
         "unknown section 'verb'", "verbs"),
    case("yaml-syntax-error", "actors.yaml",
         "- {name: Jane Roe, country: USA}\n- name: x: y\n", 2,
         "YAML syntax", "mapping values"),
    case("yaml-tab-indent", "verbs.yaml", '"043":\n  - host\n\t- greet\n', 3,
         "YAML syntax"),
    case("pattern-file-not-a-mapping", "verbs.more.yaml", "- visit\n- urge\n", 1,
         "expected a mapping"),
    case("event-reference-bad-root", "codebook.yaml", '  event_references:\n    attack: ["19", "99"]\n', 2,
         "'attack'", "root codes 01-20"),
    case("intent-code-unknown", "codebook.yaml", '  intent_codes:\n    "04": "0399"\n', 2,
         "'04'", "two event codes"),
    case("reacting-root-unknown", "codebook.yaml", '  reacting_roots: ["11", "77"]\n', 1,
         "reacting_roots", "77"),
    case("victim-code-unknown", "codebook.yaml", '  reference_victim_codes: ["9999"]\n', 1,
         "reference_victim_codes", "9999"),
]
# fmt: on


@pytest.mark.parametrize("case", CASES)
def test_problem_is_reported_at_its_line(tmp_path: Path, case: Case) -> None:
    root = copy_mini(tmp_path)
    first = append(root, case.file, case.text)
    file, line = case.where or (case.file, first + case.at - 1)
    problems = problems_of(root)
    located = [p for p in problems if (p.file, p.line) == (file, line)]
    assert located, f"no problem at {file}:{line}; got {[str(p) for p in problems]}"
    for fragment in case.message:
        assert any(fragment in p.message for p in located), (
            f"{fragment!r} not in {[str(p) for p in located]}"
        )


def test_all_problems_are_listed_at_once(tmp_path: Path) -> None:
    root = copy_mini(tmp_path)
    country = (
        append(root, "countries.more.yaml", "countries:\n  - {code: SPAIN, name: Spain}\n") + 1
    )
    actor = append(root, "actors.yaml", "- {variants: [Nobody], country: USA}\n")
    verb = append(root, "verbs.yaml", '"043":\n  - greet {T} and {T}\n') + 1
    with pytest.raises(CodebookError) as info:
        load_codebook(root)
    error = info.value
    assert sorted((p.file, p.line) for p in error.problems) == sorted(
        [("countries.more.yaml", country), ("actors.yaml", actor), ("verbs.yaml", verb)]
    )
    text = str(error)
    assert "3 problem(s)" in text and error.code == "EC100" and "codebook check" in text
    for p in error.problems:
        assert f"{p.file}:{p.line}: {p.message}" in text


def test_syntax_error_in_codebook_yaml(tmp_path: Path) -> None:
    root = copy_mini(tmp_path)
    line = append(root, "codebook.yaml", "coder: [unclosed\n")
    problems = problems_of(root)
    assert [p.file for p in problems] == ["codebook.yaml"]
    assert problems[0].line in (line, line + 1)  # the parser notices at the end of the file


def test_empty_section_file_is_allowed(tmp_path: Path) -> None:
    root = copy_mini(tmp_path)
    (root / "verbs.empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert load_codebook(root).counts == load_codebook(MINI).counts


def test_section_split_across_files(tmp_path: Path) -> None:
    root = copy_mini(tmp_path)
    (root / "verbs.more.yaml").write_text('"043":\n  - host\n', encoding="utf-8")
    (root / "actors.people.yaml").write_text(
        "- {name: Jane Roe, country: GBR, type: person}\n", encoding="utf-8"
    )
    book = load_codebook(root)
    (host,) = book.verbs["hosted"]
    assert (host.code, str(host.where)) == ("043", "verbs.more.yaml:2")
    assert str(named_entry(book, "Jane Roe").where) == "actors.people.yaml:1"


def test_repeated_group_key_in_one_file_is_not_silently_dropped(tmp_path: Path) -> None:
    root = copy_mini(tmp_path)
    line = append(root, "verbs.yaml", '"020":\n  - beg\n')
    try:
        book = load_codebook(root)
    except CodebookError as exc:
        assert any((p.file, p.line) == ("verbs.yaml", line) for p in exc.problems)
    else:
        assert "urge" in book.verbs and "beg" in book.verbs


def test_unquoted_group_key_is_reported_at_its_line(tmp_path: Path) -> None:
    root = copy_mini(tmp_path)
    line = append(root, "verbs.yaml", "042:\n  - tour\n")
    problems = problems_of(root)
    assert [(p.file, p.line) for p in problems] == [("verbs.yaml", line)]


def test_phrase_conflict_names_the_other_actor(tmp_path: Path) -> None:
    root = copy_mini(tmp_path)
    append(
        root,
        "actors.yaml",
        "- {name: Jane Blinken, variants: [Blinken], country: GBR, type: person}\n",
    )
    (problem,) = problems_of(root)
    assert "Antony Blinken" in problem.message


def test_same_phrase_same_code_is_not_a_conflict(tmp_path: Path) -> None:
    root = copy_mini(tmp_path)
    append(
        root,
        "actors.yaml",
        "- {name: Tony Blinken, variants: [Blinken], country: USA, type: person}\n",
    )
    load_codebook(root)


# ------------------------------------------------------------ inflections


@pytest.mark.parametrize("form", ["pay", "pays", "paid", "paying"])
def test_verb_pattern_matches_inflections(form: str) -> None:
    book = load_codebook(MINI)
    patterns = [p for p in book.verbs[form] if p.text == "pay visit to"]
    assert [p.code for p in patterns] == ["042"]
    assert "visits" in patterns[0].before_target[0].forms


@pytest.mark.parametrize(
    ("form", "pattern"),
    [
        ("criticised", "criticize|criticise"),
        ("criticizing", "criticize|criticise"),
        ("urged", "urge"),
        ("met", "meet with"),
        ("meets", "meet"),
        ("called", "call on"),
        ("arrested", "arrest"),
    ],
)
def test_verb_forms_index(form: str, pattern: str) -> None:
    assert pattern in [p.text for p in load_codebook(MINI).verbs[form]]


def test_longest_verb_pattern_comes_first() -> None:
    called = load_codebook(MINI).verbs["called"]
    assert [p.text for p in called][-1] == "call"
    assert called[0].size > called[-1].size


@pytest.mark.parametrize(
    ("form", "pattern"),
    [("attacks", "attack on {T}"), ("talks", "talks with {T}"), ("visits", "visit to {T}")],
)
def test_noun_pattern_matches_plural(form: str, pattern: str) -> None:
    assert pattern in [p.text for p in load_codebook(MINI).nouns[form]]


@pytest.mark.parametrize(
    ("phrase", "role"),
    [
        ("militia", "UAF"),
        ("militias", "UAF"),
        ("soldiers", "MIL"),
        ("prime ministers", "GOV"),
        ("secretary of state", "GOV"),
        ("secretaries of state", "GOV"),
        ("national security advisers", "GOV"),
    ],
)
def test_agent_plurals(phrase: str, role: str) -> None:
    book = load_codebook(MINI)
    tokens = tuple(phrase.split())
    matches = [p for p in book.phrases.get(tokens[0], ()) if p.tokens == tokens]
    assert [(p.entry.kind, p.entry.role) for p in matches] == [("agent", role)]
    assert not matches[0].capitalized and matches[0].case_sensitive is None


def test_agent_matches_in_any_case() -> None:
    book = load_codebook(MINI)
    for text in ("Militias", "militias", "MILITIAS"):
        (piece,) = dictionary_pieces(tokenize(text), book)
        assert piece.entry.role == "UAF"


# ------------------------------------------------------------ case of names


def test_acronym_is_case_sensitive_in_the_index() -> None:
    book = load_codebook(MINI)
    us = book.phrases.get("us", ())
    assert us, "the acronym US should be indexed"
    assert all(p.case_sensitive == "US" for p in us if len(p.tokens) == 1)
    assert not any(
        p.tokens == ("us",) and p.case_sensitive is None
        for phrases in book.phrases.values()
        for p in phrases
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The US said", [("US", "USA")]),
        ("They told us", []),
        ("Us and them", []),
        ("The U.S. said", [("U.S.", "USA")]),
        ("the UN said", [("UN", "IGOUNO")]),
        ("un tel", []),
        ("Blinken met Sudani", [("Blinken", "USA"), ("Sudani", "IRQ")]),
        ("blinken", []),
        ("Iraqi militias", [("Iraqi", "IRQ"), ("militias", "UAF")]),
        ("Kata’ib Hezbollah", [("Kata’ib Hezbollah", "IRQUAF")]),
    ],
)
def test_dictionary_case_rules_mini(text: str, expected: list[tuple[str, str]]) -> None:
    book = load_codebook(MINI)
    tokens = tokenize(text)
    found = [
        (text[tokens[p.first].start : tokens[p.last].end], p.entry.code)
        for p in dictionary_pieces(tokens, book)
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkey closed its border", ["TUR"]),
        ("They ate turkey", []),
        ("Türkiye and Turkiye", ["TUR", "TUR"]),
        ("The US and Turkey", ["USA", "TUR"]),
        ("tell us", []),
        ("Ankara", ["TURGOV"]),
    ],
)
def test_dictionary_case_rules_default(text: str, expected: list[str]) -> None:
    book = load_codebook()
    assert [p.entry.code for p in dictionary_pieces(tokenize(text), book)] == expected


# ------------------------------------------------------------ dated roles

ROLES = (
    "- {name: Jane Roe, country: USA, code: USAOPP, type: person,\n"
    "   roles: [{code: USAMIL, from: 2021-06-01},\n"
    "           {code: USAGOV, from: 2020-01-01, to: 2020-12-31},\n"
    "           {code: USALEG, to: 2015-12-31}]}\n"
)


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2010, 1, 1), "USALEG"),
        (date(2015, 12, 31), "USALEG"),
        (date(2016, 1, 1), "USAOPP"),
        (date(2019, 12, 31), "USAOPP"),
        (date(2020, 1, 1), "USAGOV"),
        (date(2020, 12, 31), "USAGOV"),
        (date(2021, 3, 1), "USAOPP"),
        (date(2021, 6, 1), "USAMIL"),
        (date(2040, 1, 1), "USAMIL"),
        (None, "USAMIL"),  # no date: the open-ended current role
    ],
)
def test_code_on_picks_the_role_valid_that_day(tmp_path: Path, day: date | None, code: str) -> None:
    root = copy_mini(tmp_path)
    append(root, "actors.yaml", ROLES)
    assert named_entry(load_codebook(root), "Jane Roe").code_on(day) == code


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2021, 1, 25), "USA"),
        (date(2021, 1, 26), "USAGOV"),
        (date(2025, 1, 20), "USAGOV"),
        (date(2025, 1, 21), "USA"),
        (None, "USA"),  # the only role has ended
    ],
)
def test_code_on_mini_actor(day: date | None, code: str) -> None:
    entry = named_entry(load_codebook(MINI), "Antony Blinken")
    assert entry.code == "USA"  # `code` defaults to `country`
    assert entry.code_on(day) == code


def test_actor_without_roles_keeps_its_code() -> None:
    entry = named_entry(load_codebook(MINI), "Masoud Barzani")
    assert entry.code_on(date(2024, 1, 1)) == entry.code_on(None) == "IRQPTY"
