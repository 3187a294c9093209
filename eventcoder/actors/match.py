"""Find actor phrases in a tokenized sentence and resolve them to codes.

Two passes: a longest-match dictionary lookup gives pieces (a country, an
adjective, a role noun, a named actor); composition then joins adjacent
pieces into one actor (``Iraqi`` + ``Prime Minister`` + ``Mohammed Shia
al-Sudani``; ``Government`` + ``of`` + ``Iraq``; ``the U.S. ambassador, Alina
Romanowski``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from ..codebook import Codebook
from ..codebook.codebook import PhraseNode
from ..codebook.entries import ActorEntry, Phrase
from ..model import ActorMention, Token
from .coref import as_reference

if TYPE_CHECKING:
    from .resolve import ArticleActors

# Capitalised words that do not start a name (function words, months, weekdays).
NOT_NAMES = frozenset(
    """the a an in on at of for and but or to from by with as after before during since
    this that these those he she it they we i you his her its their our my your
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december mr mrs ms dr
    initially indeed then thus however meanwhile subsequently so also still yet
    while when where what who why how there here photo read more according""".split()
)
# Last words of capitalised names of things, not actors: "the Indus Waters Treaty", "the Ankara Declaration".
_THING_HEADS = frozenset(
    """treaty agreement accord accords convention declaration protocol charter pact plan initiative summit
    conference forum games cup prize award day week street square road avenue highway bridge airport
    station port dam river lake mountain mountains valley island islands strait sea ocean gulf bay canal
    prison stadium palace museum mechanism""".split()
)
_NAME_PARTICLES = ("al-", "el-", "bin", "ibn", "bint", "de", "van", "von", "da", "abu")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}(?:-[A-Z0-9]+)?$")


@dataclass(slots=True)  # not frozen, for speed: see model.ActorMention
class Piece:
    """One dictionary match: tokens ``first..last`` (inclusive) name ``entry``."""

    first: int
    last: int
    entry: ActorEntry


def dictionary_pieces(tokens: tuple[Token, ...] | list[Token], codebook: Codebook) -> list[Piece]:
    """Longest-match lookup of every dictionary phrase, left to right (a walk down the phrase trie)."""
    pieces: list[Piece] = []
    trie = codebook.phrase_trie
    n = len(tokens)
    free = 0  # the first token not inside a piece found already
    for i in [k for k, t in enumerate(tokens) if t.lower in trie or "-" in t.lower]:
        if i < free:
            continue
        if tokens[i].lower not in trie:
            owner = _owner_phrase(tokens[i], trie)
            if owner is not None:
                pieces.append(Piece(i, i, owner.entry))
                free = i + 1
            continue
        node: PhraseNode | None = trie[tokens[i].lower]
        best: Phrase | None = None
        j = i
        while node is not None:
            for phrase in node.ends:
                if _fits(phrase, tokens[i]):
                    best = phrase
                    break
            j += 1
            if j >= n:
                break
            node = node.children.get(tokens[j].lower)
        if best is not None:
            pieces.append(Piece(i, i + len(best.tokens) - 1, best.entry))
            free = i + len(best.tokens)
    return pieces


# "Liberian-flagged", "Greek-owned", "Houthi-held": the first half owns or holds what the word describes.
_OWNER_SUFFIXES = frozenset({"flagged", "owned", "operated", "registered", "run", "held", "controlled"})


def _owner_phrase(token: Token, trie: dict[str, PhraseNode]) -> Phrase | None:
    """The one-word phrase before an owner suffix (``Liberian`` of ``Liberian-flagged``), if the dictionary has it.

    "a Liberian-flagged bulk carrier" is a Liberian ship, "Houthi-held ports"
    the Houthis' ports; "Iran-backed" and "Saudi-led" are left out: the
    backer is not the actor ("Iran-backed militias" are Iraqi).
    """
    head, hyphen, tail = token.lower.rpartition("-")
    node = trie.get(head) if hyphen and tail in _OWNER_SUFFIXES else None
    if node is None:
        return None
    owner = token._replace(text=token.text[: len(head)], lower=head)
    return next((p for p in node.ends if len(p.tokens) == 1 and _fits(p, owner)), None)


def _fits(phrase: Phrase, first: Token) -> bool:
    """Case rules: an acronym must match exactly, a proper name must be capitalised."""
    if phrase.case_sensitive is not None:
        return first.text == phrase.case_sensitive
    return not phrase.capitalized or first.text[0].isupper()


def _is_title_case(initials: list[str]) -> bool:
    """Headlines capitalise every word; names cannot be told apart there."""
    letters = [c for c in initials if c.isalpha()]
    if len(letters) < 4:
        return False
    return sum(map(str.isupper, letters)) / len(letters) > 0.7


def name_flags(tokens: tuple[Token, ...] | list[Token]) -> list[bool] | None:
    """Which tokens look like name words; None for a headline, where every word is capitalised.

    A name word is capitalised (not all capitals, not a function word) or
    starts with ``al-``/``el-``.
    """
    initials = [t.text[0] for t in tokens]
    if _is_title_case(initials):
        return None
    return [
        (c.isupper() and c.isalpha() and t.lower not in NOT_NAMES and not t.text.isupper())
        or ("-" in t.lower and t.lower.startswith(("al-", "el-")))
        for c, t in zip(initials, tokens, strict=True)
    ]


def unknown_names(tokens: tuple[Token, ...] | list[Token], taken: set[int], names: list[bool]) -> list[tuple[int, int]]:
    """Spans of two or more capitalised words (``names``: :func:`name_flags`) the dictionary did not match."""
    spans: list[tuple[int, int]] = []
    n = len(tokens)
    free = 0  # the first token after the last span
    for i in [k for k, flag in enumerate(names) if flag]:
        if i < free or i in taken or tokens[i].lower in _NAME_PARTICLES:
            continue
        j = i
        while j + 1 < n and j + 1 not in taken and (names[j + 1] or tokens[j + 1].lower in _NAME_PARTICLES):
            j += 1
        while j > i and tokens[j].lower in _NAME_PARTICLES:
            j -= 1
        if j > i and tokens[j].lower not in _THING_HEADS:
            spans.append((i, j))
        free = j + 1
    return spans


def resolvable_words(
    tokens: tuple[Token, ...] | list[Token],
    taken: set[int],
    spans: list[tuple[int, int]],
    actors: ArticleActors,
    names: list[bool],
) -> list[tuple[int, int]]:
    """Single capitalised words the dictionary missed that name a known actor.

    ``Miller`` after ``Matthew Miller`` (coreference), ``Zelenskyi`` (folds to
    a dictionary name). Other lone capitalised words stay unmatched: too many
    of them start a sentence or are not names at all.
    """
    inside = {k for a, b in spans for k in range(a, b + 1)}
    found = []
    for i in [k for k, flag in enumerate(names) if flag]:
        tok = tokens[i]
        if i in taken or i in inside or tok.lower in _NAME_PARTICLES:
            continue
        if actors.refer(tok.text) is not None or actors.lookup(tok.text, single=True) is not None:
            found.append((i, i))
    return found


def acronyms_by_roles(
    tokens: tuple[Token, ...] | list[Token], taken: set[int], pieces: list[Piece]
) -> list[tuple[int, int]]:
    """Acronyms the dictionary missed that stand right before or after a role noun: "JNIM fighters",
    "the group ADF". Other unknown acronyms stay unmatched (units, currencies, agencies)."""
    roles = [p for p in pieces if p.entry.kind == "agent"]
    beside = {p.first - 1 for p in roles} | {p.last + 1 for p in roles}
    return [(i, i) for i in sorted(beside)
            if 0 <= i < len(tokens) and i not in taken and _ACRONYM.match(tokens[i].text)]


def _country_of(entry: ActorEntry) -> str | None:
    if entry.kind in ("country", "adjective", "capital"):
        return entry.country
    return None


class _Item(NamedTuple):
    """A dictionary piece or an unmatched name span (``entry`` None, kind ``unknown``), inside :func:`compose`."""

    first: int
    last: int
    entry: ActorEntry | None
    kind: str


_FIRST = itemgetter(0)
_PERSON_KINDS = frozenset({"named", "unknown"})
_PLACE_KINDS = frozenset({"country", "adjective", "capital"})


def compose(
    tokens: tuple[Token, ...] | list[Token],
    pieces: list[Piece],
    day: date | None,
    role_country: dict[str, str] | None = None,
    actors: ArticleActors | None = None,
) -> list[ActorMention]:
    """Join adjacent pieces into actors and give each its code on ``day``.

    With ``actors`` (the article's name resolver), capitalised names the
    dictionary missed are looked up by folding and fuzzy matching, and later
    surnames and titles resolve to the people named earlier in the article.
    """
    taken = {k for p in pieces for k in range(p.first, p.last + 1)}
    names = name_flags(tokens)
    spans = [] if names is None else unknown_names(tokens, taken, names)
    if actors is not None and names is not None:
        spans += resolvable_words(tokens, taken, spans, actors, names)
    if names is not None:
        spans += acronyms_by_roles(tokens, taken, pieces)
    items = sorted(
        [*(_Item(p.first, p.last, p.entry, p.entry.kind) for p in pieces),
         *(_Item(a, b, None, "unknown") for a, b in spans)],
        key=_FIRST,
    )
    units: list[list[_Item]] = []
    for item in items:
        if units and _joins(tokens, units[-1], item):
            units[-1].append(item)
        else:
            units.append([item])
    borrowed = _borrowed_roles(units, tokens)
    mentions = []
    for k, unit in enumerate(units):
        mention = _mention(tokens, unit, day, role_country, borrowed.get(k), actors)
        if mention is None:
            continue
        if actors is not None and mention.is_person and mention.how != "coreference":
            actors.introduce(mention)
        mentions.append(mention)
    return mentions


def _borrowed_roles(units: list[list[_Item]], tokens: tuple[Token, ...] | list[Token]) -> dict[int, str]:
    """ "Indian and Chinese soldiers": a bare adjective coordinated with adjective + agent takes that agent's role."""
    borrowed: dict[int, str] = {}
    for k in range(len(units) - 1, 0, -1):
        left, right = units[k - 1], units[k]
        if len(left) != 1 or left[0].kind != "adjective" or right[0].kind != "adjective":
            continue
        role = borrowed.get(k) or next((i.entry.role for i in right if i.entry is not None and i.kind == "agent"), None)
        gap = [t.lower for t in tokens[left[-1].last + 1 : right[0].first]]
        if role and gap in (["and"], [","], [",", "and"]):
            borrowed[k - 1] = role
    return borrowed


# Words between a country and a title that keep them one actor.
_TITLE_MODIFIERS = frozenset({"acting", "interim", "caretaker", "transitional", "outgoing", "incoming", "former",
                              "then", "new", "newly", "elected", "de", "facto", "top"})


def _joins(tokens: tuple[Token, ...] | list[Token], unit: list[_Item], item: _Item) -> bool:
    """Whether ``item`` continues the actor ``unit`` that stands before it."""
    prev_end, start = unit[-1].last, item.first
    if start - prev_end > 4:
        return False  # no joining gap below is longer than three tokens
    kind = item.kind
    person_like = kind in _PERSON_KINDS
    has_person = any(u.kind in _PERSON_KINDS for u in unit)
    gap = [t.lower for t in tokens[prev_end + 1 : start]]
    if not gap:
        if has_person:  # a name the codebook lacks, then its role: "Los Lobos gang", "JNIM fighters"
            return kind == "agent" and len(unit) == 1 and unit[0].kind == "unknown"

        return kind == "agent" or person_like  # "Iraqi" + "militias", "Prime Minister" + "Sudani"
    if has_person:
        return False
    if gap == ["'s"] and all(u.kind in _PLACE_KINDS for u in unit) and kind in ("agent", "named"):
        return True  # "Iran's Revolutionary Guards", "Sudan's army"
    if (gap[:1] == ["'s"] and 2 <= len(gap) <= 3 and all(u.kind in _PLACE_KINDS for u in unit) and kind == "agent"
            and all(t.text.isalpha() and t.text.islower() for t in tokens[prev_end + 2 : start])):
        return True  # "Syria's new government", "Germany's federal prosecutor"
    if len(gap) <= 2 and all(w in _TITLE_MODIFIERS for w in gap) and kind == "agent" and all(
            u.kind in _PLACE_KINDS for u in unit):
        return True  # "Thai acting Prime Minister", "the Malian interim president"
    titled = unit[-1].kind == "agent"
    if gap == [","] and titled and person_like:
        after = item.last
        return after + 1 >= len(tokens) or tokens[after + 1].text in (",", ".", ")", ";")  # apposition
    # "the Government of Iraq", "militias in Iraq"
    return gap in (["of"], ["in"], ["of", "the"]) and titled and kind in ("country", "capital")


def _mention(
    tokens: tuple[Token, ...] | list[Token],
    unit: list[_Item],
    day: date | None,
    role_country: dict[str, str] | None,
    borrowed_role: str | None = None,
    actors: ArticleActors | None = None,
) -> ActorMention | None:
    first, last = unit[0].first, unit[-1].last
    country = None
    role = borrowed_role
    named: ActorEntry | None = None
    unknown: tuple[int, int] | None = None
    region = ""
    rules = []
    for item in unit:
        entry = item.entry
        if entry is None:
            unknown = (item.first, item.last)
            continue
        rules.append(str(entry.where))
        if entry.kind == "named":
            named = entry
        elif entry.kind == "agent":
            role = entry.role
        elif entry.kind == "capital":  # "Israeli officials in Doha" stay Israeli
            country, role = country or entry.country, role or "GOV"
        else:
            country = country or entry.country
            if entry.type == "region":
                region = ":" + entry.key
    text = tokens[first].text if first == last else " ".join(_span_text(tokens, first, last).split())
    how = "dictionary"
    score = None
    if actors is not None and named is None:
        person = None
        if unknown is not None:
            span = _span_text(tokens, unknown[0], unknown[1])
            single = unknown[0] == unknown[1]
            match = actors.lookup(span, single)
            person = actors.refer(span) if match is None or single else None
            if person is None and match is not None:
                named, how, score = match.entry, match.how, match.score
                rules.append(str(named.where))
        elif role and first and tokens[first - 1].lower == "the" and not _only_places(unit):
            person = actors.refer_title(text)  # "the prime minister", "the Iraqi prime minister"
        if person is not None:
            at = ActorMention(first, last, tokens[first].start, tokens[last].end, text, "", "", "", "")
            return as_reference(person, at)
    if named is not None:
        code = named.code_on(day)
        if len(code) == 3 and role and named.type == "person":
            code += role
        name, key = named.key.split(":", 1)[1], named.key
        return ActorMention(
            first,
            last,
            tokens[first].start,
            tokens[last].end,
            text,
            code,
            name,
            key,
            how,
            country=named.country or code[:3],
            role=code[3:6] or None,
            rule=", ".join([*rules, f"{how} {score:g}"] if score is not None and how == "fuzzy" else rules),
            is_person=named.type == "person",
            score=score if how == "fuzzy" else None,
        )
    if unknown is not None:
        name = _span_text(tokens, unknown[0], unknown[1])
        how = "title" if (country or role) else "unknown"
    else:
        name = text
    if role and not country and role_country and tokens[first - 1 if first else 0].lower == "the":
        country = role_country.get(role)
        how = "coreference" if country else how
    code = (country or "") + (role or "")
    if role and not _only_places(unit):
        how = "agent" if how == "dictionary" else how
    key = (
        f"code:{code}{region}"
        if unknown is None
        else f"name:{' '.join(t.lower for t in tokens[unknown[0] : unknown[1] + 1])}"
    )
    return ActorMention(
        first,
        last,
        tokens[first].start,
        tokens[last].end,
        text,
        code,
        name,
        key,
        how,
        country=country,
        role=role,
        rule=", ".join(rules) or None,
        is_person=unknown is not None and unit[-1].entry is None,  # "Los Lobos gang" is a group
    )


def _only_places(unit: list[_Item]) -> bool:
    return all(i.kind in _PLACE_KINDS for i in unit)


def _span_text(tokens: tuple[Token, ...] | list[Token], first: int, last: int) -> str:
    parts = [tokens[first].text]
    for k in range(first + 1, last + 1):
        parts.append(" " if tokens[k].start > tokens[k - 1].end else "")
        parts.append(tokens[k].text)
    return "".join(parts)
