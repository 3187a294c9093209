"""Read a codebook directory, validate all of it, and compile its matchers.

Every problem is collected with its file and line before anything fails, so a
codebook author fixes them all in one pass (`eventcoder codebook check`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..errors import CodebookError, CodebookNotFoundError
from ..text import tokenize
from .acled import AcledMapping, acled_mapping
from .cache import cache_key, load_cached, store
from .codebook import Codebook
from .coder_settings import parse_coder_settings
from .entries import ActorEntry, DatedRole, EventCode, Pattern, Phrase, Where
from .names import NamesSection, parse_names
from .patterns import PatternSyntaxError, compile_pattern, noun_forms, verb_forms
from .places import parse_places
from .problems import Problems
from .problems import as_list as _list
from .yamlio import Located, line_of, load_located

SECTIONS = ("cameo", "goldstein", "verbs", "nouns", "countries", "agents", "actors")
# Sections parsed into their own typed values (codebook/acled.py, names.py, places.py).
DATA_SECTIONS = ("acled", "names", "places")
_CODE = re.compile(r"^\d{2,4}[A-Z]?$")  # TABARI adds a letter to some codes (174K)
_ACTOR_CODE = re.compile(r"^[A-Z0-9]{3}(?:[A-Z0-9]{3})*$")
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")
_PLURAL_HEAD = re.compile(r"^(.*?)(\S+)((?: of .*)?)$")
_TYPES = frozenset({"person", "group", "igo", "ngo", "organisation", "organization"})


def default_codebook_path() -> Path:
    """The embedded default codebook, in an installed wheel or a source tree."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_codebooks" / "default", here.parent / "codebooks" / "default"):
        if (candidate / "codebook.yaml").is_file():
            return candidate
    raise CodebookNotFoundError(f"the default codebook is missing (looked beside {here})")


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Load and validate the codebook at ``path`` (default: the embedded one).

    Raises CodebookError listing every problem, CodebookNotFoundError when the
    directory has no ``codebook.yaml``.
    """
    root = Path(path) if path is not None else default_codebook_path()
    manifest_file = root / "codebook.yaml"
    if not manifest_file.is_file():
        raise CodebookNotFoundError(f"{root} is not a codebook: it has no codebook.yaml")
    problems = Problems()
    files = sorted(root.glob("*.yaml"))
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    key = cache_key(digest.hexdigest(), root)
    cached = load_cached(key)
    if cached is not None:
        return cached
    docs, manifest = _read_files(root, files, problems)
    codes = _event_codes(manifest, docs, problems)
    verbs = _patterns(docs["verbs"], codes, problems, nominal=False)
    nouns = _patterns(docs["nouns"], codes, problems, nominal=True)
    entries = list(_country_entries(docs["countries"], problems))
    entries += _agent_entries(docs["agents"], problems)
    entries += _named_entries(docs["actors"], problems)
    phrases = _phrase_index(entries, problems)
    settings = parse_coder_settings(manifest.get("coder") or {}, codes, problems)
    acled = _acled_section(root, docs["acled"], problems)
    names = _names_section(docs["names"], problems)
    places = parse_places(docs["places"], problems.items)
    if problems.items:
        raise CodebookError(problems.items, str(root))
    codebook = Codebook(
        name=str(manifest.get("name", root.name)),
        version=str(manifest.get("version", "")),
        root=root,
        content_hash=digest.hexdigest(),
        codes=codes,
        verbs=_index_patterns(verbs),
        nouns=_index_patterns(nouns),
        phrases=phrases,
        settings=settings,
        speech_forms=frozenset(f for v in settings.speech_verbs for f in verb_forms(v)),
        role_codes=frozenset(e.role for e in entries if e.kind == "agent" and e.role),
        acled=acled,
        names=names,
        places=places,
        counts=_counts(codes, verbs, nouns, entries, phrases),
    )
    store(key, codebook)
    return codebook


def _read_files(root: Path, files: list[Path], problems: Problems) -> tuple[dict[str, list[tuple[str, Any]]], Any]:
    """Every section file's document by section, and the manifest; a file that does not parse is a problem."""
    docs: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for file in files:
        section = file.name.split(".")[0]
        if section == "codebook":
            continue
        if section not in SECTIONS + DATA_SECTIONS:
            problems.add(file.name, None, f"unknown section {section!r}; expected one of {SECTIONS + DATA_SECTIONS}", 1)
            continue
        try:
            docs[section].append((file.name, load_located(file)))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problems.add(file.name, None, f"YAML syntax: {exc}", mark.line + 1 if mark else 1)
    try:
        manifest = load_located(root / "codebook.yaml") or {}
    except yaml.YAMLError as exc:  # nothing else can be checked without it: report it with the other files' syntax
        mark = getattr(exc, "problem_mark", None)
        problems.add("codebook.yaml", None, f"YAML syntax: {exc}", mark.line + 1 if mark else 1)
        raise CodebookError(problems.items, str(root)) from exc
    return docs, manifest


def _counts(codes: dict[str, EventCode], verbs: list[Pattern], nouns: list[Pattern], entries: list[ActorEntry],
            phrases: dict[str, tuple[Phrase, ...]]) -> dict[str, int]:
    """What ``codebook stats`` and the summary line count."""
    return {
        "event_codes": len(codes),
        "verb_patterns": len(verbs),
        "noun_patterns": len(nouns),
        "countries": sum(1 for e in entries if e.kind == "country" and e.key.startswith("country:")),
        "agents": sum(1 for e in entries if e.kind == "agent"),
        "actors": sum(1 for e in entries if e.kind == "named"),
        "phrases": sum(len(v) for v in phrases.values()),
    }


def _code_key(file: str, key: Any, problems: Problems) -> Located | None:
    """A mapping key as a located string; an unquoted number is a problem (``042`` reads as 34)."""
    if isinstance(key, int):
        raw = getattr(key, "raw", str(key))
        problems.add(
            file, key, f'code {raw} must be quoted ("{raw}"): unquoted, YAML reads it as the number {int(key)}'
        )
        return None
    located = Located(str(key))
    located.line = line_of(key)
    return located


def _mapping(docs: list[tuple[str, Any]], key: str | None, problems: Problems) -> Iterable[tuple[str, Any, Any]]:
    """(file, key, value) for each item of each file's mapping (under ``key``)."""
    for file, doc in docs:
        body = doc.get(key) if key and isinstance(doc, dict) else doc
        if body is None:
            continue
        if not isinstance(body, dict):
            problems.add(file, body, f"expected a mapping{f' under {key!r}' if key else ''}")
            continue
        for k, v in body.items():
            located = _code_key(file, k, problems)
            if located is not None:
                yield file, located, v


def _event_codes(manifest: Any, docs: dict[str, list[tuple[str, Any]]], problems: Problems) -> dict[str, EventCode]:
    quad = {str(k): v for k, v in (manifest.get("quad_class") or {}).items()}
    penta = {str(k): v for k, v in (manifest.get("penta_class") or {}).items()}
    scores: dict[str, float] = {}
    for file, code, score in _mapping(docs["goldstein"], "scores", problems):
        if not isinstance(score, (int, float)) or not -10 <= score <= 10:
            problems.add(file, code, f"Goldstein score of {code} must be a number from -10 to 10")
            score = 0.0
        scores[code] = float(score)
    codes: dict[str, EventCode] = {}
    for file, code, label in _mapping(docs["cameo"], "codes", problems):
        if not _CODE.match(code):
            problems.add(file, code, f"event code {code!r} must be 2 to 4 digits (and maybe a capital), quoted")
            continue
        root = code[:2]
        if root not in quad:
            problems.add("codebook.yaml", None, f"quad_class has no entry for root {root}", 1)
            quad[root] = 0
        if code not in scores:
            problems.add(file, code, f"event code {code} has no Goldstein score in goldstein*.yaml")
        codes[code] = EventCode(code, str(label), scores.get(code, 0.0), int(quad[root]), int(penta.get(root, 0)))
    if not codes:
        problems.add("cameo.yaml", None, "no event codes: cameo*.yaml must hold `codes:`", 1)
    return codes


def _patterns(
    docs: list[tuple[str, Any]], codes: dict[str, EventCode], problems: Problems, nominal: bool
) -> list[Pattern]:
    compiled: list[Pattern] = []
    seen: dict[str, Where] = {}
    for file, key, items in _mapping(docs, None, problems):
        dominant = key.endswith("!")  # "031!": its events replace the sentence's others (TABARI)
        code, _, reverse = key.removesuffix("!").partition(":")  # "032:033": the target's act toward the source
        if any(c != "---" and c not in codes for c in (code, reverse) if c):
            problems.add(file, key, f"pattern group {key!r} is not an event code (code:code, code!) in cameo.yaml")
            continue
        if not isinstance(items, list):
            problems.add(file, key, f"group {code} must be a list of patterns")
            continue
        for item in items:
            where = Where(file, line_of(item, line_of(key)))
            if not isinstance(item, str):
                what = "a mapping" if isinstance(item, dict) else "a list" if isinstance(item, list) else repr(item)
                problems.add(
                    file, item, f"pattern must be a string, got {what}; write the words, quoted if needed", where.line
                )
                continue
            try:
                pattern = compile_pattern(item, code, where, nominal)
            except PatternSyntaxError as exc:
                problems.add(file, item, f"pattern {item!r}: {exc}", where.line)
                continue
            if reverse and reverse != "---" or dominant:
                pattern = dataclasses.replace(pattern, reverse_code=reverse if reverse and reverse != "---" else None,
                                              dominant=dominant)
            words = pattern.pattern_id.split(":", 1)[1]
            if words in seen:
                problems.add(file, item, f"pattern {item!r} is already defined at {seen[words]}", where.line)
                continue
            seen[words] = where
            compiled.append(pattern)
    return compiled


def _index_patterns(patterns: list[Pattern]) -> dict[str, tuple[Pattern, ...]]:
    """Patterns by head form, most specific first."""
    index: dict[str, list[Pattern]] = defaultdict(list)
    for pattern in patterns:
        for form in pattern.head.forms:
            index[form].append(pattern)
    return {form: tuple(sorted(ps, key=lambda p: -p.size)) for form, ps in index.items()}


def _country_entries(docs: list[tuple[str, Any]], problems: Problems) -> Iterable[ActorEntry]:
    for file, doc in docs:
        if not isinstance(doc, dict):
            problems.add(file, doc, "expected `countries:` and `regions:` lists", 1)
            continue
        for kind in ("countries", "regions"):
            for item in _list(doc.get(kind)):
                if not isinstance(item, dict) or "code" not in item or "name" not in item:
                    problems.add(file, item, f"each entry of {kind} needs `code` and `name`")
                    continue
                code, where = str(item["code"]), Where(file, line_of(item))
                if not re.fullmatch(r"[A-Z]{3}", code):
                    problems.add(file, item, f"country code {code!r} must be ISO 3166 alpha-3")
                    continue
                name = str(item["name"])
                base = "country" if kind == "countries" else "region"
                key = f"{base}:{code}" if kind == "countries" else f"region:{name}"
                for n in [name, *_list(item.get("names"))]:
                    yield ActorEntry(key, "country", str(n), code, where, country=code, type=base)
                for adj in _list(item.get("adjectives")):
                    yield ActorEntry(key, "adjective", str(adj), code, where, country=code, type=base)
                for cap in [item.get("capital"), *_list(item.get("capital_variants"))]:
                    if cap:
                        yield ActorEntry(
                            f"capital:{code}", "capital", str(cap), code + "GOV", where, country=code, role="GOV"
                        )


def _agent_entries(docs: list[tuple[str, Any]], problems: Problems) -> list[ActorEntry]:
    entries: list[ActorEntry] = []
    for file, role, phrases in _mapping(docs, None, problems):
        if not _ACTOR_CODE.match(role) or not role.isupper():
            problems.add(file, role, f"agent role {role!r} must be a CAMEO role code of three-letter parts")
            continue
        for phrase in _list(phrases):
            where = Where(file, line_of(phrase, line_of(role)))
            entries.append(ActorEntry(f"agent:{role}:{phrase}", "agent", str(phrase), role, where, role=role))
    return entries


def _date(value: Any, file: str, item: Any, problems: Problems) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.add(file, item, f"date {str(value)!r} is not a real date in the form YYYY-MM-DD")
        return None


def _named_entries(docs: list[tuple[str, Any]], problems: Problems) -> list[ActorEntry]:
    entries: list[ActorEntry] = []
    for file, doc in docs:
        for item in _list(doc):
            if not isinstance(item, dict) or "name" not in item:
                problems.add(file, item, "each actor needs a `name`")
                continue
            country = item.get("country")
            code = str(item.get("code") or country or "")
            kind_of = str(item.get("type", "person"))
            where = Where(file, line_of(item))
            if kind_of not in _TYPES:
                problems.add(file, item, f"type {kind_of!r} must be one of {sorted(_TYPES)}")
            if not _ACTOR_CODE.match(code):
                problems.add(
                    file,
                    item,
                    f"actor {item['name']!r} needs a `code` or `country` of CAMEO form (e.g. IRQGOV), got {code!r}",
                )
                continue
            roles = []
            for role in _list(item.get("roles")):
                if not isinstance(role, dict) or not _ACTOR_CODE.match(str(role.get("code", ""))):
                    problems.add(file, item, f"actor {item['name']!r}: each role needs a CAMEO `code`")
                    continue
                start = _date(role.get("from"), file, item, problems)
                end = _date(role.get("to"), file, item, problems)
                if start and end and start > end:
                    problems.add(file, item, f"actor {item['name']!r}: role {role['code']} ends before it starts")
                roles.append(DatedRole(str(role["code"]), start, end))
            roles.sort(key=lambda r: r.start or date.min)
            name = str(item["name"])
            for n in [name, *_list(item.get("variants"))]:
                entries.append(
                    ActorEntry(
                        f"actor:{name}",
                        "named",
                        str(n),
                        code,
                        where,
                        country=country and str(country),
                        role=code[3:6] or None,
                        type=kind_of,
                        roles=tuple(roles),
                    )
                )
    return entries


def _plural_forms(phrase: str) -> set[str]:
    """A phrase and its plural: the head noun is the last word, or the one before `of`."""
    m = _PLURAL_HEAD.match(phrase)
    if not m:
        return {phrase}
    lead, head, tail = m.groups()
    return {phrase} | {f"{lead}{form}{tail}" for form in noun_forms(head.lower()) if head.islower()}


def _phrase_index(entries: list[ActorEntry], problems: Problems) -> dict[str, tuple[Phrase, ...]]:
    index: dict[str, list[Phrase]] = defaultdict(list)
    owner: dict[tuple[str, ...], ActorEntry] = {}
    for entry in entries:
        forms = _plural_forms(entry.name) if entry.kind == "agent" else {entry.name}
        for text in forms:
            tokens = tuple(t.lower for t in tokenize(text))
            if not tokens:
                problems.add(entry.where.file, None, f"empty actor phrase {text!r}", entry.where.line)
                continue
            exact = text if entry.kind != "agent" and _ACRONYM.match(text) else None
            if exact:
                tokens = (text,)
            other = owner.get(tokens)
            if other is not None:
                if other.key != entry.key and other.code != entry.code and other.kind == entry.kind:
                    owner_name = other.key.split(":", 1)[-1]
                    problems.add(
                        entry.where.file,
                        None,
                        f"{text!r} already names {owner_name!r} ({other.code}) at {other.where}",
                        entry.where.line,
                    )
                continue
            owner[tokens] = entry
            proper = entry.kind != "agent" and text[:1].isupper()
            index[tokens[0] if not exact else text.lower()].append(Phrase(tokens, entry, exact, proper))
    return {k: tuple(sorted(v, key=lambda p: -len(p.tokens))) for k, v in index.items()}


def _one_file(section: str, docs: list[tuple[str, Any]], problems: Problems) -> tuple[str, Any] | None:
    """The one file of a section a codebook may hold once (``acled.yaml``, ``names.yaml``); more is a problem."""
    for file, _ in docs[1:]:
        problems.add(file, None, f"a codebook holds one {section}*.yaml file; {docs[0][0]} is the first", 1)
    return docs[0] if docs else None


def _acled_section(root: Path, docs: list[tuple[str, Any]], problems: Problems) -> AcledMapping | None:
    """``acled.yaml`` as an :class:`AcledMapping` (None without one), checked now, not at the first export."""
    found = _one_file("acled", docs, problems)
    if found is None:
        return None
    try:
        return acled_mapping(found[1], found[0], str(root / found[0]))
    except CodebookError as exc:
        problems.items.extend(exc.problems)
        return None


def _names_section(docs: list[tuple[str, Any]], problems: Problems) -> NamesSection:
    """``names.yaml`` (name folding and fuzzy matching), checked now, not at the first lookup."""
    found = _one_file("names", docs, problems)
    if found is None:
        return NamesSection()
    try:
        return parse_names(found[1], found[0])
    except CodebookError as exc:
        problems.items.extend(exc.problems)
        return NamesSection()


