"""Compile pattern strings (``pay visit to {T}``) into matchable elements.

Inflections come from lemminflect, so a pattern names a lemma once and
matches ``pays``, ``paid``, ``paying``; nouns also match their plural.
"""

from __future__ import annotations

from functools import cache

from ..text import fold, tokenize
from .entries import Element, Pattern, Where

TARGET = "{T}"
SOURCE = "{S}"
_VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")
# Words that never take a plural, whatever lemminflect guesses.
_NO_PLURAL = frozenset(
    """about above across after against along among and around as at before behind
    below beneath beside between beyond but by down during for from in inside into
    near of off on onto out outside over past since than through to toward towards
    under until up upon with within without a an the its their his her our new""".split()
)


class PatternSyntaxError(ValueError):
    """A pattern string that cannot be compiled; the message says why."""


@cache
def verb_forms(lemma: str) -> frozenset[str]:
    """Every inflection of a verb lemma, folded (``pay`` -> pays, paid, paying)."""
    from lemminflect import getAllInflections, getAllInflectionsOOV, getInflection  # only a cold compile needs it

    forms = {lemma}
    found = getAllInflections(lemma, upos="VERB") or getAllInflectionsOOV(lemma, upos="VERB")
    for values in found.values():
        forms.update(values)
    for tag in _VERB_TAGS:
        forms.update(getInflection(lemma, tag=tag) or ())
    if lemma.endswith("ize"):  # British spellings are common in wire copy
        forms |= {f.replace("iz", "is") for f in forms}
    return frozenset(fold(f) for f in forms)


@cache
def noun_forms(word: str) -> frozenset[str]:
    """A word and its plural (``sanction`` -> sanctions); non-nouns stay as written."""
    from lemminflect import getInflection  # only a cold compile needs it

    forms = {word}
    if word.isalpha() and len(word) > 2 and word not in _NO_PLURAL:
        forms.update(getInflection(word, tag="NNS") or ())
    return frozenset(fold(f) for f in forms)


def _words(text: str) -> list[str]:
    """Split a pattern into words, keeping ``{T}``/``{S}`` and ``a|b`` together."""
    words: list[str] = []
    for raw in text.split():
        if raw in (TARGET, SOURCE):
            words.append(raw)
            continue
        pieces = [_folded(part) for part in raw.rstrip("?").split("|")]
        if any(not p for p in pieces):
            raise PatternSyntaxError(f"empty alternative in {raw!r}")
        words.append("|".join(pieces) + ("?" if raw.endswith("?") else ""))
    return words


@cache
def _folded(part: str) -> str:
    """A pattern word as folded tokens; cached: big codebooks repeat the same words thousands of times."""
    return " ".join(t.lower for t in tokenize(part))


@cache
def _element(word: str, head: bool, nominal: bool) -> Element:
    """One pattern position; cached, so equal words share one (immutable) Element."""
    optional = word.endswith("?")
    choices = word.rstrip("?").split("|")
    forms: set[str] = set()
    for choice in choices:
        if head and not nominal:
            forms |= verb_forms(choice)
        else:
            forms |= noun_forms(choice)
    particle = not head and all(choice in _NO_PLURAL for choice in choices)
    return Element(frozenset(forms), optional, word, particle)


def compile_pattern(text: str, code: str, where: Where, nominal: bool) -> Pattern:
    """Compile one pattern; raises PatternSyntaxError with the reason.

    A verb pattern may start with ``{S}``: the subject must be a compound and
    the event is coded between its members (``{S} agree``). Words that must
    stand right before the verb come first, the verb marked with ``*``
    (``not *condemn``, ``{S} have *postpone their meeting``); one ``{T}``
    among them is a target before the verb (``suggested {T} *should require``),
    and a verb pattern ending in ``{S}`` names its source after the verb
    (``{T} *receive money {S}``).
    """
    compound, before_verb, body = _verb_prefix(text, nominal)
    words = _words(body)
    if not words:
        raise PatternSyntaxError("empty pattern")
    source_after = SOURCE in words and not nominal
    if source_after and (TARGET in words or words[-1] != SOURCE or compound):
        raise PatternSyntaxError("a verb pattern's {S} must end it, with no {T} after the verb "
                                 "(`{T} *receive money {S}`); `{S} ... {T}` is only allowed in noun patterns")
    if source_after:
        words = words[:-1]
    source_slot = SOURCE in words
    if words.count(TARGET) > 1 or words.count(SOURCE) > 1:
        raise PatternSyntaxError("a slot may appear only once")
    if words[0] in (TARGET, SOURCE):
        raise PatternSyntaxError("a pattern must start with its verb or head noun")
    if words[0].endswith("?"):
        raise PatternSyntaxError("the first word cannot be optional")
    if any(" " in w for w in words[0].split("|")) and not nominal:
        raise PatternSyntaxError(f"the verb {words[0]!r} must be one word")
    head = _element(words[0], head=True, nominal=nominal)
    rest = words[1:]
    between: tuple[Element, ...] = ()
    if source_slot:
        s_at, t_at = rest.index(SOURCE), rest.index(TARGET) if TARGET in rest else -1
        if t_at < s_at:
            raise PatternSyntaxError("{S} must come before {T} (write `between {S} and {T}`)")
        before = rest[:s_at]
        between = tuple(_element(w, False, nominal) for w in rest[s_at + 1 : t_at])
        after = rest[t_at + 1 :]
    elif TARGET in rest:
        t_at = rest.index(TARGET)
        before, after = rest[:t_at], rest[t_at + 1 :]
    else:
        before, after = rest, []
    before_elements = tuple(_element(w, False, nominal) for w in before)
    after_elements = tuple(_element(w, False, nominal) for w in after)
    required = tuple(e.forms for e in (*before_elements, *between, *after_elements) if not e.optional)
    prefix = " ".join([*([SOURCE] if compound else []), *before_verb, "*"]) + " " if compound or before_verb else ""
    target_before = TARGET in before_verb
    before_slot = before_verb[: before_verb.index(TARGET)] if target_before else []
    before_verb = before_verb[before_verb.index(TARGET) + 1 :] if target_before else before_verb
    return Pattern(
        pattern_id=f"{code}:{prefix}{' '.join(words)}{' ' + SOURCE if source_after else ''}",
        code=code,
        text=text,
        where=where,
        head=head,
        before_target=before_elements,
        after_target=after_elements,
        nominal=nominal,
        source_slot=source_slot,
        between_words=between,
        symmetric=source_slot and "between" in words,
        required=required,
        compound_source=compound,
        before_verb=tuple(_element(w, False, nominal) for w in before_verb),
        target_before=target_before,
        before_slot=tuple(_element(w, False, nominal) for w in before_slot),
        source_after=source_after,
    )


def _verb_prefix(text: str, nominal: bool) -> tuple[bool, list[str], str]:
    """``(compound, words before the verb, the pattern from its verb on)``.

    ``{S} agree`` (a compound subject), ``not *warn`` and ``{S} have *postpone``
    (words before the verb, which is marked with ``*``).
    """
    raw = text.split()
    compound = bool(raw) and raw[0] == SOURCE and not nominal
    marked = [k for k, w in enumerate(raw) if w.startswith("*") and len(w) > 1]
    if nominal or not (compound or marked):
        return False, [], text
    if len(marked) > 1:
        raise PatternSyntaxError("mark only one word, the verb, with *")
    at = marked[0] if marked else 1
    if at >= len(raw):
        raise PatternSyntaxError("{S} must be followed by the verb")
    before = _words(" ".join(raw[int(compound) : at])) if at > int(compound) else []
    if SOURCE in before or before.count(TARGET) > 1 or TARGET in before and compound:
        raise PatternSyntaxError("before the verb only a leading {S} or one {T} may stand")
    return compound, before, " ".join([raw[at].lstrip("*"), *raw[at + 1 :]])
