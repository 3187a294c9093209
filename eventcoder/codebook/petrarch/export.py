"""Write a loaded PETRARCH codebook as an eventcoder YAML codebook directory.

The directory loads with :func:`eventcoder.load_codebook` and codes exactly
as the PETRARCH codebook did, except for what eventcoder's YAML cannot hold
yet; :class:`ExportReport` lists every such entry (``dropped``) so nothing is
lost silently:

- event codes that are not 2-4 digits and an optional capital, and their patterns;
- agent roles and actor codes that are not three-letter parts (TABARI's ``ITHTV``).

``[A:B]`` patterns are written in a group keyed ``"A:B"``; TABARI letter codes
(``174K``) and roles such as ``GOVFRM`` are kept; discard lists and
``code_infinitives`` are written under ``coder:`` in ``codebook.yaml``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ...errors import OutputExistsError
from ..codebook import Codebook
from ..entries import ActorEntry, Pattern
from .build import ordered_entries, ordered_patterns

_YAML_CODE = re.compile(r"^\d{2,4}[A-Z]?$")
_ROLE = re.compile(r"^[A-Z0-9]{3}(?:[A-Z0-9]{3})*$")
FILES = ("codebook.yaml", "cameo.yaml", "goldstein.yaml", "verbs.1-forms.yaml", "verbs.2-lemmas.yaml",
         "nouns.yaml", "countries.yaml", "agents.yaml", "actors.yaml")


@dataclass
class ExportReport:
    """Files written, counts, and what eventcoder's YAML could not hold."""

    directory: Path
    files: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)
    not_loaded: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        """Whether the YAML codebook holds everything the coder uses."""
        return not self.dropped

    def summary(self) -> str:
        lines = [f"wrote {len(self.files)} file(s) to {self.directory}: "
                 + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in self.counts.items())]
        if self.dropped:
            lines.append(f"left out ({len(self.dropped)}): eventcoder YAML cannot hold them yet")
            lines.extend(f"  {d}" for d in self.dropped[:20])
            if len(self.dropped) > 20:
                lines.append(f"  ... and {len(self.dropped) - 20} more")
        lines.extend(f"note: {n}" for n in self.not_loaded)
        return "\n".join(lines)


def _q(value: Any) -> str:
    """A YAML scalar, always quoted (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _flow(item: dict[str, Any]) -> str:
    parts = []
    for key, value in item.items():
        if isinstance(value, list):
            inner = ", ".join(_flow(v) if isinstance(v, dict) else _q(v) for v in value)
            parts.append(f"{key}: [{inner}]")
        else:
            parts.append(f"{key}: {_q(value)}")
    return "{" + ", ".join(parts) + "}"


def export_yaml(codebook: Codebook, out_dir: str | Path, *, overwrite: bool = False) -> ExportReport:
    """Write ``codebook`` (typically from ``load_petrarch``) as YAML files in ``out_dir``.

    Raises OutputExistsError when ``out_dir`` already holds YAML files, unless
    ``overwrite`` (which replaces only the files this function writes).
    """
    out = Path(out_dir)
    existing = sorted(out.glob("*.yaml")) if out.is_dir() else []
    if existing and not overwrite:
        raise OutputExistsError(f"{out} already holds {existing[0].name}",
                                "pass --overwrite (overwrite=True) or choose another --out directory")
    out.mkdir(parents=True, exist_ok=True)
    for old in existing:
        if old.name in FILES or old.name.startswith(("verbs.", "nouns.", "actors.", "countries.", "agents.")):
            old.unlink()
    report = ExportReport(out)
    writable = {c for c in codebook.codes if _YAML_CODE.match(c)}
    for code in sorted(set(codebook.codes) - writable):
        report.dropped.append(f"event code {code}: cameo.yaml takes 2 to 4 digits and maybe a capital")
    if codebook.settings.default_actors is not None:
        report.dropped.append(f"default actors {codebook.settings.default_actors} (TABARI DEFAULT:): codebook.yaml "
                              "cannot hold them; a validation run applies the suite's OPTION: records itself")

    def write(name: str, text: str) -> None:
        (out / name).write_text(text, encoding="utf-8")
        report.files.append(name)

    write("codebook.yaml", _manifest(codebook, writable))
    write("cameo.yaml", "codes:\n" + "".join(f"  {_q(c)}: {_q(codebook.codes[c].label)}\n" for c in sorted(writable)))
    write("goldstein.yaml",
          "scores:\n" + "".join(f"  {_q(c)}: {codebook.codes[c].goldstein}\n" for c in sorted(writable)))
    verbs = _sayable(_distinct(codebook.verbs), report)
    names = ("verbs.1-forms.yaml", "verbs.2-lemmas.yaml")
    written = 0
    for name, groups in zip(names, ordered_patterns(verbs), strict=True):
        text, n = _pattern_groups(groups, writable, report)
        write(name, text)
        written += n
    nouns = _distinct(codebook.nouns)
    if nouns:
        text, n = _pattern_groups([g for rank in ordered_patterns(nouns) for g in rank], writable, report)
        write("nouns.yaml", text)
        report.counts["noun_patterns"] = n
    report.counts["verb_patterns"] = written
    entries = ordered_entries({id(p.entry): p.entry for ps in codebook.phrases.values() for p in ps}.values())
    write("countries.yaml", _countries(entries, report))
    write("agents.yaml", _agents(entries, report))
    write("actors.yaml", _actors(entries, report))
    return report


def _sayable(patterns: list[Pattern], report: ExportReport) -> list[Pattern]:
    """The patterns whose text says all their TABARI reading does, once each; the others are listed."""
    out: dict[tuple[str, str], Pattern] = {}
    for p in patterns:
        words = sum(1 for e in (*p.tabari.lower, *p.tabari.upper) if e.word) if p.tabari is not None else 0
        if p.tabari is not None and len(p.text.replace("*", " ").split()) - 1 < words:
            report.dropped.append(f"{p.where}: TABARI pattern {p.text!r} [{p.code}]: its marks or "
                                  "alternatives need TABARI's matcher, which YAML patterns cannot ask for")
            continue
        out.setdefault((p.text, p.code), p)
    return list(out.values())


def _distinct(index: dict[str, tuple[Pattern, ...]]) -> list[Pattern]:
    return list({id(p): p for ps in index.values() for p in ps}.values())


def _pattern_groups(groups: list[tuple[str, list[Pattern]]], writable: set[str],
                    report: ExportReport) -> tuple[str, int]:
    lines: list[str] = []
    n = 0
    for key, patterns in groups:
        if any(c != "---" and c not in writable for c in key.rstrip("!").split(":")):
            report.dropped.extend(f"{p.where}: pattern {p.text!r} [{key}]: code cameo.yaml cannot hold"
                                  for p in patterns)
            continue
        lines.append(f"{_q(key)}:")
        for p in patterns:
            lines.append(f"  - {_q(p.text)}  # {p.where}")
            n += 1
    return "\n".join(lines) + "\n" if lines else "{}\n", n


def _manifest(codebook: Codebook, writable: set[str]) -> str:
    roots = sorted({c[:2] for c in writable})
    quad = {r: codebook.codes[r].quad_class if r in codebook.codes else
            next(codebook.codes[c].quad_class for c in sorted(writable) if c[:2] == r) for r in roots}
    penta = {r: codebook.codes[r].penta_class if r in codebook.codes else
             next(codebook.codes[c].penta_class for c in sorted(writable) if c[:2] == r) for r in roots}
    s = codebook.settings
    coder = {
        "max_gap": s.max_gap,
        "max_target_distance": s.max_target_distance,
        "negations": sorted(s.negations),
        "modals": sorted(s.modals),
        "speech_verbs": sorted(s.speech_verbs),
        "sentence_discards": list(s.sentence_discards),
        "story_discards": list(s.story_discards),
        "code_infinitives": str(s.code_infinitives).lower(),
        "before_verb_gap": s.before_verb_gap,
        "reference_victim_codes": sorted(s.reference_victim_codes),
        "participant_codes": sorted(s.participant_codes),
        "reacting_roots": sorted(s.reacting_roots),
        "intent_modals": sorted(s.intent_modals),
        "intent_verbs": sorted(s.intent_verbs),
    }
    lines = [
        "# Exported from a PETRARCH codebook by eventcoder.codebook.petrarch.export_yaml",
        f"name: {_q(codebook.name)}",
        f"version: {_q(codebook.version)}",
        f"description: {_q(f'PETRARCH dictionaries from {codebook.root} (content {codebook.content_hash[:12]})')}",
        "quad_class: {" + ", ".join(f"{_q(r)}: {quad[r]}" for r in roots) + "}",
        "penta_class: {" + ", ".join(f"{_q(r)}: {penta[r]}" for r in roots) + "}",
        "coder:",
    ]
    for key, value in coder.items():
        if isinstance(value, list):
            lines.append(f"  {key}: [" + ", ".join(_q(v) for v in value) + "]")
        else:
            lines.append(f"  {key}: {value}")
    lines.append("  event_references:" + ("" if s.event_references else " {}"))
    for noun, refers_to in sorted(s.event_references.items()):
        lines.append(f"    {_q(noun)}: [" + ", ".join(_q(r) for r in sorted(refers_to)) + "]")
    lines.append("  intent_codes:" + ("" if s.intent_codes else " {}"))
    for prefix, code in sorted(s.intent_codes.items()):
        lines.append(f"    {_q(prefix)}: {_q(code)}")
    return "\n".join(lines) + "\n"


def _countries(entries: list[ActorEntry], report: ExportReport) -> str:
    items: dict[str, list[str]] = {}
    for e in entries:
        if e.kind == "country" and e.key == f"country:{e.code}":
            items.setdefault(e.code, []).append(e.name)
        elif e.kind in ("adjective", "capital", "country"):
            report.dropped.append(f"{e.where}: {e.kind} {e.name!r}: not produced by PETRARCH readers")
    lines = ["countries:"]
    for code, names in items.items():
        item: dict[str, Any] = {"code": code, "name": names[0]}
        if names[1:]:
            item["names"] = names[1:]
        lines.append(f"  - {_flow(item)}")
    report.counts["countries"] = len(items)
    return "\n".join(lines) + "\n"


def _agents(entries: list[ActorEntry], report: ExportReport) -> str:
    roles: dict[str, list[str]] = {}
    for e in entries:
        if e.kind != "agent" or not e.role:
            continue
        if not _ROLE.match(e.role):
            report.dropped.append(f"{e.where}: agent {e.name!r} [~{e.role}]: agents.yaml takes roles of "
                                  "three-letter parts")
            continue
        roles.setdefault(e.role, []).append(e.name)
    report.counts["agents"] = sum(len(v) for v in roles.values())
    return "".join(f"{_q(role)}: [{', '.join(_q(p) for p in phrases)}]\n" for role, phrases in roles.items()) or "{}\n"


def _actors(entries: list[ActorEntry], report: ExportReport) -> str:
    items: dict[str, dict[str, Any]] = {}
    for e in entries:
        if e.kind != "named":
            continue
        name = e.key.split(":", 1)[1]
        if not _ROLE.match(e.code):  # TABARI allows any code (ITHTV); actors.yaml takes CAMEO's
            report.dropped.append(f"{e.where}: actor {e.name!r} [{e.code}]: actors.yaml takes codes of "
                                  "three-letter parts")
            continue
        item = items.get(e.key)
        if item is None:
            item = items[e.key] = {"name": name, "code": e.code, "type": e.type or "person"}
            if e.country:
                item["country"] = e.country
            if e.roles:
                item["roles"] = [{"code": r.code, **({"from": _iso(r.start)} if r.start else {}),
                                  **({"to": _iso(r.end)} if r.end else {})} for r in e.roles]
        if e.name != name:
            item.setdefault("variants", []).append(e.name)
    report.counts["actors"] = len(items)
    lines = []
    for item in items.values():
        keys = ("name", "variants", "code", "country", "type", "roles")
        ordered: dict[str, Any] = {k: item[k] for k in keys if k in item}
        lines.append(f"- {_flow(ordered)}")
    return "\n".join(lines) + "\n" if lines else "[]\n"


def _iso(day: date) -> str:
    return day.isoformat()
