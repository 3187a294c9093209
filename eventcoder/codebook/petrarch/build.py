"""Turn PETRARCH dictionary files into an eventcoder :class:`Codebook`.

The readers yield specs (pattern texts, countries, agents, named actors);
this module compiles them with the same functions ``load_codebook`` uses, in
one canonical order, so that :func:`export_yaml` can write YAML that loads
into an identical codebook. Orders are derived from the entries themselves
(kind, file, line, text): export recomputes them from a loaded codebook.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ...text import tokenize
from ..codebook import Codebook
from ..entries import ActorEntry, EventCode, Pattern, Where
from ..load import _ACRONYM, _index_patterns, _phrase_index, _plural_forms, load_codebook
from ..patterns import PatternSyntaxError, compile_pattern
from ..problems import Problems as _Problems
from .actors import CountrySpec, NamedSpec, classify, read_actor_entries
from .agents import AgentSpec, read_agents
from .discards import read_discards
from .issues import IssueDictionary, read_issues
from .report import KINDS, LoadReport
from .source import Ignored
from .verbs import lemma_of, read_verbs

READER_VERSION = "petrarch-reader-1"
_KIND_RANK = {"country": 0, "agent": 1, "named": 2}
EXTRA_CODE_LABEL = "PETRARCH code outside the CAMEO taxonomy"
PETRARCH_MAX_GAP = 6
"""Words PETRARCH lets stand between pattern words (TABARI: any number in the
phrase); eventcoder's default of 3 misses ``signed an 800 million ducat trade
protocol``."""


@dataclass(frozen=True)
class PetrarchFiles:
    """The dictionary files to read, by kind (each kind read in name order)."""

    verbs: tuple[Path, ...] = ()
    actors: tuple[Path, ...] = ()
    agents: tuple[Path, ...] = ()
    discards: tuple[Path, ...] = ()
    issues: tuple[Path, ...] = ()

    def by_kind(self) -> dict[str, tuple[Path, ...]]:
        return {kind: tuple(sorted(getattr(self, kind), key=lambda p: p.name)) for kind in KINDS}

    def all(self) -> list[Path]:
        return [p for paths in self.by_kind().values() for p in paths]


def kind_of(name: str) -> str | None:
    """The dictionary kind a file name says (``*verbs*``/``CAMEO*``, ``*actors*``...), or None."""
    low = name.lower()
    if "issue" in low:
        return "issues"
    if "verbs" in low or low.startswith("cameo"):
        return "verbs"
    for kind in ("actors", "agents", "discards"):
        if kind in low:
            return kind
    return None


def classify_files(directory: Path) -> tuple[PetrarchFiles, tuple[str, ...]]:
    """The dictionaries of ``directory`` by kind, and the names of files not recognised."""
    found: dict[str, list[Path]] = {kind: [] for kind in KINDS}
    unrecognised: list[str] = []
    for path in sorted(directory.iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        kind = kind_of(path.name)
        if kind is None:
            unrecognised.append(path.name)
        else:
            found[kind].append(path)
    for kind, paths in found.items():
        # PETRARCH ships its unit-test dictionaries (PETR.Validate.*) beside the real ones:
        # mixed in, their made-up codes would override CAMEO's.
        fixtures = [p for p in paths if "validate" in p.name.lower()]
        if fixtures and len(fixtures) < len(paths):
            found[kind] = [p for p in paths if p not in fixtures]
            unrecognised += [f"{p.name} (a validation fixture beside real {kind} files: not used)" for p in fixtures]
    return PetrarchFiles(**{k: tuple(v) for k, v in found.items()}), tuple(unrecognised)


def content_hash(files: PetrarchFiles) -> str:
    digest = hashlib.sha256(READER_VERSION.encode())
    for path in files.all():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def pattern_rank(pattern: Pattern) -> int:
    """0 for a verb written as an inflected form (``left``), tried first; else 1."""
    words = pattern.text.split()
    verb = next((w for w in words if w.startswith("*")), words[1]) if words[0] == "{S}" else words[0]
    first = verb.lstrip("*").split("|")[0]
    return 0 if lemma_of(first) != first else 1


def group_key(pattern: Pattern) -> str:
    """The YAML group a pattern belongs to: its code, or ``code:reverse`` for PETRARCH ``[A:B]``;
    a trailing ``!`` for a dominant pattern (TABARI ``[031!]``)."""
    key = f"{pattern.code}:{pattern.reverse_code}" if pattern.reverse_code else pattern.code
    return key + "!" if pattern.dominant else key


def ordered_patterns(patterns: Iterable[Pattern]) -> list[list[tuple[str, list[Pattern]]]]:
    """Patterns as YAML would hold them: per rank (one file each), code groups in order."""
    ranks: list[dict[str, list[Pattern]]] = [{}, {}]
    for p in sorted(patterns, key=lambda p: (pattern_rank(p), p.where.file, p.where.line, p.text, p.code)):
        ranks[pattern_rank(p)].setdefault(group_key(p), []).append(p)
    return [list(groups.items()) for groups in ranks]


def ordered_entries(entries: Iterable[ActorEntry]) -> list[ActorEntry]:
    """Actor entries in the order their YAML files would list them.

    Countries grouped by code, agents by role, each group at its first line;
    named actors by line, canonical name first, then variants by text.
    """
    items = list(entries)
    first: dict[tuple[str, str], tuple[str, int]] = {}
    for e in items:
        group = (e.kind, e.key if e.kind == "named" else e.code)
        spot = (e.where.file, e.where.line)
        first[group] = min(first.get(group, spot), spot)

    def key(e: ActorEntry) -> tuple[object, ...]:
        group = (e.kind, e.key if e.kind == "named" else e.code)
        canonical = e.kind == "named" and e.key == f"actor:{e.name}"
        return (_KIND_RANK.get(e.kind, 3), first[group], group[1], not canonical, e.where.file, e.where.line, e.name)

    return sorted(items, key=key)


def _entries(countries: list[CountrySpec], agents: list[AgentSpec], named: list[NamedSpec]) -> list[ActorEntry]:
    """ActorEntry records exactly as load.py builds them from the exported YAML."""
    entries: list[ActorEntry] = []
    for country in countries:
        names: dict[str, Where] = {}
        for name, where in country.names:
            names.setdefault(name, where)
        for name, where in names.items():
            entries.append(ActorEntry(f"country:{country.code}", "country", name, country.code, where,
                                      country=country.code, type="country"))
    seen: set[tuple[str, str]] = set()
    for agent in agents:
        if (agent.role, agent.phrase) in seen:
            continue
        seen.add((agent.role, agent.phrase))
        entries.append(ActorEntry(f"agent:{agent.role}:{agent.phrase}", "agent", agent.phrase, agent.role,
                                  agent.where, role=agent.role))
    for actor in named:
        for n in dict.fromkeys([actor.name, *actor.variants]):
            entries.append(ActorEntry(f"actor:{actor.name}", "named", n, actor.code, actor.where, country=None,
                                      role=actor.code[3:6] or None, type=actor.type, roles=actor.roles))
    return ordered_entries(entries)


def _token_keys(entry: ActorEntry) -> list[tuple[str, ...]]:
    """The phrase keys ``_phrase_index`` gives an entry (plural forms for agents)."""
    keys: list[tuple[str, ...]] = []
    for text in sorted(_plural_forms(entry.name) if entry.kind == "agent" else {entry.name}):
        if entry.kind != "agent" and _ACRONYM.match(text):
            keys.append((text,))
        else:
            keys.append(tuple(t.lower for t in tokenize(text)))
    return keys


def _resolve_conflicts(entries: list[ActorEntry], ignored: Ignored) -> list[ActorEntry]:
    """Drop names a later entry of the same kind gives another code (PETRARCH: the last wins)."""
    owner: dict[tuple[str, ...], ActorEntry] = {}
    dropped: set[int] = set()
    for k in range(len(entries) - 1, -1, -1):
        entry = entries[k]
        keys = [t for t in _token_keys(entry) if t]
        if not keys:
            ignored.add_at(entry.where, entry.name, "actor phrase without words")
            dropped.add(k)
            continue
        clash = next((owner[t] for t in keys if t in owner and owner[t].key != entry.key
                      and owner[t].code != entry.code and owner[t].kind == entry.kind), None)
        if clash is not None:
            ignored.add_at(entry.where, entry.name,
                           f"redefined as {clash.code} at {clash.where} (the later definition wins)")
            dropped.add(k)
            continue
        for t in keys:
            owner.setdefault(t, entry)
    kept = [e for k, e in enumerate(entries) if k not in dropped]
    return _rekey_orphans(kept)


def _rekey_orphans(entries: list[ActorEntry]) -> list[ActorEntry]:
    """A named actor whose own name was dropped is named by its first remaining variant.

    YAML always indexes an actor's name, so this keeps the exported codebook
    identical to the one built here.
    """
    named = {e.name for e in entries if e.kind == "named" and e.key == f"actor:{e.name}"}
    first: dict[str, str] = {}
    for e in entries:
        if e.kind == "named" and e.key.split(":", 1)[1] not in named:
            first.setdefault(e.key, e.name)
    if not first:
        return entries
    out = [dataclasses.replace(e, key=f"actor:{first[e.key]}") if e.key in first else e for e in entries]
    return ordered_entries(out)


def latest_ordered(patterns: Iterable[Pattern], ignored: Ignored) -> list[Pattern]:
    """``patterns`` in matching order, each pattern text once: a later definition replaces an earlier one
    (listed in ``ignored``)."""
    latest: dict[str, Pattern] = {}
    for pattern in patterns:
        words = pattern.pattern_id.split(":", 1)[1]
        old = latest.pop(words, None)
        if old is not None and old.where != pattern.where:
            ignored.add_at(old.where, old.text, f"redefined at {pattern.where} (the later definition wins)")
        latest[words] = pattern
    return [p for groups in ordered_patterns(latest.values()) for _, ps in groups for p in ps]


def _compile_verbs(files: Iterable[Path], ignored: Ignored, counts: dict[str, int]) -> list[Pattern]:
    read = read_verbs(files, ignored)
    counts.update(read.counts)
    compiled: list[Pattern] = []
    for spec in read.patterns:
        try:
            pattern = compile_pattern(spec.text, spec.code, spec.where, nominal=False)
        except PatternSyntaxError as exc:
            ignored.add_at(spec.where, spec.text, f"cannot compile: {exc}")
            continue
        if spec.reverse_code:
            pattern = dataclasses.replace(pattern, reverse_code=spec.reverse_code)
        compiled.append(pattern)
    return latest_ordered(compiled, ignored)


def _codes(base: Codebook, patterns: list[Pattern]) -> dict[str, EventCode]:
    codes = dict(base.codes)
    for pattern in patterns:
        for code in (pattern.code, pattern.reverse_code):
            if code and code != "---" and code not in codes:
                root = base.codes.get(code[:2])
                codes[code] = EventCode(code, EXTRA_CODE_LABEL, 0.0, root.quad_class if root else 0,
                                        root.penta_class if root else 0)
    return codes


def build_codebook(files: PetrarchFiles, *, base: Codebook | None = None, name: str | None = None,
                   root: Path | None = None, unrecognised: tuple[str, ...] = (),
                   max_gap: int = PETRARCH_MAX_GAP) -> tuple[Codebook, LoadReport]:
    """Read ``files`` and compile them into a codebook with a report of what was left out.

    The taxonomy (labels, Goldstein, QuadClass), the coder settings and the
    speech verbs come from ``base`` (default: eventcoder's default codebook),
    except ``max_gap``: PETRARCH patterns allow more words between their words.
    """
    base = base if base is not None else load_codebook()
    by_kind = files.by_kind()
    ignored = Ignored()
    counts: dict[str, int] = {}
    patterns = _compile_verbs(by_kind["verbs"], ignored, counts)
    actor_specs = read_actor_entries(by_kind["actors"], ignored)
    countries, named = classify(actor_specs, ignored)
    agents = read_agents(by_kind["agents"], ignored)
    sentence_discards, story_discards = read_discards(by_kind["discards"], ignored)
    issues = read_issues(by_kind["issues"], ignored) if by_kind["issues"] else IssueDictionary()
    entries = _resolve_conflicts(_entries(countries, agents, named), ignored)
    problems = _Problems()
    phrases = _phrase_index(entries, problems)
    for problem in problems.items:  # not expected: conflicts were resolved above
        ignored.add_at(Where(problem.file, problem.line), "", problem.message)
    # PETRARCH codes "will X" as X: its dictionaries have no intent table
    settings = dataclasses.replace(base.settings, max_gap=max_gap, sentence_discards=tuple(sentence_discards),
                                   story_discards=tuple(story_discards), code_infinitives=True,
                                   intent_modals=frozenset(), intent_verbs=frozenset(), intent_codes={},
                                   answers={}, bare_reactions={}, group_references={}, own_country_codes=frozenset(),
                                   home_government_codes=frozenset(), focus_country_codes=frozenset(),
                                   allegation_codes=frozenset())
    codes = _codes(base, patterns)
    counts.update({
        "verb_patterns": len(patterns),
        "actor_entries": len(actor_specs),
        "countries": len(countries),
        "named_actors": len(named),
        "agents": len({(a.role, a.phrase) for a in agents}),
        "phrases": sum(len(v) for v in phrases.values()),
        "sentence_discards": len(sentence_discards),
        "story_discards": len(story_discards),
        "issue_phrases": len(issues.phrases),
        "issue_codes": len(issues.codes),
        "extra_event_codes": sum(1 for c in codes.values() if c.label == EXTRA_CODE_LABEL),
    })
    first = files.all()[0] if files.all() else None
    root = root if root is not None else (first.parent if first else Path("."))
    book = Codebook(
        name=name or f"petrarch:{root.name}",
        version=READER_VERSION,
        root=root,
        content_hash=content_hash(files),
        codes=codes,
        verbs=_index_patterns(patterns),
        nouns={},
        phrases=phrases,
        settings=settings,
        speech_forms=base.speech_forms,
        role_codes=frozenset(e.role for e in entries if e.kind == "agent" and e.role),
        counts={
            "event_codes": len(codes),
            "verb_patterns": len(patterns),
            "noun_patterns": 0,
            "countries": sum(1 for e in entries if e.kind == "country"),
            "agents": sum(1 for e in entries if e.kind == "agent"),
            "actors": sum(1 for e in entries if e.kind == "named"),
            "phrases": sum(len(v) for v in phrases.values()),
        },
    )
    report = LoadReport(
        files={kind: tuple(p.name for p in paths) for kind, paths in by_kind.items() if paths},
        counts=counts,
        ignored=tuple(ignored.items),
        issues=issues,
        unrecognised=unrecognised,
        prefix_roles=frozenset(a.role for a in agents if a.prefix),
    )
    return book, report
