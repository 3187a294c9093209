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
from ..entries import ActorEntry, EventCode, Pattern, Where
from ..load import _index_patterns, _phrase_index, load_codebook
from ..patterns import PatternSyntaxError, compile_pattern
from ..petrarch.actors import classify
from ..petrarch.agents import read_agents
from ..petrarch.build import PETRARCH_MAX_GAP, _codes, _entries, _resolve_conflicts, latest_ordered
from ..petrarch.cache import _default_base_hash
from ..petrarch.report import LoadReport
from ..petrarch.source import Ignored
from ..petrarch.verbs import PatternSpec
from ..problems import Problems as _Problems
from ..tabari_rules import GappedName, TabariElement, TabariPattern, TabariRules
from .actors import read_actors
from .options import TabariOptions, coder_settings, read_options
from .project import TabariFiles
from .verbs import read_verbs

READER_VERSION = "tabari-reader-2"
_HERE = Path(__file__).resolve().parent
CACHE_KIND = "tabari"
BEFORE_VERB_GAP = 3
"""Words that may stand between a TABARI pattern's words before its verb (TABARI: any in the clause)."""


def _compile(specs: Iterable[PatternSpec], ignored: Ignored) -> list[Pattern]:
    """Compile pattern specs; a later line giving the same pattern replaces the earlier (reported)."""
    compiled: list[Pattern] = []
    done: dict[tuple[str, str], Pattern | str] = {}  # TABARI readings share a few texts: compile each once
    for spec in specs:
        found = done.get((spec.text, spec.code))
        if found is None:
            try:
                found = compile_pattern(spec.text, spec.code, spec.where, nominal=False)
            except PatternSyntaxError as exc:
                found = str(exc)
            done[(spec.text, spec.code)] = found
        if isinstance(found, str):
            ignored.add_at(spec.where, spec.text, f"cannot compile: {found}")
            continue
        pattern = found if found.where == spec.where else dataclasses.replace(found, where=spec.where)
        if spec.reverse_code or spec.dominant:
            pattern = dataclasses.replace(pattern, reverse_code=spec.reverse_code, dominant=spec.dominant)
        if spec.tabari is not None:
            key = f"{spec.text.replace('*', '')} ~ {reading_key(spec.tabari)}"
            pattern = dataclasses.replace(pattern, tabari=spec.tabari, pattern_id=f"{spec.code}:{key}")
        compiled.append(pattern)
    return latest_ordered(compiled, ignored)


def _labelled(codes: dict[str, EventCode], base: Codebook, options: TabariOptions) -> dict[str, EventCode]:
    """Codes outside the taxonomy take the label the options give them (``LABEL: 987=...``)."""
    out = dict(codes)
    for code, label in options.labels.items():
        if code in out and code not in base.codes:
            out[code] = dataclasses.replace(out[code], label=label)
    return out


def gapped_names(entries: list[ActorEntry],
                 gaps: dict[tuple[str, int, str], tuple[int, ...]]) -> tuple[GappedName, ...]:
    """The entries whose names TABARI wrote with blanks, cut into their consecutive segments."""
    out: list[GappedName] = []
    for entry in entries:
        words = entry.name.lower().split()
        sizes = gaps.get((entry.where.file, entry.where.line, " ".join(words)))
        if sizes is None or sum(sizes) != len(words):
            continue
        cuts = [sum(sizes[:k]) for k in range(len(sizes) + 1)]
        out.append(GappedName(tuple(tuple(words[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)), entry))
    return tuple(out)


def reading_key(reading: TabariPattern) -> str:
    """A TABARI reading as text (``in_~ * ...``): two lines that read alike are one pattern."""
    def text(elements: tuple[TabariElement, ...]) -> str:
        return " ".join((e.word or e.mark.value) + ("" if e.stem else "_") + ("~" if e.tight else "")
                        for e in elements)
    return f"{text(reading.lower)} *{'~' if reading.verb_tight else ''} {text(reading.upper)}".strip()


def word_list(words: list[str]) -> frozenset[str]:
    """The folded one-word entries of a ``<NOUN>``/``<ADJECTIVE>`` list; a stem (no ``_``) also in its plural."""
    out: set[str] = set()
    for word in words:
        folded = word.strip().lower()
        if not folded or "_" in folded.rstrip("_") or " " in folded:
            continue
        out.add(folded.rstrip("_"))
        if not folded.endswith("_"):
            out.add(folded + "s")
    return frozenset(out)


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
    countries, named = classify(actors.entries, ignored, keep_null=True)
    agents = read_agents(files.agents, ignored)
    options = read_options(files.options, ignored)
    every = _entries(countries, agents, named)
    gapped = gapped_names(every, actors.gapped)  # a name with blanks is no rival of the same words joined
    held = {id(g.entry) for g in gapped}
    entries = _resolve_conflicts([e for e in every if id(e) not in held], ignored)
    problems = _Problems()
    phrases = {k: tuple(dataclasses.replace(p, capitalized=False) if p.capitalized else p for p in ps)
               for k, ps in _phrase_index(entries, problems).items()}  # TABARI reads text in capitals: no case rule
    entries += [g.entry for g in gapped]
    for problem in problems.items:
        ignored.add_at(Where(problem.file, problem.line), "", problem.message)
    discards = list(dict.fromkeys(p for p in [*verbs.discards, *verbs.complex, *actors.discards, *actors.complex] if p))
    settings = dataclasses.replace(base.settings, max_gap=PETRARCH_MAX_GAP, before_verb_gap=BEFORE_VERB_GAP,
                                   sentence_discards=tuple(discards),
                                   story_discards=(), code_infinitives=True, intent_modals=frozenset(),
                                   intent_verbs=frozenset(), intent_codes={}, answers={}, group_references={},
                                   own_country_codes=frozenset(), home_government_codes=frozenset(),
                                   allegation_codes=frozenset(),
                                   tabari=TabariRules(nouns=word_list(actors.nouns),
                                                      adjectives=word_list(actors.adjectives), gapped=gapped,
                                                      code_by=options.code_by, complex=options.complex,
                                                      convert_agents=options.convert_agents,
                                                      comma=options.comma,
                                                      verb_stems=tuple(dict.fromkeys(verbs.stems))))
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
