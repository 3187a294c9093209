"""The ``acled``, ``names`` and ``places`` sections: parsed into typed values and checked at load (issue 12).

Each case writes one file into a copy of tests/data/mini_codebook, so the
file:line its problem must be reported at is known exactly.
"""

from __future__ import annotations

import dataclasses
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventcoder.cli import app
from eventcoder.codebook import load_codebook
from eventcoder.codebook.acled import AcledMapping
from eventcoder.codebook.names import FoldingSection, FuzzySettings, NamesSection
from eventcoder.codebook.places import ExtraPlace
from eventcoder.errors import CodebookError, Problem

MINI = Path(__file__).resolve().parents[1] / "data" / "mini_codebook"
DEFAULT_ACLED = Path(__file__).resolve().parents[2] / "codebooks" / "default" / "acled.yaml"


def copy_mini(tmp_path: Path) -> Path:
    root = tmp_path / "codebook"
    shutil.copytree(MINI, root)
    return root


def problems_of(root: Path) -> list[Problem]:
    with pytest.raises(CodebookError) as info:
        load_codebook(root)
    return info.value.problems


@dataclass(frozen=True)
class Case:
    id: str
    file: str
    text: str
    line: int  # where the problem must be reported
    message: tuple[str, ...]  # fragments of its message


def case(id: str, file: str, text: str, line: int, *message: str) -> object:
    return pytest.param(Case(id, file, text, line, message), id=id)


# fmt: off
CASES = [
    # acled.yaml
    case("acled-issue-reproduction", "acled.yaml", "acled:\n  rules: [{codes: 12, event_type: 5}]\n", 2,
         "code 12", "event_type 5", "lacks sub_event_type"),
    case("acled-without-acled-key", "acled.yaml", "rules: [{codes: 12, event_type: 5}]\n", 1,
         "under `acled:`"),
    case("acled-rules-not-a-list", "acled.yaml", "acled:\n  rules: {codes: '190'}\n", 2,
         "rules must be a list"),
    case("acled-rule-not-a-mapping", "acled.yaml", "acled:\n  rules:\n    - '190'\n", 3,
         "each rule must be a mapping"),
    case("acled-unknown-rule-field", "acled.yaml",
         "acled:\n  disorder_types: {Riots: Demonstrations}\n  rules:\n"
         "    - {codes: ['145'], event_type: Riots, sub_event_type: Mob violence, when: always}\n", 4,
         "unknown rule field 'when'"),
    case("acled-unknown-word-list", "acled.yaml",
         "acled:\n  disorder_types: {Riots: Demonstrations}\n  rules:\n"
         "    - {codes: ['145'], event_type: Riots, sub_event_type: Mob violence, if_words: $nope}\n", 4,
         "no word list 'nope'"),
    case("acled-no-disorder-type", "acled.yaml",
         "acled:\n  rules:\n    - {codes: ['145'], event_type: Riots, sub_event_type: Mob violence}\n", 3,
         "no disorder_type for 'Riots'"),
    case("acled-inter-code-out-of-range", "acled.yaml", "acled:\n  inter:\n    roles: {MIL: 9}\n", 3,
         "inter code 9"),
    case("acled-region-twice", "acled.yaml",
         "acled:\n  regions:\n    Middle East: [IRQ]\n    Western Asia: [SYR,\n      IRQ]\n", 5,
         "IRQ is in both"),
    case("acled-bad-word", "acled.yaml", "acled:\n  words:\n    guns: ['rifle(s)']\n", 3,
         "word 'rifle(s)'"),
    # names.yaml
    case("names-not-a-mapping", "names.yaml", "- ou\n", 1, "must hold a mapping"),
    case("names-unknown-top-key", "names.yaml", "names: {}\nnicknames: {}\n", 2, "unknown key 'nicknames'"),
    case("names-unknown-folding-key", "names.yaml", "names:\n  spellings: []\n", 2, "unknown key 'spellings'"),
    case("names-unknown-normaliser", "names.yaml", "names:\n  normaliser: mine.v2\n", 2,
         "unknown name normaliser 'mine.v2'"),
    case("names-bad-regular-expression", "names.yaml", "names:\n  equivalences:\n    - ['(', x]\n", 3,
         "equivalence '('"),
    case("names-equivalence-not-a-pair", "names.yaml", "names:\n  equivalences:\n    - [ou]\n", 3,
         "pair of strings"),
    case("names-word-list-of-numbers", "names.yaml", "names:\n  particles: [1, 2]\n", 2,
         "particles must be a list of words"),
    case("names-fuzzy-threshold", "names.yaml", "fuzzy:\n  threshold: 200\n", 2, "threshold", "200"),
    case("names-fuzzy-scorer", "names.yaml", "fuzzy: {scorer: nope}\n", 1, "unknown fuzzy scorer 'nope'"),
    case("names-fuzzy-not-a-mapping", "names.yaml", "fuzzy: [60]\n", 1, "fuzzy: must be a mapping"),
    # places*.yaml
    case("places-issue-reproduction", "places.yaml", "places: 7\n", 1, "places must be a list"),
    case("places-item-not-a-mapping", "places.yaml", "places:\n  - Kirkuk\n", 2, "mapping with a `name`"),
    case("places-without-name", "places.yaml", "places:\n  - {country: IRQ}\n", 2, "needs a `name`"),
    case("places-country-not-iso3", "places.more.yaml", "places:\n  - {name: Erbil, country: Iraq}\n", 2,
         "'Erbil'", "alpha-3"),
    case("places-half-coordinates", "places.yaml", "places:\n  - {name: Erbil, latitude: 36.2}\n", 2,
         "both latitude and longitude"),
    case("places-latitude-out-of-range", "places.yaml",
         "places:\n  - {name: Erbil, country: IRQ}\n  - {name: Nowhere, latitude: 95, longitude: 1}\n", 3,
         "latitude must be a number from -90 to 90"),
    case("places-precision", "places.yaml", "places:\n  - {name: Erbil, country: IRQ, precision: 7}\n", 2,
         "precision must be 1"),
    case("places-unknown-field", "places.yaml", "places:\n  - {name: Erbil, lat: 36.2}\n", 2,
         "unknown place field 'lat'"),
    case("places-population", "places.yaml", "places:\n  - {name: Erbil, population: lots}\n", 2,
         "population must be a whole number"),
    case("places-names-not-text", "places.yaml", "places:\n  - {name: Erbil, names: [1]}\n", 2,
         "names must be a name or a list of names"),
]
# fmt: on


@pytest.mark.parametrize("case", CASES)
def test_a_bad_section_is_reported_at_its_line(tmp_path: Path, case: Case) -> None:
    root = copy_mini(tmp_path)
    (root / case.file).write_text(case.text, encoding="utf-8")
    problems = problems_of(root)
    located = [p for p in problems if (p.file, p.line) == (case.file, case.line)]
    assert located, f"no problem at {case.file}:{case.line}; got {[str(p) for p in problems]}"
    for fragment in case.message:
        assert any(fragment in p.message for p in located), f"{fragment!r} not in {[str(p) for p in located]}"


@pytest.mark.parametrize("section", ["acled", "names"])
def test_a_section_held_once_may_not_have_two_files(tmp_path: Path, section: str) -> None:
    root = copy_mini(tmp_path)
    text = DEFAULT_ACLED.read_text(encoding="utf-8") if section == "acled" else "names: {}\n"
    (root / f"{section}.yaml").write_text(text, encoding="utf-8")
    (root / f"{section}.more.yaml").write_text(text, encoding="utf-8")
    problems = problems_of(root)  # files are read in name order: the .more one comes first
    assert [(p.file, p.line) for p in problems] == [(f"{section}.yaml", 1)]
    assert f"{section}.more.yaml is the first" in problems[0].message


def test_every_problem_of_every_file_is_listed(tmp_path: Path) -> None:
    root = copy_mini(tmp_path)
    (root / "acled.yaml").write_text("acled:\n  rules: [{codes: 12, event_type: 5}]\n", encoding="utf-8")
    (root / "places.yaml").write_text("places: 7\n", encoding="utf-8")
    (root / "names.yaml").write_text("fuzzy: {threshold: 0}\n", encoding="utf-8")
    (root / "verbs.more.yaml").write_text('"043": [\n', encoding="utf-8")
    (root / "nouns.more.yaml").write_text("x: {\n", encoding="utf-8")
    files = {p.file for p in problems_of(root)}
    assert files == {"acled.yaml", "places.yaml", "names.yaml", "verbs.more.yaml", "nouns.more.yaml"}


def test_a_bad_codebook_yaml_is_listed_with_the_other_files_syntax(tmp_path: Path) -> None:
    root = copy_mini(tmp_path)
    (root / "verbs.more.yaml").write_text('"043": [\n', encoding="utf-8")
    with (root / "codebook.yaml").open("a", encoding="utf-8") as handle:
        handle.write("coder: [unclosed\n")
    assert sorted(p.file for p in problems_of(root)) == ["codebook.yaml", "verbs.more.yaml"]


def test_the_sections_are_typed_and_frozen() -> None:
    book = load_codebook()
    assert isinstance(book.acled, AcledMapping) and book.acled.rules
    assert isinstance(book.names, NamesSection) and book.names.fuzzy == FuzzySettings()
    assert book.places == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        book.names.fuzzy.threshold = 1.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        book.acled.rules = ()  # type: ignore[misc]


def test_a_codebook_without_the_sections_has_their_defaults() -> None:
    book = load_codebook(MINI)
    assert book.acled is None and book.names == NamesSection(FoldingSection(), FuzzySettings()) and book.places == ()


def test_places_are_parsed_into_values(tmp_path: Path) -> None:
    root = copy_mini(tmp_path)
    (root / "places.yaml").write_text(
        "places:\n"
        "  - {name: Kurdistan Region, names: [Iraqi Kurdistan], country: IRQ, latitude: 36.4, longitude: 44.4,\n"
        "     precision: 2, id: krd}\n"
        "  - {name: Dixie, country_code: USA, variants: The South}\n",
        encoding="utf-8",
    )
    assert load_codebook(root).places == (
        ExtraPlace("Kurdistan Region", ("Iraqi Kurdistan",), "IRQ", 36.4, 44.4, precision=2, id="krd"),
        ExtraPlace("Dixie", ("The South",), "USA"),
    )


@pytest.mark.parametrize(
    ("file", "text", "where"),
    [
        ("acled.yaml", "acled:\n  rules: [{codes: 12, event_type: 5}]\n", "acled.yaml:2:"),
        ("places.yaml", "places: 7\n", "places.yaml:1:"),
    ],
    ids=["acled", "places"],
)
def test_the_issue_reproductions_fail_before_any_work(tmp_path: Path, file: str, text: str, where: str) -> None:
    root = copy_mini(tmp_path)
    (root / file).write_text(text, encoding="utf-8")
    runner = CliRunner()
    check = runner.invoke(app, ["codebook", "check", str(root)])
    assert check.exit_code != 0 and where in check.output and "EC100" in check.output
    articles = tmp_path / "a.txt"
    articles.write_text("Iraqi police arrested a man in Kirkuk on Monday.\n", encoding="utf-8")
    out = tmp_path / "out"
    code = runner.invoke(app, ["code", str(articles), "--codebook", str(root), "--out", str(out), "--quiet"])
    assert code.exit_code == check.exit_code and where in code.output and not isinstance(code.exception, TypeError)
    assert not out.exists()


def test_every_scorer_the_section_accepts_is_implemented() -> None:
    from eventcoder.actors.fuzzy import SCORERS
    from eventcoder.codebook.names import FUZZY_SCORERS

    assert set(SCORERS) == FUZZY_SCORERS
