"""Read a TABARI verb dictionary (``*.verbs``) into eventcoder pattern specs.

::

    <SYNSETS>                        synonym sets: &NAME, then +members
    &TIETYPES
    +MILITARY
    </SYNSETS>
    <TIME>                           time shifts (read, reported: not applied)
    YESTERDAY [-1]
    </TIME>
    ABANDON  [345]                   a root and its code (no block header)
    - * &TIETYPES TIES [902]         its patterns: * the verb, + target, $ source, % compound
    BREAK_ [1717]                    `_` at the end: no stemming
    { BROKE_ BROKEN_ BROKEN_DOWN_ }  irregular forms, one line after the root
    CONTRIBUT [070]                  a stem: completed to the verbs it begins

Each root and pattern becomes :class:`PatternSpec` values (the same records
the PETRARCH reader yields), compiled by ``compile_pattern``. A root coded
``[###]`` or ``[+++]`` becomes a sentence discard phrase. What cannot be
said is reported with its :class:`Unsupported` reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..petrarch.source import Ignored, Line
from ..petrarch.verbs import Head, PatternSpec, _words, lemma_of
from .codes import CodeKind, TabariCode, parse_tabari_code
from .phrases import MARKS, Option, PatternError, expand, split_tokens, synset_options
from .source import Unsupported, read_tabari_lines
from .stems import complete_verb
from .tpatterns import root_pattern, tabari_patterns, with_leading

_BRACKET = re.compile(r"\[([^\]]*)\]")
DISCARD_CODE = "###"  # a pattern coded [###]: when it matches, the sentence is discarded
COMPLEX_CODE = "+++"  # [+++]: the sentence is set aside as complex
_TARGET = "{T}"
_SOURCE = "{S}"


@dataclass(frozen=True, slots=True)
class TimeShift:
    """A ``<TIME>`` phrase: its words and the days it shifts the date by."""

    words: tuple[str, ...]
    days: int
    where: str


@dataclass
class TabariVerbs:
    """What verb files yield: patterns in load order, discard and complex phrases, time shifts."""

    patterns: list[PatternSpec] = field(default_factory=list)
    discards: list[str] = field(default_factory=list)
    complex: list[str] = field(default_factory=list)
    time_shifts: list[TimeShift] = field(default_factory=list)
    synsets: dict[str, list[Option]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    # TABARI's stems: (written word, whole word only, a form the verb index holds): a word that
    # begins with a stem is that verb (with a whole word, only its regular endings)
    stems: list[tuple[str, bool, str]] = field(default_factory=list)


@dataclass
class _Root:
    line: Line
    code: TabariCode
    heads: list[Head] = field(default_factory=list)
    patterns: list[Line] = field(default_factory=list)


def _bracket_code(line: Line, ignored: Ignored, *, time: bool = False) -> tuple[str, TabariCode | None]:
    """``(text before the code, code)``; None (reported) when the code is missing or unreadable."""
    text = line.text.strip()
    found = _BRACKET.findall(text)
    body = text[: text.find("[")] if found else text
    if not found:
        ignored.add(line, Unsupported.NO_CODE)
        return body, None
    code = parse_tabari_code(found[-1], time=time)
    if code is None:
        ignored.add(line, Unsupported.BAD_CODE, f"[{found[-1].strip()}]")
        return body, None
    if code.subordinate:
        ignored.add(line, Unsupported.SUBORDINATE_CODE, f"[{found[-1].strip()}]")
    return body, code


def read_verbs(paths: Iterable[Path], ignored: Ignored) -> TabariVerbs:
    """Read every verb file, in order, into one :class:`TabariVerbs`."""
    result = TabariVerbs()
    roots: list[_Root] = []
    raw_synsets: dict[str, list[Line]] = {}
    for path in paths:
        root: _Root | None = None
        synset: str | None = None
        for item in read_tabari_lines(path):
            line, text = item.line, item.line.text.strip()
            if item.section == "SYNSETS":
                if text.startswith("&"):
                    synset = text.split()[0].upper()
                    raw_synsets[synset] = []
                elif text.startswith("+") and synset is not None:
                    raw_synsets[synset].append(line)
                else:
                    ignored.add(line, Unsupported.BAD_LINE)
            elif item.section == "TIME":
                _time_line(line, result, ignored)
            elif item.section:
                ignored.add(line, Unsupported.UNKNOWN_SECTION if item.section == "?" else Unsupported.BAD_LINE)
            elif text.startswith("-"):
                if root is None:
                    ignored.add(line, Unsupported.PATTERN_BEFORE_VERB)
                else:
                    root.patterns.append(line)
            elif text.startswith("{"):
                if root is None:
                    ignored.add(line, Unsupported.FORMS_BEFORE_VERB)
                else:
                    root.heads += _form_heads(text)
                    result.stems += [(f.lower(), False, h.alternatives[0]) for f, h in
                                     zip(text.strip("{} ").split(), _form_heads(text), strict=False)
                                     if f.isalpha() and len(f) >= 3]
            else:
                root = _root(line, result, ignored)
                if root is not None:
                    roots.append(root)
    result.synsets = _resolve_synsets(raw_synsets, ignored)
    for root in roots:
        _compile_root(root, result, ignored)
    result.counts.update(verb_roots=len(roots), synsets=len(raw_synsets),
                         pattern_lines=sum(len(r.patterns) for r in roots), time_phrases=len(result.time_shifts))
    return result


def _phrase(body: str) -> str:
    """A discard phrase from root words: folded, a trailing ``_`` asks for a word end."""
    words = [w for t in split_tokens(body) if t not in MARKS for w in _words(t)]
    return " ".join(words) + ("_" if body.rstrip().endswith("_") else "")


def _root(line: Line, result: TabariVerbs, ignored: Ignored) -> _Root | None:
    body, code = _bracket_code(line, ignored)
    if code is None:
        return None
    if code.kind is CodeKind.DISCARD:
        result.discards.append(_phrase(body))
    elif code.kind is CodeKind.COMPLEX:
        result.complex.append(_phrase(body))
    if body.strip().endswith("="):
        ignored.add(line, Unsupported.EXACT_FORM, body.strip())
    head = _root_head(body, line, ignored)
    if head is not None:
        first = body.strip().split()[0].split("_")[0]
        word = first.rstrip("=").lower()
        if word.isalpha() and len(word) >= 3 and not first.endswith("="):  # BAN=: no endings either
            exact = "_" in body.strip().split()[0]
            result.stems.append((word, exact, head.alternatives[0]))
    return _Root(line, code, [head]) if head is not None else None


def _root_head(body: str, line: Line, ignored: Ignored) -> Head | None:
    """The head of a root (``CONTRIBUT`` -> contribute; ``BURN DOWN`` -> burn + down)."""
    tokens = [t for t in split_tokens(body) if t not in MARKS]
    if not tokens:
        ignored.add(line, Unsupported.BAD_LINE)
        return None
    first = body.strip().split()[0].split("_")[0]
    verb = tokens[0].lower()
    leading = tuple(w for t in tokens[1:] for w in _words(t))
    exact = first.endswith("=") or (len(tokens) == 1 and body.strip().endswith("_"))
    verbs, too_wide = ((verb,), False) if exact else complete_verb(verb)
    if too_wide:
        ignored.add(line, Unsupported.STEM_TOO_WIDE, tokens[0])
    rank = 0 if len(verbs) == 1 and lemma_of(verbs[0]) != verbs[0] else 1
    return Head(verbs, leading, rank)


def _form_heads(text: str) -> list[Head]:
    """Heads of an irregular-forms line (``{ BROKE_ BROKEN_DOWN_ }``)."""
    heads = []
    for form in text.strip("{} ").split():
        words = [w for part in form.split("_") if part for w in _words(part)]
        if words:
            heads.append(Head((words[0],), tuple(words[1:]), 0))
    return heads


def _time_line(line: Line, result: TabariVerbs, ignored: Ignored) -> None:
    body, code = _bracket_code(line, ignored, time=True)
    if code is None:
        return
    if line.text.strip().startswith("-"):
        ignored.add(line, Unsupported.TIME_PATTERN)
        return
    if code.kind is CodeKind.DISCARD:
        result.discards.append(_phrase(body))
    elif code.kind is CodeKind.COMPLEX:
        result.complex.append(_phrase(body))
    elif code.kind is CodeKind.SHIFT:
        words = tuple(w for t in split_tokens(body) for w in _words(t))
        result.time_shifts.append(TimeShift(words, code.days, str(line.where)))
        ignored.add(line, Unsupported.TIME_SHIFT)


def _resolve_synsets(raw: dict[str, list[Line]], ignored: Ignored) -> dict[str, list[Option]]:
    """Every synset as its member word sequences; members may use synsets defined before."""
    resolved: dict[str, list[Option]] = {}
    for name, lines in raw.items():
        members: list[Option] = []
        for line in lines:
            tokens = split_tokens(line.text.strip()[1:])
            refs = [t.upper() for t in tokens if t.startswith("&")]
            if name in refs or any(r not in resolved for r in refs):
                ignored.add(line, Unsupported.BAD_SYNSET_MEMBER)
                continue
            members += [m for m in synset_options(tokens, resolved) if m]
        resolved[name] = list(dict.fromkeys(members))
    return resolved


def _compile_root(root: _Root, result: TabariVerbs, ignored: Ignored) -> None:
    """The root's and its patterns' specs, each with its TABARI reading (``PatternSpec.tabari``): the
    eventcoder text where it can say the pattern, else the verb alone (the reading does the matching)."""
    heads = _grouped(root.heads)
    code = root.code
    for head in heads if not code.subordinate else ():  # "SAID [023?]": reported speech, not an event alone
        result.patterns.append(PatternSpec(head.text, code.code, root.line.where, head.rank, code.reverse,
                                           code.dominant, root_pattern(head.leading)))
    for line in root.patterns:
        body, pcode = _bracket_code(line, ignored)
        if pcode is None:
            continue
        try:
            variants = expand(body.strip()[1:], result.synsets)
            base = tabari_patterns(body.strip()[1:], result.synsets)
            readings = {head: [with_leading(r, head.leading) for r in base] for head in heads}
        except PatternError as exc:
            ignored.add(line, exc.reason, exc.detail or None)
            continue
        plain = [_readings([v.tokens]) for v in variants]
        event = {CodeKind.DISCARD: DISCARD_CODE, CodeKind.COMPLEX: COMPLEX_CODE}.get(pcode.kind, pcode.code)
        for head in heads:
            paired = len(plain) == len(readings[head])  # both multiply the alternatives out in one order
            for k, reading in enumerate(readings[head]):
                words = plain[k][0] if paired and plain[k] else None
                verb = [f"*{head.text}"] if words and words[0] else [head.text]
                text = " ".join([*words[0], *verb, *words[1]]) if words else head.text
                result.patterns.append(PatternSpec(text, event, line.where, head.rank, pcode.reverse,
                                                   pcode.dominant, reading))


def _grouped(heads: list[Head]) -> list[Head]:
    """Single-word heads of one rank share one head of alternatives; the others stay."""
    groups: list[Head] = []
    for rank in (0, 1):
        alts = [a for h in heads if not h.leading and h.rank == rank for a in h.alternatives]
        if alts:
            groups.append(Head(tuple(dict.fromkeys(alts)), (), rank))
    seen = {(g.alternatives, g.leading) for g in groups}
    for h in heads:
        if h.leading and (h.alternatives, h.leading) not in seen:
            seen.add((h.alternatives, h.leading))
            groups.append(h)
    return groups


def _readings(variants: list[tuple[str, ...]]) -> list[tuple[list[str], list[str]]]:
    """``(words before the verb, words after it)`` per variant an eventcoder pattern can say (marks
    turned into its slots); the others are matched by their TABARI reading alone."""
    out: list[tuple[list[str], list[str]]] = []
    for tokens in variants:
        star = tokens.index("*") if tokens.count("*") == 1 else -1
        before, after = [t for t in tokens[:star] if t != "^"], [t for t in tokens[star + 1 :] if t != "^"]
        if star < 0 or _unsupported(before, after) is not None or "^" in tokens:
            continue
        compound = before[:1] == ["%"]
        prefix = (["{S}"] if compound else []) + (before[1:] if before[:1] in (["%"], ["$"]) else before)
        prefix = [_TARGET if t == "+" else t for t in prefix]  # `SUGGESTED + *`: the target before the verb
        out.append((prefix, [_TARGET if t in ("+", "%") else _SOURCE if t == "$" else t for t in after]))
    return list({(tuple(p), tuple(w)): (p, w) for p, w in out}.values())


def _unsupported(before: list[str], after: list[str]) -> Unsupported | None:
    if "+" in before and ("+" in after or "%" in after or before.count("+") > 1 or before[:1] == ["%"]):
        return Unsupported.TARGET_BEFORE_VERB
    if "%" in before[1:] or "$" in before[1:] or (before[:1] == ["$"] and "%" in before):
        return Unsupported.ACTOR_MARK_BEFORE
    if "$" in after and (after[-1] != "$" or after.count("$") > 1 or "+" in after or "%" in after
                         or before[:1] in (["$"], ["%"])):
        return Unsupported.SOURCE_AFTER_VERB
    if after.count("+") + after.count("%") > 1:
        return Unsupported.TWO_TARGETS
    return None

