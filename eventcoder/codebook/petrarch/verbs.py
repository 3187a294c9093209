"""Read a PETRARCH/TABARI verb dictionary (``CAMEO.2.0.txt``, ``*verbs*``).

The file is a series of synonym sets and verb blocks::

    &CURRENCY                     a synset: the lines below are its members
    +DOLLARS
    +SWISS_FRANCS

    --- GRANT  [070] ---          a block and its default code
    GRANT                         verbs of the block (regular forms generated)
    GIVE {GAVE GIVEN GIVING}      irregular forms
    CONTRIBUTE [071]              a verb with its own code
    +SET_UP                       a multi-word verb; `+` marks the verb
    - * &CURRENCY [903]           patterns: `*` is the verb
    - * AID TO + [072]            `+` is the target
    - * TIES [064:064]            source->target code : target->source code

Each pattern becomes an eventcoder pattern text (``grant|give aid to {T}``)
compiled by :func:`eventcoder.codebook.patterns.compile_pattern`, so a
PETRARCH codebook behaves exactly like the YAML it exports to. What the
pattern model cannot say is reported, never guessed: a target before the
verb (``+ *``), a source after it (``* FROM $``) and codes that are not
event codes. Words before the verb (``NOT *``, ``&NEGATIONS *``) must stand
right before it (``not *warn``; adverbs may come between). A compound
subject (``% *``, ``% HAVE *``) becomes a ``{S} ...`` pattern: coded between
the members of a compound subject. A compound after the verb (``* WITH %``) is
read as the target, which eventcoder splits into one event per member
(PETRARCH also requires that target to be a compound).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ...text import tokenize
from ..entries import Where
from ..patterns import verb_forms

if TYPE_CHECKING:
    from ..tabari_rules import TabariPattern
from .source import Ignored, Line, read_lines

MAX_VARIANTS = 64
"""A pattern whose synsets expand to more variants than this is ignored."""

_CODE = re.compile(r"^\d{2,4}[A-Z]?$")
_BRACKET = re.compile(r"\[([^\]]*)\]")
_TARGET = "{T}"
_CONTRACTION = re.compile(r"\s+(n't)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PatternSpec:
    """One eventcoder verb pattern read from a PETRARCH line.

    ``rank`` 0 holds patterns of verbs written as an inflected form (``LEFT``
    beside ``LEAVE``): they are tried before patterns of the same size whose
    verb is written as a lemma, so ``left`` keeps the code PETRARCH gives it.
    """

    text: str
    code: str
    where: Where
    rank: int
    reverse_code: str | None = None
    dominant: bool = False  # TABARI `[031!]`: see Pattern.dominant
    tabari: TabariPattern | None = None  # TABARI's own reading of the pattern: see Pattern.tabari


@dataclass
class VerbDictionary:
    """What a verb file yields: patterns in load order, synsets, counts."""

    patterns: list[PatternSpec] = field(default_factory=list)
    synsets: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class _Block:
    header: Line
    code: str
    reverse: str | None = None
    verbs: list[Line] = field(default_factory=list)
    patterns: list[Line] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Head:
    """How a block's verb starts an eventcoder pattern: head word(s) and leading words."""

    alternatives: tuple[str, ...]
    leading: tuple[str, ...]
    rank: int

    @property
    def text(self) -> str:
        return " ".join(["|".join(self.alternatives), *self.leading])


def parse_code(raw: str) -> tuple[str | None, str | None, str | None]:
    """``(code, reverse_code, problem)`` of a bracket's content (``064``, ``032:033``, ``---``)."""
    raw = raw.strip().upper()
    if raw == "---":
        return "---", None, None
    if ":" in raw:
        first, _, second = raw.partition(":")
        first, second = first.strip(), second.strip()
        if not first:
            return None, None, f"[{raw}] gives only a target-to-source code"
        if not (_CODE.match(first) or first == "---") or not (_CODE.match(second) or second == "---"):
            return None, None, f"[{raw}] is not an event code"
        return first, (None if second == "---" else second), None
    if _CODE.match(raw):
        return raw, None, None
    return None, None, f"[{raw}] is not an event code"


@cache
def lemma_of(word: str) -> str:
    """The verb lemma of a folded word (``left`` -> ``leave``); itself if unknown."""
    from lemminflect import getLemma  # only a cold compile needs it

    found = getLemma(word, upos="VERB")
    return found[0].lower() if found else word


def _words(text: str) -> list[str]:
    """Folded eventcoder tokens of a PETRARCH word or phrase (``_`` joins words).

    TreeBank splits contractions (``DID N'T``, ``WO N'T``); eventcoder keeps
    ``didn't`` and ``won't`` whole, so the parts are joined again.
    """
    return [t.lower for t in tokenize(_CONTRACTION.sub(r"\1", text.replace("_", " ")))]


def read_verbs(paths: Iterable[Path], ignored: Ignored) -> VerbDictionary:
    """Read every verb file, in order, into one dictionary."""
    result = VerbDictionary()
    blocks: list[_Block] = []
    raw_synsets: dict[str, list[Line]] = {}
    counts = result.counts
    for path in paths:
        block: _Block | None = None
        synset: str | None = None
        for line in read_lines(path):
            text = line.text.strip()
            if text.startswith("+") and synset is not None:
                raw_synsets[synset].append(line)
                continue
            synset = None
            if text.startswith("---"):
                codes = _BRACKET.findall(text)
                code, reverse, problem = parse_code(codes[0]) if codes else ("---", None, None)
                if problem:
                    ignored.add(line, f"block code {problem}; the block's verbs code nothing")
                    code, reverse = "---", None
                if len(codes) > 1:
                    ignored.add(line, "second code in a block header (the first is used)", f"[{codes[1]}]")
                block = _Block(line, code or "---", reverse)
                blocks.append(block)
            elif text.startswith("&"):
                synset = _synset_name(text.split()[0])
                raw_synsets[synset] = []
            elif text.startswith("~"):
                ignored.add(line, "verb transformation (~) is not supported")
            elif block is None:
                ignored.add(line, "outside a verb block")
            elif text.startswith("-"):
                block.patterns.append(line)
            else:
                block.verbs.append(line)
    result.synsets = _resolve_synsets(raw_synsets, ignored)
    counts["verb_blocks"] = len(blocks)
    counts["synsets"] = len(raw_synsets)
    for block in blocks:
        _compile_block(block, result, ignored)
    counts["verbs"] = sum(len(b.verbs) for b in blocks)
    counts["pattern_lines"] = sum(len(b.patterns) for b in blocks)
    return result


def _synset_name(token: str) -> str:
    return token.rstrip("_").upper()


def _resolve_synsets(raw: dict[str, list[Line]], ignored: Ignored) -> dict[str, list[tuple[str, ...]]]:
    """Every synset as a list of member word sequences, nested synsets expanded."""
    resolved: dict[str, list[tuple[str, ...]]] = {}

    def expand(name: str, seen: tuple[str, ...]) -> list[tuple[str, ...]]:
        if name in resolved:
            return resolved[name]
        members: list[tuple[str, ...]] = []
        for line in raw.get(name, []):
            body = line.text.strip()[1:]
            tokens = body.replace("_", " ").split()
            if any(t.startswith("&") for t in tokens):
                nested = [_synset_name(t) for t in tokens if t.startswith("&")]
                if len(tokens) != 1 or nested[0] in seen or nested[0] not in raw:
                    ignored.add(line, "synset member that is not a single defined synset")
                    continue
                members.extend(expand(nested[0], (*seen, name)))
                continue
            words = tuple(_words(body))
            if words:
                members.append(words)
        resolved[name] = members
        return members

    for name in raw:
        expand(name, ())
    return resolved


_Codes = tuple[str, str | None] | None


def _verb_head(line: Line, ignored: Ignored) -> tuple[Head, _Codes] | None:
    """The head of one verb line and the codes written on it, or None if unusable."""
    text = line.text.strip()
    found = _BRACKET.findall(text)
    code: _Codes = None
    if found:
        first, reverse, problem = parse_code(found[-1])
        if problem or first is None:
            ignored.add(line, f"verb code {problem}; the block code is used")
        else:
            code = (first, reverse)
        text = _BRACKET.sub(" ", text)
    forms: list[str] = []
    if "{" in text:
        main, _, rest = text.partition("{")
        forms = rest.replace("}", " ").split()
        text = main
    main_words = text.split()
    if len(main_words) != 1:
        ignored.add(line, "a verb must be one word, or words joined with _")
        return None
    word = main_words[0]
    if "_" not in word and not word.startswith("+"):
        verb = word.lower()
        lemma = lemma_of(verb)
        head = verb if lemma != verb else lemma
        rank = 0 if lemma != verb else 1
        extra = [f.lower() for f in forms if "_" not in f and f.lower() not in verb_forms(head)]
        return Head(tuple(dict.fromkeys([head, *extra])), (), rank), code
    parts = [p for p in word.split("_") if p]
    marked = [k for k, p in enumerate(parts) if p.startswith("+")]
    if len(marked) != 1:
        ignored.add(line, "a multi-word verb needs exactly one + on its verb")
        return None
    k = marked[0]
    verb = parts[k][1:].lower()
    before = [p.lower() for p in parts[:k]]
    after = tuple(w for p in parts[k + 1 :] for w in _words(p))
    form_verbs = [_marked_word(f) for f in forms]
    if not before:
        lemma = lemma_of(verb)
        head = verb if lemma != verb else lemma
        extra = [f for f in form_verbs if f and f not in verb_forms(head)]
        return Head(tuple(dict.fromkeys([head, *extra])), after, 0 if lemma != verb else 1), code
    if before == ["re"]:
        return Head((f"re-{verb}",), after, 1), code
    # "WIRE_+TAP": the first word leads, the verb's forms follow it
    verb_choices = dict.fromkeys([verb, *sorted(verb_forms(lemma_of(verb))), *(f for f in form_verbs if f)])
    leading = (*(w for p in before[1:] for w in _words(p)), "|".join(verb_choices), *after)
    return Head((before[0],), leading, 1), code


def _marked_word(form: str) -> str | None:
    """The verb of an irregular multi-word form (``WIRE_+TAPPED`` -> ``tapped``)."""
    for part in form.split("_"):
        if part.startswith("+"):
            return part[1:].lower()
    return None


def _compile_block(block: _Block, result: VerbDictionary, ignored: Ignored) -> None:
    heads: list[Head] = []
    for line in block.verbs:
        found = _verb_head(line, ignored)
        if found is None:
            continue
        head, codes = found
        heads.append(head)
        code, reverse = codes or (block.code, block.reverse)
        result.patterns.append(PatternSpec(head.text, code, line.where, head.rank, reverse))
    if not heads:
        for line in block.patterns:
            ignored.add(line, "pattern of a block without verbs")
        return
    # the block's single-word verbs share one head of alternatives per rank
    groups: list[Head] = []
    for rank in (0, 1):
        alts = [a for h in heads if not h.leading and h.rank == rank for a in h.alternatives]
        if alts:
            groups.append(Head(tuple(dict.fromkeys(alts)), (), rank))
    groups += [h for h in heads if h.leading]
    for line in block.patterns:
        for prefix, words, code, reverse in _pattern_variants(line, result.synsets, ignored):
            for head in groups:
                verb = [f"*{head.text}"] if prefix else [head.text]
                text = " ".join([*prefix, *verb, *words])
                result.patterns.append(PatternSpec(text, code, line.where, head.rank, reverse))


def _pattern_variants(
    line: Line, synsets: dict[str, list[tuple[str, ...]]], ignored: Ignored
) -> list[tuple[list[str], list[str], str, str | None]]:
    """``(prefix, words after the verb, code, reverse)`` for each variant a pattern line stands for.

    The prefix holds the words before the verb (``NOT *``, ``&NEGATIONS *``),
    after ``{S}`` for a compound subject (``% HAVE *``); ``$ *`` (the source
    before the verb) is the default and adds nothing.
    """
    text = line.text.strip()[1:]
    codes = _BRACKET.findall(text)
    if not codes:
        ignored.add(line, "pattern without a [code]")
        return []
    code, reverse, problem = parse_code(codes[-1])
    if problem or code is None:
        ignored.add(line, f"pattern code {problem}")
        return []
    body = text[: text.rfind("[")]
    body = re.sub(r"[{}()]", " ", body).replace("_", " ").replace("*", " * ")
    tokens = body.split()
    if tokens.count("*") != 1:
        ignored.add(line, "pattern needs exactly one * for the verb")
        return []
    star = tokens.index("*")
    before, after = tokens[:star], tokens[star + 1 :]
    reason = _unsupported_before(before) or _unsupported_after(after)
    if reason:
        ignored.add(line, reason)
        return []
    compound = before[:1] == ["%"]
    before = [t for t in before[1:] if t != "^"] if before[:1] in (["%"], ["$"]) else before
    slots: list[list[list[str]]] = []
    for token in [*before, "*", *after]:
        if token == "*":
            slots.append([["*"]])
            continue
        if token == "^":
            continue
        if token in ("+", "%"):
            slots.append([[_TARGET]])
        elif token.startswith("&"):
            name = _synset_name(token)
            if name not in synsets:
                ignored.add(line, f"undefined synset {token}")
                return []
            slots.append(_synset_options(synsets[name]))
        else:
            slots.append([_words(token)])
    variants = 1
    for options in slots:
        variants *= len(options)
    if variants > MAX_VARIANTS:
        ignored.add(line, f"synsets expand to {variants} patterns (more than {MAX_VARIANTS})")
        return []
    out = []
    for combo in itertools.product(*slots):
        words = [w for part in combo for w in part]
        star = words.index("*")
        prefix = (["{S}"] if compound else []) + words[:star]
        out.append((prefix, words[star + 1 :], code, reverse))
    return out


def _synset_options(members: list[tuple[str, ...]]) -> list[list[str]]:
    """One choice word for the single-word members, one option per longer member."""
    single = list(dict.fromkeys(m[0] for m in members if len(m) == 1))
    options = [["|".join(single)]] if single else []
    options += [list(m) for m in members if len(m) > 1]
    return options or [[]]


def _unsupported_before(tokens: list[str]) -> str | None:
    """Why the words before the verb cannot be expressed (``+ *``, a ``$`` or ``%`` inside them), or None."""
    if "+" in tokens:
        return "target before the verb (+ *) is not supported"
    if "%" in tokens[1:] or "$" in tokens[1:] or (tokens[:1] == ["$"] and "%" in tokens):
        return "an actor mark ($ or %) after other words before the verb is not supported"
    return None


def _unsupported_after(tokens: list[str]) -> str | None:
    if "$" in tokens:
        return "source after the verb (* $) is not supported"
    if tokens.count("+") + tokens.count("%") > 1:
        return "two targets (+ or %) in one pattern"
    return None
