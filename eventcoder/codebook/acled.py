"""The CAMEO -> ACLED mapping of ``acled.yaml``: parsed and validated into immutable values.

:func:`load_acled_mapping` reads the file, :func:`acled_mapping` validates a
loaded document; every problem is reported with its line. The meaning of each
part is documented in ``codebooks/default/ACLED.md``. In short:

- an actor's CAMEO code gives its ACLED inter code (:meth:`AcledMapping.inter`);
- the first :class:`AcledRule` whose CAMEO code prefixes, inter-code
  conditions and word conditions (on the event's sentence) hold decides the
  event type and sub-event type, and may change the actors' inter codes
  (:class:`InterChange`: rioters in a riot, civilians as victims) or swap them
  (protesters first when police intervene in a protest).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import CodebookError, Problem
from .yamlio import line_of, load_located

__all__ = ["AcledMapping", "AcledRule", "InterChange", "acled_mapping", "load_acled_mapping"]


@dataclass(frozen=True, slots=True)
class InterChange:
    """How a rule changes one actor's inter code: to ``fixed``, else by the ``by_code`` table, else not."""

    fixed: int | None = None
    by_code: tuple[tuple[int, int], ...] = ()

    def apply(self, inter: int | None) -> int | None:
        if self.fixed is not None:
            return self.fixed
        return next((new for old, new in self.by_code if old == inter), inter)


_NO_CHANGE = InterChange()


@dataclass(frozen=True, slots=True)
class AcledRule:
    """CAMEO code prefixes -> an ACLED event type, under conditions on the actors and the sentence."""

    codes: tuple[str, ...]
    event_type: str
    sub_event_type: str
    if_source: frozenset[int] = frozenset()
    if_target: frozenset[int] = frozenset()
    if_either: frozenset[int] = frozenset()
    if_no_target: bool = False
    if_words: re.Pattern[str] | None = None
    unless_words: re.Pattern[str] | None = None
    source_inter: InterChange = _NO_CHANGE
    target_inter: InterChange = _NO_CHANGE
    alone: bool = False
    swap: bool = False
    line: int = 0

    def matches(self, code: str, source: int | None, target: int | None, text: str = "") -> bool:
        """Whether the rule fits an event: its code, its actors' inter codes and its sentence ``text``."""
        if not any(code.startswith(prefix) for prefix in self.codes):
            return False
        if self.if_source and source not in self.if_source:
            return False
        if self.if_target and target not in self.if_target:
            return False
        if self.if_either and source not in self.if_either and target not in self.if_either:
            return False
        if self.if_no_target and target is not None:
            return False
        if self.if_words is not None and not self.if_words.search(text):
            return False
        return not (self.unless_words is not None and self.unless_words.search(text))


@dataclass(frozen=True)
class AcledMapping:
    """The CAMEO -> ACLED mapping of ``acled.yaml`` (see ``codebooks/default/ACLED.md``)."""

    rules: tuple[AcledRule, ...]
    disorder_types: Mapping[str, str]
    civilian_inter: frozenset[int]
    inter_roles: Mapping[str, int]
    inter_groups: Mapping[str, int]
    foreign_state: int
    country_only: int
    default_inter: int
    identity_roles: frozenset[str] = frozenset()
    identity_inter: int = 4
    agentless_inter: int = 3
    agentless_name: str | None = None
    names_by_inter: Mapping[int, str] = field(default_factory=dict)
    names_by_role: Mapping[str, str] = field(default_factory=dict)
    role_labels: Mapping[str, str] = field(default_factory=dict)
    regions: Mapping[str, str] = field(default_factory=dict)
    continents: Mapping[str, str] = field(default_factory=dict)
    source: str = ""

    def rule_for(self, code: str, source: int | None, target: int | None, text: str = "") -> AcledRule | None:
        """The first rule for ``code`` given the actors' inter codes and the sentence, or None."""
        low = text.lower()
        return next((r for r in self.rules if r.matches(code, source, target, low)), None)

    def disorder_type(self, rule: AcledRule) -> str | None:
        return self.disorder_types.get(rule.sub_event_type) or self.disorder_types.get(rule.event_type)

    def inter(self, country: str | None, roles: tuple[str, ...], group: str | None, event_country: str | None) -> int:
        """The inter code of an actor from its parsed CAMEO code."""
        if group is not None:
            return self.inter_groups.get(group, self.default_inter)
        for role in roles:
            if role in self.inter_roles:
                value = self.inter_roles[role]
                if value == 1 and country and event_country and country != event_country:
                    return self.foreign_state
                if value == 3 and self.identity_roles.intersection(roles):
                    return self.identity_inter
                return value
        if country and not roles:
            if event_country and country != event_country:
                return self.foreign_state
            return self.country_only
        return self.default_inter

    def region(self, iso3: str | None, continent: str | None) -> str | None:
        """ACLED's region of a country: listed under ``regions``, else its ``continent`` code's (None: unknown)."""
        if iso3 is None:
            return None
        if iso3 in self.regions:
            return self.regions[iso3]
        return self.continents.get(continent) if continent is not None else None


def load_acled_mapping(path: Path) -> AcledMapping:
    """Read and validate ``acled.yaml``; every problem is reported with its line."""
    path = Path(path)
    name = path.name
    try:
        doc = load_located(path)
    except OSError as exc:
        raise CodebookError([Problem(name, 1, f"cannot read: {exc}")], str(path)) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CodebookError([Problem(name, mark.line + 1 if mark else 1, f"YAML syntax: {exc}")], str(path)) from exc
    return acled_mapping(doc, name, str(path))


def acled_mapping(doc: Any, file: str = "acled.yaml", source: str = "") -> AcledMapping:
    """Validate a loaded ``acled.yaml`` document (e.g. ``codebook.data["acled"][0]``)."""
    name = file
    path = source or file
    problems: list[Problem] = []

    def problem(value: Any, message: str) -> None:
        problems.append(Problem(name, line_of(value), message))

    body = doc.get("acled") if isinstance(doc, dict) else None
    if not isinstance(body, dict):
        raise CodebookError([Problem(name, 1, "expected a mapping under `acled:`")], str(path))
    words = {str(k): _word_list(v, problem) for k, v in _items(body.get("words"), dict, "words", body, problem).items()}
    rules = []
    for item in _items(body.get("rules"), list, "rules", body, problem):
        rule = _rule(item, words, problem)
        if rule is not None:
            rules.append(rule)
    disorder = {
        str(k): str(v) for k, v in _items(body.get("disorder_types"), dict, "disorder_types", body, problem).items()
    }
    for rule in rules:
        if rule.sub_event_type not in disorder and rule.event_type not in disorder:
            problems.append(Problem(name, rule.line, f"no disorder_type for {rule.event_type!r}"))
    inter = _items(body.get("inter"), dict, "inter", body, problem)
    roles = {
        str(k): _inter_code(v, problem)
        for k, v in _items(inter.get("roles"), dict, "inter.roles", inter, problem).items()
    }
    groups = {
        str(k): _inter_code(v, problem)
        for k, v in _items(inter.get("groups"), dict, "inter.groups", inter, problem).items()
    }
    identity = _items(inter.get("identity"), dict, "inter.identity", inter, problem)
    names = _items(body.get("actor_names"), dict, "actor_names", body, problem)
    regions = _regions(_items(body.get("regions"), dict, "regions", body, problem), problem)
    agentless = names.get("agentless")
    mapping = AcledMapping(
        rules=tuple(rules),
        disorder_types=disorder,
        civilian_inter=frozenset(_inter_code(v, problem) for v in body.get("civilian_inter") or [7]),
        inter_roles=roles,
        inter_groups=groups,
        foreign_state=_inter_code(inter.get("foreign_state", 8), problem),
        country_only=_inter_code(inter.get("country_only", 1), problem),
        default_inter=_inter_code(inter.get("default", 8), problem),
        identity_roles=frozenset(str(r) for r in identity.get("roles") or []),
        identity_inter=_inter_code(identity.get("inter", 4), problem),
        agentless_inter=_inter_code(inter.get("agentless", 3), problem),
        agentless_name=str(agentless) if agentless is not None else None,
        names_by_inter={_inter_code(k, problem): str(v) for k, v in (names.get("by_inter") or {}).items()},
        names_by_role={str(k): str(v) for k, v in (names.get("by_role") or {}).items()},
        role_labels={str(k): str(v) for k, v in (body.get("role_labels") or {}).items()},
        regions=regions,
        continents={str(k): str(v) for k, v in (body.get("continents") or {}).items()},
        source=path,
    )
    if problems:
        raise CodebookError(problems, str(path))
    return mapping


def _regions(section: Mapping[str, Any], problem: Any) -> dict[str, str]:
    """``regions:`` (a region to its country codes) as each country's region; a country in two is a problem."""
    regions: dict[str, str] = {}
    for region, codes in section.items():
        for code in codes if isinstance(codes, list) else [codes]:
            if str(code) in regions:
                problem(code, f"{code} is in both {regions[str(code)]!r} and {region!r}")
            regions[str(code)] = str(region)
    return regions


def _items(value: Any, kind: type, what: str, parent: Any, problem: Any) -> Any:
    if value is None:
        return kind()
    if not isinstance(value, kind):
        problem(value if hasattr(value, "line") else parent, f"{what} must be a {kind.__name__}")
        return kind()
    return value


def _inter_code(value: Any, problem: Any) -> int:
    try:
        code = int(value)
    except (TypeError, ValueError):
        code = 0
    if not 1 <= code <= 8:
        problem(value, f"inter code {value!r} must be a number from 1 to 8")
    return code


def _word_list(value: Any, problem: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        word = str(item).strip().lower()
        if not word or not re.fullmatch(r"[\w' -]+\*?", word):
            problem(value, f"word {item!r} must be letters, spaces or hyphens, with an optional trailing *")
            continue
        out.append(word)
    return tuple(out)


def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for whole words or phrases (``shell*`` also matches ``shelling``), on lower-cased text."""
    if not words:
        return None
    parts = []
    for word in sorted(words, key=len, reverse=True):
        prefix = word.endswith("*")
        body = re.escape(word.rstrip("*")).replace(r"\ ", r"\s+").replace(r"\-", r"[-\s]?")
        parts.append(body + (r"\w*" if prefix else r"\b"))
    return re.compile(r"\b(?:" + "|".join(parts) + ")")


_RULE_FIELDS = frozenset(
    {"codes", "event_type", "sub_event_type", "if_source", "if_target", "if_either", "if_no_target", "if_words",
     "unless_words", "source_inter", "target_inter", "alone", "swap"}
)  # fmt: skip


def _rule_problems(item: Mapping[str, Any]) -> list[str]:
    """What is wrong with a rule's fields, all of it: missing ones, unquoted codes, types, unknown fields."""
    found = [f"unknown rule field {key!r}; expected one of {sorted(_RULE_FIELDS)}"
             for key in item if key not in _RULE_FIELDS]
    missing = [k for k in ("codes", "event_type", "sub_event_type") if k not in item]
    if missing:
        found.append(f"rule lacks {', '.join(missing)}")
    codes = item.get("codes")
    for code in codes if isinstance(codes, list) else [] if codes is None else [codes]:
        if isinstance(code, int) or not str(code).isdigit():
            found.append(f'code {code!r} must be a quoted CAMEO code such as "190"')
    for key in ("event_type", "sub_event_type"):
        if key in item and (not isinstance(item[key], str) or not item[key].strip()):
            found.append(f"{key} {item[key]!r} must be the text of an ACLED {key.replace('_', ' ')}")
    return found


def _rule(item: Any, words: Mapping[str, tuple[str, ...]], problem: Any) -> AcledRule | None:
    if not isinstance(item, dict):
        problem(item, "each rule must be a mapping with codes, event_type and sub_event_type")
        return None
    found = _rule_problems(item)
    for message in found:
        problem(item, message)
    if found:
        return None
    codes = item["codes"] if isinstance(item["codes"], list) else [item["codes"]]

    def inters(key: str) -> frozenset[int]:
        return frozenset(_inter_code(v, problem) for v in item.get(key) or [])

    def change(key: str) -> InterChange:
        value = item.get(key)
        if value is None:
            return _NO_CHANGE
        if isinstance(value, dict):
            return InterChange(
                by_code=tuple((_inter_code(k, problem), _inter_code(v, problem)) for k, v in value.items())
            )
        return InterChange(fixed=_inter_code(value, problem))

    def pattern(key: str) -> re.Pattern[str] | None:
        value = item.get(key)
        if value is None:
            return None
        listed: list[str] = []
        for entry in value if isinstance(value, list) else [value]:
            named = str(entry)
            if named.startswith("$"):
                if named[1:] not in words:
                    problem(item, f"{key}: no word list {named[1:]!r} under `words:`")
                listed.extend(words.get(named[1:], ()))
            else:
                listed.extend(_word_list(entry, problem))
        return _words_pattern(tuple(listed))

    return AcledRule(
        codes=tuple(str(c) for c in codes),
        event_type=str(item["event_type"]),
        sub_event_type=str(item["sub_event_type"]),
        if_source=inters("if_source"),
        if_target=inters("if_target"),
        if_either=inters("if_either"),
        if_no_target=bool(item.get("if_no_target", False)),
        if_words=pattern("if_words"),
        unless_words=pattern("unless_words"),
        source_inter=change("source_inter"),
        target_inter=change("target_inter"),
        alone=bool(item.get("alone", False)),
        swap=bool(item.get("swap", False)),
        line=line_of(item),
    )
