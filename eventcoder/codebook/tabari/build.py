"""Turn TABARI dictionary files into an eventcoder :class:`Codebook`.

The readers yield the same specs the PETRARCH reader yields (pattern texts,
countries, agents, named actors), so this module compiles them with the
PETRARCH builder's own functions: a TABARI codebook holds the same typed
``Pattern`` and ``ActorEntry`` values and exports to YAML the same way.
``[###]`` and ``[+++]`` phrases become sentence discards (a complex sentence
is one TABARI sets aside: it codes nothing).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from pathlib import Path

from ...diskcache import read, write
from ..codebook import Codebook
from ..entries import EventCode, Pattern, Where
from ..load import _index_patterns, _phrase_index, load_codebook
from ..patterns import PatternSyntaxError, compile_pattern
from ..petrarch.actors import classify
from ..petrarch.agents import read_agents
from ..petrarch.build import PETRARCH_MAX_GAP, _codes, _entries, _resolve_conflicts, ordered_patterns
from ..petrarch.cache import _default_base_hash
from ..petrarch.report import LoadReport
from ..petrarch.source import Ignored
from ..petrarch.verbs import PatternSpec
from ..problems import Problems as _Problems
from .actors import read_actors
from .options import TabariOptions, coder_settings, read_options
from .project import TabariFiles
from .verbs import read_verbs

READER_VERSION = "tabari-reader-1"
_HERE = Path(__file__).resolve().parent
CACHE_KIND = "tabari"
BEFORE_VERB_GAP = 3
"""Words that may stand between a TABARI pattern's words before its verb (TABARI: any in the clause)."""


def _compile(specs: Iterable[PatternSpec], ignored: Ignored) -> list[Pattern]:
    """Compile pattern specs; a later line giving the same pattern replaces the earlier (reported)."""
    compiled: dict[str, Pattern] = {}
    for spec in specs:
        try:
            pattern = compile_pattern(spec.text, spec.code, spec.where, nominal=False)
        except PatternSyntaxError as exc:
            ignored.add_at(spec.where, spec.text, f"cannot compile: {exc}")
            continue
        if spec.reverse_code or spec.dominant:
            pattern = dataclasses.replace(pattern, reverse_code=spec.reverse_code, dominant=spec.dominant)
        words = pattern.pattern_id.split(":", 1)[1]
        old = compiled.pop(words, None)
        if old is not None and old.where != spec.where:
            ignored.add_at(old.where, old.text, f"redefined at {spec.where} (the later definition wins)")
        compiled[words] = pattern
    return [p for groups in ordered_patterns(compiled.values()) for _, ps in groups for p in ps]


def _labelled(codes: dict[str, EventCode], base: Codebook, options: TabariOptions) -> dict[str, EventCode]:
    """Codes outside the taxonomy take the label the options give them (``LABEL: 987=...``)."""
    out = dict(codes)
    for code, label in options.labels.items():
        if code in out and code not in base.codes:
            out[code] = dataclasses.replace(out[code], label=label)
    return out


def content_hash(files: TabariFiles) -> str:
    digest = hashlib.sha256(READER_VERSION.encode())
    for path in files.all():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def build_codebook(files: TabariFiles, *, base: Codebook | None = None,
                   root: Path | None = None) -> tuple[Codebook, LoadReport]:
    """Read ``files`` and compile them into a codebook with a report of what was left out.

    Taxonomy, coder settings and speech verbs come from ``base`` (default:
    eventcoder's default codebook), tuned as for PETRARCH dictionaries.
    """
    base = base if base is not None else load_codebook()
    ignored = Ignored()
    verbs = read_verbs(files.verbs, ignored)
    patterns = _compile(verbs.patterns, ignored)
    actors = read_actors(files.actors, ignored)
    countries, named = classify(actors.entries, ignored)
    agents = read_agents(files.agents, ignored)
    options = read_options(files.options, ignored)
    entries = _resolve_conflicts(_entries(countries, agents, named), ignored)
    problems = _Problems()
    phrases = _phrase_index(entries, problems)
    for problem in problems.items:
        ignored.add_at(Where(problem.file, problem.line), "", problem.message)
    discards = list(dict.fromkeys(p for p in [*verbs.discards, *verbs.complex, *actors.discards, *actors.complex] if p))
    settings = dataclasses.replace(base.settings, max_gap=PETRARCH_MAX_GAP, before_verb_gap=BEFORE_VERB_GAP,
                                   sentence_discards=tuple(discards),
                                   story_discards=(), code_infinitives=True, intent_modals=frozenset(),
                                   intent_verbs=frozenset(), intent_codes={}, answers={}, group_references={},
                                   own_country_codes=frozenset(), home_government_codes=frozenset())
    settings = coder_settings(settings, options)
    codes = _labelled(_codes(base, patterns), base, options)
    counts = dict(verbs.counts)
    counts.update(verb_patterns=len(patterns), actor_entries=len(actors.entries), countries=len(countries),
                  named_actors=len(named), agents=len({(a.role, a.phrase) for a in agents}),
                  phrases=sum(len(v) for v in phrases.values()), discards=len(verbs.discards) + len(actors.discards),
                  complex=len(verbs.complex) + len(actors.complex), nouns=len(actors.nouns),
                  adjectives=len(actors.adjectives))
    first = files.all()[0] if files.all() else None
    root = root if root is not None else (first.parent if first else Path("."))
    book = Codebook(
        name=f"tabari:{root.name}", version=READER_VERSION, root=root, content_hash=content_hash(files),
        codes=codes, verbs=_index_patterns(patterns), nouns={}, phrases=phrases, settings=settings,
        speech_forms=base.speech_forms,
        role_codes=frozenset(e.role for e in entries if e.kind == "agent" and e.role),
        counts={"event_codes": len(codes), "verb_patterns": len(patterns), "noun_patterns": 0,
                "countries": sum(1 for e in entries if e.kind == "country"),
                "agents": sum(1 for e in entries if e.kind == "agent"),
                "actors": sum(1 for e in entries if e.kind == "named"),
                "phrases": sum(len(v) for v in phrases.values())},
    )
    report = LoadReport(
        files={kind: tuple(p.name for p in paths) for kind, paths in files.by_kind().items() if paths},
        counts=counts, ignored=tuple(ignored.items),
        prefix_roles=frozenset(a.role for a in agents if a.prefix), title="TABARI dictionaries",
    )
    return book, report


def cache_key(files: TabariFiles, base: Codebook | None, root: Path | None) -> str:
    digest = hashlib.sha256(READER_VERSION.encode())
    for source in sorted(_HERE.glob("*.py")) + sorted((_HERE.parent / "petrarch").glob("*.py")) + sorted(
            _HERE.parent.glob("*.py")):
        digest.update(source.name.encode() + source.read_bytes())
    digest.update((base.content_hash if base is not None else _default_base_hash()).encode())
    digest.update(str(root).encode())
    for kind, paths in files.by_kind().items():
        for path in paths:
            digest.update(kind.encode() + path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def cached_build(files: TabariFiles, *, base: Codebook | None = None,
                 root: Path | None = None) -> tuple[Codebook, LoadReport]:
    """``build_codebook`` through the disk cache (keyed by every input and the readers' source)."""
    key = cache_key(files, base, root)
    found = read(CACHE_KIND, f"{key}.json")
    if isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], Codebook):
        return found
    result = build_codebook(files, base=base, root=root)
    write(CACHE_KIND, f"{key}.json", result)
    return result
