"""The ``coder:`` section of ``codebook.yaml``: the coder's settings, parsed and checked against the event codes."""

from __future__ import annotations

import dataclasses
from typing import Any

from .entries import EventCode, Settings
from .patterns import noun_forms, verb_forms
from .problems import Problems
from .problems import as_list as _list

__all__ = ["parse_coder_settings"]


def parse_coder_settings(raw: dict[str, Any], codes: dict[str, EventCode], problems: Problems) -> Settings:
    """The settings of ``coder:`` (``raw``); each bad entry is a problem at its line of ``codebook.yaml``."""
    settings = dataclasses.replace(
        _settings(raw),
        event_references=_event_references(raw, problems),
        intent_codes=_intent_codes(raw, codes, problems),
        answers=_answers(raw, codes, problems),
        bare_reactions=_answers(raw, codes, problems, "bare_reactions"),
        group_references=_group_references(raw, problems),
    )
    _check_code_lists(raw, codes, problems)
    return settings


def _settings(raw: dict[str, Any]) -> Settings:
    return Settings(
        max_gap=int(raw.get("max_gap", 3)),
        max_target_distance=int(raw.get("max_target_distance", 12)),
        negations=frozenset(str(w).lower() for w in _list(raw.get("negations"))),
        modals=frozenset(str(w).lower() for w in _list(raw.get("modals"))),
        speech_verbs=frozenset(str(w).lower() for w in _list(raw.get("speech_verbs"))),
        sentence_discards=tuple(str(w) for w in _list(raw.get("sentence_discards"))),
        story_discards=tuple(str(w) for w in _list(raw.get("story_discards"))),
        code_infinitives=bool(raw.get("code_infinitives", False)),
        before_verb_gap=int(raw.get("before_verb_gap", 0)),
        reference_victim_codes=frozenset(str(c) for c in _list(raw.get("reference_victim_codes"))),
        participant_codes=frozenset(str(c) for c in _list(raw.get("participant_codes"))),
        reacting_roots=frozenset(str(c) for c in _list(raw.get("reacting_roots"))),
        intent_modals=frozenset(str(w).lower() for w in _list(raw.get("intent_modals"))),
        own_country_codes=frozenset(str(c) for c in _list(raw.get("own_country_codes"))),
        home_government_codes=frozenset(str(c) for c in _list(raw.get("home_government_codes"))),
        focus_country_codes=frozenset(str(c) for c in _list(raw.get("focus_country_codes"))),
        allegation_codes=frozenset(str(c) for c in _list(raw.get("allegation_codes"))),
        intent_verbs=frozenset(f for w in _list(raw.get("intent_verbs")) for f in verb_forms(str(w).lower())),
    )


def _check_code_lists(raw: dict[str, Any], codes: dict[str, EventCode], problems: Problems) -> None:
    """The code lists of ``coder`` (``reacting_roots``, ``own_country_codes``, ...) must name event codes."""
    for key in ("reacting_roots", "reference_victim_codes", "participant_codes", "own_country_codes",
                "home_government_codes", "focus_country_codes", "allegation_codes"):
        unknown = [str(c) for c in _list(raw.get(key)) if str(c) not in codes]
        if unknown:
            problems.add("codebook.yaml", raw.get(key), f"coder.{key}: not event codes: {', '.join(unknown)}")


def _coder_table(raw: dict[str, Any], key: str, what: str, problems: Problems) -> dict[Any, Any]:
    """The mapping ``coder.<key>`` (empty when absent); anything else is a problem."""
    section = raw.get(key) or {}
    if not isinstance(section, dict):
        problems.add("codebook.yaml", section, f"coder.{key} must map {what}")
        return {}
    return section


def _answers(
    raw: dict[str, Any], codes: dict[str, EventCode], problems: Problems, key: str = "answers"
) -> dict[str, frozenset[str]]:
    """``coder.answers`` (or ``bare_reactions``): an event code to the roots of the events it answers."""
    section = _coder_table(raw, key, "event codes to lists of root codes", problems)
    out = {}
    for code, roots in section.items():
        values = frozenset(str(r) for r in _list(roots))
        if str(code) not in codes or not values <= codes.keys():
            problems.add("codebook.yaml", roots, f"coder.{key}: {code!r} needs an event code and root codes")
            continue
        out[str(code)] = values
    return out


def _group_references(raw: dict[str, Any], problems: Problems) -> dict[str, frozenset[str]]:
    """``coder.group_references``: a noun to the three-letter codes (role or leading code) it may name."""
    section = _coder_table(raw, "group_references", "nouns to lists of codes", problems)
    out = {}
    for noun, listed in section.items():
        values = frozenset(str(c) for c in _list(listed))
        if not values or not all(len(c) == 3 and c.isalpha() and c.isupper() for c in values):
            problems.add("codebook.yaml", listed, f"coder.group_references: {noun!r} needs three-letter codes")
            continue
        out[str(noun).lower()] = values
    return out


def _intent_codes(raw: dict[str, Any], codes: dict[str, EventCode], problems: Problems) -> dict[str, str]:
    """``coder.intent_codes``: a code prefix to the code of stating that intent; both must be event codes."""
    section = _coder_table(raw, "intent_codes", "code prefixes to event codes", problems)
    out = {}
    for prefix, code in section.items():
        if str(prefix) not in codes or str(code) not in codes:
            problems.add("codebook.yaml", code, f"coder.intent_codes: {prefix!r}: {code!r} needs two event codes")
            continue
        out[str(prefix)] = str(code)
    return out


def _event_references(raw: dict[str, Any], problems: Problems) -> dict[str, frozenset[str]]:
    """``coder.event_references``: each noun (and its plural) to the root codes it may refer to."""
    section = _coder_table(raw, "event_references", "nouns to lists of root codes", problems)
    out: dict[str, frozenset[str]] = {}
    for noun, roots in section.items():
        values = [str(r) for r in _list(roots)]
        bad = [r for r in values if not (len(r) == 2 and r.isdigit() and 1 <= int(r) <= 20)]
        if not isinstance(noun, str) or not noun.strip() or bad:
            problems.add("codebook.yaml", roots, f"coder.event_references: {noun!r} needs root codes 01-20, got {bad}")
            continue
        for form in noun_forms(noun.strip().lower()) | {noun.strip().lower()}:
            out[form] = frozenset(values)
    return out
