"""TABARI ``.options`` files and the ``OPTION:`` records of a validation suite.

Each line is a command: ``SET: NAME = VALUE``, ``COMPLEX: VERBS[5] CONJ[4]
NOACTPRIOR``, ``LABEL: 010=YIELD``, ``DEFAULT: SOURCE [X] PRIOR ...``,
``FORWARD: ...``, ``OUTPUT: ...``, ``COMMA: ...``. They are parsed into a
typed :class:`TabariOptions`. ``LABEL`` names codes eventcoder's taxonomy
lacks, ``DEFAULT:`` becomes :class:`~eventcoder.codebook.entries.DefaultActors`
(:func:`coder_settings`), ``SET: CONVERT AGENTS`` changes how a validation
run writes an agent with no actor (``~MIL``, not ``---MIL``); the rest is kept
and reported as not applied: eventcoder's coder has no complexity filter or
clause modes.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..entries import DefaultActors, Settings
from ..petrarch.source import Ignored
from ..tabari_rules import CodeBy, CommaLimits
from .source import Unsupported, read_tabari_lines

_COMMAND = re.compile(r"^\s*([A-Z]+)\s*:\s*(.*)$", re.IGNORECASE)
_SET = re.compile(r"^(.*?)\s*=\s*(.*)$")
_COMPLEX_N = re.compile(r"([A-Z]+)\[(\d+)\]")
_APPLIED = ("LABEL", "DEFAULT", "SET: CONVERT AGENT", "COMPLEX", "SET: CODE BY", "SET: CODE ALL", "COMMA")
_COMMANDS = ("SET", "COMPLEX", "LABEL", "DEFAULT", "FORWARD", "OUTPUT", "COMMA", "OPTION")


@dataclass(frozen=True)
class TabariOptions:
    """The options in effect; ``commands`` keeps every command read, in order."""

    code_by: CodeBy = CodeBy.CLAUSE
    time_shift: bool | None = None  # None: on when the verbs have <TIME> phrases
    convert_agents: bool = False
    minimum_words: int | None = None
    complex: tuple[tuple[str, int], ...] = ()  # VERBS[5] -> ("VERBS", 5); flags as 0
    default_source: str | None = None
    default_target: str | None = None
    default_source_prior: bool = False  # DEFAULT: SOURCE [X] PRIOR
    default_target_after: bool = False  # DEFAULT: ... TARGET [Y] AFTER
    comma: CommaLimits | None = CommaLimits()  # COMMA: MIN = 2 MAX = 10 ...; None: COMMA: OFF
    labels: dict[str, str] = field(default_factory=dict, hash=False)
    commands: tuple[str, ...] = ()


def _truth(value: str) -> bool:
    return value.strip().upper() in ("TRUE", "ON", "YES", "1")


def _set(options: TabariOptions, body: str) -> TabariOptions:
    upper = body.upper().strip()
    if upper.startswith("CODE BY") or upper.startswith("CODE ALL"):
        mode = CodeBy.ALL if "ALL" in upper else CodeBy.SENTENCE if "SENTENCE" in upper else CodeBy.CLAUSE
        return dataclasses.replace(options, code_by=mode)
    found = _SET.match(upper)
    if not found:
        return options
    name, value = " ".join(found.group(1).split()), found.group(2).strip()
    if name.startswith("TIME SHIFT"):
        return dataclasses.replace(options, time_shift=_truth(value))
    if name.startswith("CONVERT AGENT"):
        return dataclasses.replace(options, convert_agents=_truth(value))
    if name == "MINIMUM WORDS" and value.split() and value.split()[0].isdigit():
        return dataclasses.replace(options, minimum_words=int(value.split()[0]))
    return options


def _default(options: TabariOptions, body: str) -> TabariOptions:
    upper = body.upper()
    if upper.strip() == "OFF":
        return dataclasses.replace(options, default_source=None, default_target=None)
    source = re.search(r"SOURCE\s*\[([^\]]*)\]\s*(PRIOR\b)?", upper)
    target = re.search(r"TARGET\s*\[([^\]]*)\]\s*(AFTER\b)?", upper)
    return dataclasses.replace(options, default_source=source.group(1).strip() if source else None,
                               default_target=target.group(1).strip() if target else None,
                               default_source_prior=bool(source and source.group(2)),
                               default_target_after=bool(target and target.group(2)))


def _comma(limits: CommaLimits | None, body: str) -> CommaLimits | None:
    """``COMMA: MIN = 4 MAX = 6 EMIN = 3 ...`` over the limits in effect; ``COMMA: OFF`` -> None."""
    if body.strip().upper().startswith("OFF"):
        return None
    values = {k.lower(): int(v) for k, v in re.findall(r"\b([BE]?M(?:IN|AX))\s*=\s*(\d+)", body.upper())}
    return dataclasses.replace(limits or CommaLimits(), **values)


def coder_settings(settings: Settings, options: TabariOptions) -> Settings:
    """``settings`` with what of ``options`` eventcoder's coder applies: the ``DEFAULT:`` actors and
    the :class:`TabariRules` (``CODE BY``)."""
    defaults = None
    if options.default_source or options.default_target:
        defaults = DefaultActors(options.default_source or None, options.default_target or None,
                                 options.default_source_prior, options.default_target_after)
    rules = None  # another codebook validated on a TABARI suite keeps its own coder
    if settings.tabari is not None:
        rules = dataclasses.replace(settings.tabari, code_by=options.code_by, complex=options.complex,
                                    convert_agents=options.convert_agents, comma=options.comma)
    if settings.default_actors == defaults and settings.tabari == rules:
        return settings
    return dataclasses.replace(settings, default_actors=defaults, tabari=rules)


def apply_command(options: TabariOptions, text: str) -> TabariOptions | None:
    """``options`` after one command line; None when the line is not a TABARI command."""
    found = _COMMAND.match(text)
    if not found or found.group(1).upper() not in _COMMANDS:
        return None
    command, body = found.group(1).upper(), found.group(2).strip()
    if command == "OPTION":
        return apply_command(options, body)
    options = dataclasses.replace(options, commands=(*options.commands, f"{command}: {body}"))
    if command == "SET":
        return _set(options, body)
    if command == "COMPLEX":
        items = [(m.group(1).upper(), int(m.group(2))) for m in _COMPLEX_N.finditer(body.upper())]
        flags = [(w, 0) for w in _COMPLEX_N.sub(" ", body.upper()).split()]
        return dataclasses.replace(options, complex=tuple(items + flags))
    if command == "LABEL" and "=" in body:
        code, _, label = body.partition("=")
        return dataclasses.replace(options, labels={**options.labels, code.strip(): label.strip()})
    if command == "DEFAULT":
        return _default(options, body)
    if command == "COMMA":
        return dataclasses.replace(options, comma=_comma(options.comma, body))
    return options


def read_options(paths: Iterable[Path], ignored: Ignored) -> TabariOptions:
    """The options of ``.options`` files, in order; lines that are no command are reported."""
    options = TabariOptions()
    for path in paths:
        for item in read_tabari_lines(path):
            text = item.line.text.strip()
            if text.startswith("~"):
                continue  # TABARI's end-of-labels mark
            found = apply_command(options, text)
            if found is None:
                ignored.add(item.line, Unsupported.UNKNOWN_OPTION)
                continue
            options = found
            if not text.upper().startswith(_APPLIED):
                ignored.add(item.line, Unsupported.OPTION_NOT_APPLIED)
    return options
