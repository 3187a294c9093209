"""Score eventcoder against PETRARCH validation records.

A PETRARCH validation file (``PETR.UnitTest.records.xml``) names its
dictionaries in ``<Environment>`` and holds ``<Sentence>`` records, each with
its ``<Text>`` and the events PETRARCH should code::

    <Sentence date="19950101" id="DEMO-00" category="DEMO">
    <EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
    <Text>Arnor is about to restore full diplomatic ties with Gondor ...</Text>
    <Parse>...</Parse>                  (never read: eventcoder codes raw text)
    </Sentence>

``<EventCoding noevents="True">`` (or no coding) expects nothing;
``error="sentencediscard"``/``"storydiscard"`` expects a discard. Each text
is coded with eventcoder on an article published on the record's date, and
its (source, target, event) triples are compared with the expected ones as
PETRARCH does: every coded triple must match a distinct expected one and
every expected one must be matched; nothing expected and nothing coded
passes. An actor eventcoder codes by its role alone (``official`` -> GOV) is
written ``---GOV`` as PETRARCH writes it.

A TABARI validation text (``Validate.text``: records of a ``YYMMDD ID``
line, the text and a ``/* ... { SRC / TGT / CODE } ... */`` comment) is read
by :mod:`eventcoder.codebook.tabari.records` and scored the same way, with
the dictionaries its ``.project`` names: ``-{...}`` events may be coded or
not, ``{###}`` expects a discard and ``{+++}`` (TABARI sets a complex
sentence aside) passes when nothing is coded.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .codebook.codebook import Codebook
from .codebook.entries import Settings
from .codebook.petrarch import LoadReport, PetrarchFiles, find_discard, load_petrarch_files
from .codebook.petrarch.source import Ignored
from .codebook.tabari import (
    Expect,
    TabariFiles,
    TabariOptions,
    TabariRecord,
    apply_command,
    coder_settings,
    find_files,
    load_tabari_files,
    read_options,
    read_tabari_records,
)
from .coder import analyse_article
from .errors import DictionaryError, ValidationFileError
from .model import ActorMention, Article

Triple = tuple[str, str, str]

DISCARD_ERRORS = {"sentencediscard": "sentence", "storydiscard": "story"}
ANY_DISCARD = "discard"  # TABARI {###}: a discard of either level
COMPLEX = "complex"  # TABARI {+++}: the sentence is set aside, nothing coded
PETRARCH_ONLY_OPTIONS = ("require_dyad", "new_actor_length", "comma_min", "comma_max", "comma_bmin", "comma_bmax",
                         "comma_emin", "comma_emax", "stop_on_error")
_ENV_FILES = {"Verbfile": "verbs", "Actorfile": "actors", "Agentfile": "agents", "Discardfile": "discards"}


@dataclass(frozen=True, slots=True)
class Record:
    """One ``<Sentence>`` of a validation file."""

    id: str
    category: str
    day: date | None
    text: str
    expected: tuple[Triple, ...]
    error: str | None = None
    options: tuple[tuple[str, str], ...] = ()
    optional: tuple[Triple, ...] = ()  # TABARI -{...}: may be coded or not
    tabari: TabariOptions | None = None  # TABARI: the options in effect (files, then OPTION: records)


@dataclass(frozen=True, slots=True)
class RecordResult:
    record: Record
    coded: tuple[Triple, ...]
    passed: bool
    reason: str = ""


@dataclass(frozen=True)
class Environment:
    """A validation file's ``<Environment>``: dictionaries, categories, options."""

    files: dict[str, tuple[str, ...]]
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    title: str = "PETRARCH validation"
    notes: tuple[str, ...] = ()  # what the reader set aside, said in the report's header


@dataclass(frozen=True)
class ValidationReport:
    records_file: Path
    environment: Environment
    results: tuple[RecordResult, ...]
    load_report: LoadReport | None = None
    min_pass: float | None = None
    options_seen: tuple[str, ...] = field(default=())

    @property
    def passed(self) -> int:
        return sum(1 for r in self.results if r.passed)

    @property
    def failed(self) -> int:
        return len(self.results) - self.passed

    @property
    def pass_rate(self) -> float:
        return self.passed / len(self.results) if self.results else 0.0

    @property
    def meets_minimum(self) -> bool:
        return self.min_pass is None or self.pass_rate >= self.min_pass

    @property
    def failures(self) -> list[RecordResult]:
        return [r for r in self.results if not r.passed]

    def by_category(self) -> dict[str, tuple[int, int]]:
        """``{category: (passed, total)}`` in the file's order of categories."""
        out: dict[str, list[int]] = {}
        for r in self.results:
            counts = out.setdefault(r.record.category, [0, 0])
            counts[0] += r.passed
            counts[1] += 1
        return {k: (v[0], v[1]) for k, v in out.items()}


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() == "true"


def _day(text: str | None) -> date | None:
    text = (text or "").strip()
    if len(text) == 8 and text.isdigit():
        try:
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            return None
    return None


def read_records(records_xml: Path) -> tuple[Environment, list[Record]]:
    """The environment and every record of a PETRARCH validation file, in order.

    ``<Config>`` options apply to the records after them; each record keeps
    the options then in effect (eventcoder reports them, it cannot apply them).
    """
    try:
        root = ET.parse(records_xml).getroot()
    except FileNotFoundError as exc:
        raise ValidationFileError(f"{records_xml}: no such file") from exc
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else 0
        raise ValidationFileError(f"{records_xml}:{line}: not well-formed XML ({exc})") from exc
    if root.tag != "Validation" and root.find("Sentences") is None and root.find("Sentence") is None:
        raise ValidationFileError(f"{records_xml}:1: root element <{root.tag}> is not <Validation>")
    env_node = root.find("Environment")
    files: dict[str, list[str]] = {}
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    options: dict[str, str] = {}
    if env_node is not None:
        for child in env_node:
            text = (child.text or "").strip()
            if child.tag in _ENV_FILES and text:
                files.setdefault(_ENV_FILES[child.tag], []).append(text)
            elif child.tag == "Include":
                include = tuple((child.text or "").split())
            elif child.tag == "Exclude":
                exclude = tuple((child.text or "").split())
    records: list[Record] = []
    for node in root.iter():
        if node.tag == "Config":
            options[node.get("option", "").strip()] = node.get("value", "").strip()
            continue
        if node.tag != "Sentence":
            continue
        text_node = node.find("Text")
        lines = (text_node.text or "").splitlines() if text_node is not None else []
        text = " ".join(line.strip() for line in lines if line.strip())
        expected: list[Triple] = []
        error = None
        for coding in node.findall("EventCoding"):
            if _flag(coding.get("noevents")):
                expected = []
                break
            if coding.get("error"):
                error = coding.get("error", "").strip()
                expected = []
                break
            expected.append((coding.get("sourcecode", "").strip(), coding.get("targetcode", "").strip(),
                             coding.get("eventcode", "").strip()))
        records.append(Record(node.get("id", "").strip(), node.get("category", "").strip(), _day(node.get("date")),
                              text, tuple(expected), error, tuple(sorted(options.items()))))
    env = Environment({k: tuple(v) for k, v in files.items()}, include, exclude)
    return env, records


def compare(coded: Iterable[Triple], expected: Iterable[Triple],
            optional: Iterable[Triple] = ()) -> tuple[list[Triple], list[Triple]]:
    """``(unmatched_coded, unmatched_expected)`` by PETRARCH's one-to-one matching.

    A coded triple that matches no expected one may match an ``optional`` one.
    """
    left = list(expected)
    maybe = list(optional)
    extra: list[Triple] = []
    for triple in coded:
        if triple in left:
            left.remove(triple)
        elif triple in maybe:
            maybe.remove(triple)
        else:
            extra.append(triple)
    return extra, left


def actor_code(actor: ActorMention, prefix_roles: frozenset[str] = frozenset(), convert: bool = False) -> str:
    """The code PETRARCH would write: ``---GOV`` for an agent with no country; with TABARI's
    ``CONVERT AGENTS`` the agent's own code (``~GOV``, or ``NGO~`` for a prefix agent)."""
    if actor.country is None and actor.role and actor.code == actor.role:
        if convert:
            return f"{actor.code}~" if actor.role in prefix_roles else f"~{actor.code}"
        if actor.role not in prefix_roles:
            return "---" + actor.code
    return actor.code


def code_record(record: Record, codebook: Codebook,
                prefix_roles: frozenset[str] = frozenset()) -> tuple[list[Triple], tuple[str, str] | None]:
    """The triples eventcoder codes for a record, and the discard that stopped it, if any."""
    convert = record.tabari is not None and record.tabari.convert_agents
    story = find_discard(record.text, codebook.settings)
    if story is not None and story[0] == "story":
        return [], story
    article = Article(article_id=record.id, text=record.text, published=record.day)
    triples: list[Triple] = []
    discard: tuple[str, str] | None = None
    for result in analyse_article(article, codebook):
        hit = find_discard(result.sentence.text, codebook.settings)
        if hit is not None:
            discard = discard or hit
            continue
        for event in result.events:
            if not (event.source.code and event.target.code):
                continue  # PETRARCH codes dyads only: a one-sided event ("X was attacked") is not compared
            triples.append((actor_code(event.source, prefix_roles, convert),
                            actor_code(event.target, prefix_roles, convert), event.event_code))
    return triples, discard


def evaluate_record(record: Record, codebook: Codebook, prefix_roles: frozenset[str] = frozenset()) -> RecordResult:
    coded, discard = code_record(record, codebook, prefix_roles)
    if record.error in (ANY_DISCARD, COMPLEX):
        return _special_result(record, coded, discard)
    if record.error is not None:
        wanted = DISCARD_ERRORS.get(record.error)
        if wanted is None:
            return RecordResult(record, tuple(coded), False,
                                f"error check {record.error!r} needs PETRARCH's parse input; eventcoder reads raw text")
        if discard is None:
            return RecordResult(record, tuple(coded), False, f"expected a {wanted} discard, none matched")
        if discard[0] != wanted:
            return RecordResult(record, tuple(coded), False, f"expected a {wanted} discard, got a {discard[0]} "
                                                             f"discard ({discard[1]!r})")
        return RecordResult(record, (), True, f"{wanted} discard {discard[1]!r}")
    if discard is not None and record.optional and not record.expected:
        return RecordResult(record, (), True, f"{discard[0]} discard {discard[1]!r}; its events were optional")
    if discard is not None:
        return RecordResult(record, tuple(coded), False, f"unexpected {discard[0]} discard {discard[1]!r}")
    extra, missing = compare(coded, record.expected, record.optional)
    if not extra and not missing:
        return RecordResult(record, tuple(coded), True)
    parts = []
    if missing:
        parts.append("missing " + ", ".join(" ".join(t) for t in missing))
    if extra:
        parts.append("extra " + ", ".join(" ".join(t) for t in extra))
    return RecordResult(record, tuple(coded), False, "; ".join(parts))


def _special_result(record: Record, coded: list[Triple], discard: tuple[str, str] | None) -> RecordResult:
    """A TABARI ``{###}`` record passes on a discard; a ``{+++}`` one when nothing is coded."""
    if discard is not None:
        return RecordResult(record, (), True, f"{discard[0]} discard {discard[1]!r}")
    if record.error == COMPLEX and not coded:
        return RecordResult(record, (), True, "nothing coded, as TABARI sets a complex sentence aside")
    wanted = "a discard" if record.error == ANY_DISCARD else "nothing (a complex sentence)"
    return RecordResult(record, tuple(coded), False, f"expected {wanted}, coded {len(coded)} event(s)")


def resolve_dictionaries(env: Environment, records_xml: Path, dictionaries: Path | None) -> PetrarchFiles:
    """The files ``<Environment>`` names, looked up in ``dictionaries`` (or beside the records)."""
    if dictionaries is not None:
        places = [Path(dictionaries)]
    else:
        here = Path(records_xml).resolve().parent
        places = [here, here / "dictionaries", here.parent / "dictionaries"]
    found: dict[str, list[Path]] = {}
    missing: list[str] = []
    for kind, names in env.files.items():
        for name in names:
            path = next((p / name for p in places if (p / name).is_file()), None)
            if path is None:
                missing.append(name)
            else:
                found.setdefault(kind, []).append(path)
    if missing:
        raise DictionaryError(f"dictionaries named in {records_xml} <Environment> not found in "
                              f"{', '.join(str(p) for p in places)}: {', '.join(missing)}",
                              "pass --dictionaries DIR, the directory that holds them")
    if not found:
        raise ValidationFileError(f"{records_xml} names no dictionaries in <Environment>",
                                  "add <Verbfile>, <Actorfile>, <Agentfile> or <Discardfile> to <Environment>")
    return PetrarchFiles(**{k: tuple(v) for k, v in found.items()})


def is_tabari_text(path: Path) -> bool:
    """Whether ``path`` holds TABARI records rather than PETRARCH XML (which starts with ``<``)."""
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(4096).lstrip()
    except FileNotFoundError as exc:
        raise ValidationFileError(f"{path}: no such file") from exc
    return bool(head) and not head.startswith(b"<")


def _from_tabari(record: TabariRecord, options: TabariOptions) -> Record:
    error = {Expect.DISCARD: ANY_DISCARD, Expect.COMPLEX: COMPLEX}.get(record.expect)
    return Record(record.id, record.category, record.day, record.text, record.expected, error, (), record.optional,
                  options)


def _with_options(items: list[TabariRecord], options: TabariOptions) -> list[Record]:
    """The scored records, each with the options in effect: the files', then every earlier ``OPTION:`` record's."""
    tests = []
    for item in items:
        for command in item.commands:
            options = apply_command(options, command) or options
        if item.standard and not item.is_option:
            tests.append(_from_tabari(item, options))
    return tests


def read_tabari(path: Path, dictionaries: Path | None) -> tuple[Environment, list[Record], TabariFiles]:
    """The test records of a TABARI validation text and the files of its dictionary directory.

    ``OPTION:`` records are not tests: they change the options of the records
    after them (``DEFAULT:`` and ``SET: CONVERT AGENTS`` are applied); the
    records after the suite's ``FINAL`` record are not scored. Both are
    counted in the notes.
    """
    items = read_tabari_records(path)
    files = find_files(Path(dictionaries) if dictionaries is not None else Path(path).resolve().parent)
    tests = _with_options(items, read_options(files.options, Ignored()))
    commands = [c for r in items if r.standard for c in r.commands]
    later = sum(1 for r in items if not r.standard and not r.is_option)
    notes = []
    if commands:
        notes.append(f"OPTION: commands read: {len(commands)} (DEFAULT:, COMPLEX:, COMMA:, SET: CODE BY and "
                     "SET: CONVERT AGENTS applied, the others have no eventcoder counterpart)")
    if later:
        notes.append(f"records after the suite's FINAL record, not scored: {later}")
    env = Environment({k: tuple(p.name for p in v) for k, v in files.by_kind().items() if v},
                      title="TABARI validation", notes=tuple(notes))
    return env, tests, files


def validate(records_xml: Path, dictionaries: Path | None, *, min_pass: float | None = None,
             codebook: Codebook | None = None, cache: bool = True) -> ValidationReport:
    """Code every record of a PETRARCH validation file and compare with its expected events.

    ``dictionaries`` is the directory holding the files ``<Environment>``
    names (default: beside the records file or in ``../dictionaries``).
    ``min_pass`` is a fraction in [0, 1]; ``report.meets_minimum`` says
    whether the pass rate reached it. A ``codebook`` given replaces the
    dictionaries (e.g. to validate an exported YAML codebook).
    """
    if min_pass is not None and not 0.0 <= min_pass <= 1.0:
        raise ValueError(f"min_pass must be a fraction from 0 to 1, got {min_pass}")
    records_xml = Path(records_xml)
    load_report = None
    if is_tabari_text(records_xml):
        env, records, tabari_files = read_tabari(records_xml, dictionaries)
        if codebook is None:
            codebook, load_report = load_tabari_files(tabari_files, cache=cache)
    else:
        env, records = read_records(records_xml)
    if codebook is None:
        files = resolve_dictionaries(env, records_xml, dictionaries)
        codebook, load_report = load_petrarch_files(files, cache=cache)
    prefix_roles = load_report.prefix_roles if load_report is not None else frozenset()
    books: dict[Settings, Codebook] = {codebook.settings: codebook}
    results = tuple(evaluate_record(r, _book_for(r, codebook, books), prefix_roles) for r in records)
    seen = sorted({k for r in records for k, _ in r.options if k in PETRARCH_ONLY_OPTIONS})
    return ValidationReport(records_xml, env, results, load_report, min_pass, tuple(seen))


def _book_for(record: Record, codebook: Codebook, books: dict[Settings, Codebook]) -> Codebook:
    """``codebook`` with the coder settings of the record's TABARI options (one codebook per distinct settings)."""
    if record.tabari is None:
        return codebook
    settings = coder_settings(codebook.settings, record.tabari)
    if settings not in books:
        books[settings] = dataclasses.replace(codebook, settings=settings)
    return books[settings]


def render_report(report: ValidationReport, *, failures: bool = True, width: int = 110) -> str:
    """A readable report; its last line is exactly ``N passed, N failed``."""
    lines = [f"{report.environment.title}: {report.records_file}"]
    for kind, names in report.environment.files.items():
        lines.append(f"  {kind}: {', '.join(names)}")
    lines.extend(f"  {note}" for note in report.environment.notes)
    if report.load_report is not None and report.load_report.ignored:
        lines.append(f"  dictionary lines eventcoder could not express: {len(report.load_report.ignored)}")
    if report.options_seen:
        options = ", ".join(report.options_seen)
        lines.append(f"  <Config> options with no eventcoder counterpart (not applied): {options}")
    lines.append("")
    lines.append(f"{'category':<12} {'passed':>6} {'total':>6} {'rate':>6}")
    for category, (passed, total) in report.by_category().items():
        lines.append(f"{category:<12} {passed:>6} {total:>6} {passed / total:>6.0%}")
    lines.append(f"{'all':<12} {report.passed:>6} {len(report.results):>6} {report.pass_rate:>6.0%}")
    if failures and report.failures:
        lines.append("")
        lines.append("failing records:")
        for r in report.failures:
            text = r.record.text if len(r.record.text) <= width else r.record.text[: width - 3] + "..."
            lines.append(f"- {r.record.id} [{r.record.category}] {text}")
            lines.append(f"    expected: {_triples(r.record.expected, r.record.error)}")
            lines.append(f"    coded:    {_triples(r.coded, None)}")
            if r.reason:
                lines.append(f"    why:      {r.reason}")
    if report.min_pass is not None:
        verdict = "reaches" if report.meets_minimum else "is below"
        lines.append("")
        lines.append(f"pass rate {report.pass_rate:.1%} {verdict} the minimum {report.min_pass:.1%}")
    lines.append(f"{report.passed} passed, {report.failed} failed")
    return "\n".join(lines)


def _triples(triples: Iterable[Triple], error: str | None) -> str:
    if error:
        return f"error {error!r}"
    items = [" ".join(t) for t in triples]
    return "; ".join(items) if items else "no events"
