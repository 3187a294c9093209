"""Split a sentence into clauses and find the subject each clause acts with.

Without a parser, a clause is the span between boundary words (``that``,
``while``, speech verbs, semicolons...). Its kind says where its subject comes
from: its own first actor (``main``, ``speech``), the actor it modifies
(``rel``: ``militias that attack``), or the clause before it (``cont``:
``..., denouncing``; ``visited Erbil and met``). ``cond`` clauses
(``if``/``unless``) are hypothetical and code nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..codebook import Codebook
from ..model import ActorMention, Token

RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
SUBORDINATE = frozenset(
    {
        "while",
        "whereas",
        "because",
        "although",
        "though",
        "but",
        "however",
        "when",
        "where",
        "after",
        "before",
        "since",
        "once",
        "until",
        "as",
    }
)
CONDITIONAL = frozenset({"if", "unless", "whether"})
PUNCT_BOUNDARY = frozenset({";", ":", "—", "–", '"', "“", "”", "?", "!"})
COORDINATORS = frozenset({"and", "or", "but", "then"})
PRONOUNS = frozenset({"he", "she", "they", "we", "it", "i"})
AUXILIARIES = frozenset(
    {
        "has",
        "have",
        "had",
        "was",
        "were",
        "is",
        "are",
        "will",
        "did",
        "does",
        "do",
        "also",
        "then",
        "later",
        "again",
        "reportedly",
        "allegedly",
    }
)


@dataclass(slots=True)  # not frozen, for speed: see model.ActorMention
class Clause:
    """Tokens ``start`` (inclusive) to ``end`` (exclusive) of one clause."""

    start: int
    end: int
    kind: str


def is_verbish(tok: Token, codebook: Codebook) -> bool:
    """Whether a token can be a verb the codebook or the grammar knows."""
    low = tok.lower
    return low in codebook.verbs or low in codebook.speech_forms or low in AUXILIARIES


def asides(tokens: Sequence[Token], actor_at: list[int]) -> frozenset[int]:
    """The tokens of parenthesised asides that name no actor: "(as reported)", "(coded to Dawei)".

    ACLED-style notes are full of them; their verbs neither cut a clause nor
    stand in for the subject.
    """
    found: set[int] = set()
    opened = -1
    for i, tok in enumerate(tokens):
        if tok.text == "(":
            opened = i
        elif tok.text == ")" and opened >= 0:
            if all(actor_at[k] < 0 for k in range(opened, i)):
                found.update(range(opened, i + 1))
            opened = -1
    return frozenset(found)


def split_clauses(
    tokens: tuple[Token, ...], actor_at: list[int], codebook: Codebook, aside: frozenset[int] = frozenset()
) -> list[Clause]:
    """Cut ``tokens`` into clauses; tokens inside actors and ``aside`` (:func:`asides`) never cut."""
    clauses: list[Clause] = []
    start, kind = 0, "main"
    n = len(tokens)

    def cut(at: int, next_kind: str) -> None:
        nonlocal start, kind
        if at > start:
            clauses.append(Clause(start, at, kind))
        start, kind = at, next_kind

    words = codebook.derived("clause_words", _clause_words)
    for i in [k for k, t in enumerate(tokens) if t.lower in words or t.text in PUNCT_BOUNDARY]:
        if actor_at[i] >= 0 or i in aside:
            continue
        tok = tokens[i]
        low = tok.lower
        nxt = tokens[i + 1] if i + 1 < n else None
        if tok.text in PUNCT_BOUNDARY:
            cut(i + 1, "quote" if tok.text in '"“' else "main")
        elif low in RELATIVE and i > 0:
            cut(i + 1, "rel")
        elif low in CONDITIONAL:
            cut(i + 1, "cond")
        elif (low in COORDINATORS and nxt is not None and nxt.lower in PRONOUNS and i + 2 < n
              and is_verbish(tokens[i + 2], codebook)):
            cut(i + 1, "main")  # "..., and he thanked X": a new subject, a new clause
        elif low in SUBORDINATE and i > 0:
            cut(i + 1, "cont" if nxt is not None and nxt.lower.endswith("ing") else "main")
        elif low in codebook.speech_forms and i > start and not _adjectival(tokens, i) and not article_noun(tokens, i):
            cut(i + 1, "speech")
        elif (
            low == ","
            and nxt is not None
            and nxt.lower.endswith("ing")
            and nxt.lower in codebook.verbs
            or low in COORDINATORS
            and nxt is not None
            and actor_at[i + 1] < 0
            and is_verbish(nxt, codebook)
        ):
            cut(i + 1, "cont")
    cut(n, "main")
    return clauses


def _clause_words(codebook: Codebook) -> frozenset[str]:
    """Every word that may cut a clause (besides PUNCT_BOUNDARY): the rest are skipped at once."""
    return RELATIVE | CONDITIONAL | SUBORDINATE | COORDINATORS | codebook.speech_forms | {","}


# Short function words and verb forms that never stand as an adjective before a noun.
_NOT_ADJECTIVES = frozenset(
    """and or but nor the a an as well also then not that who which said says say with from of in on to by for
    at into about over against will shall can did do does has have had having is are was were be been being
    get got gets getting""".split()
)


def adjective_like(tok: Token) -> bool:
    """Whether ``tok`` may be an adjective before a noun ("the evil awful Gondor", "a brief private visit"):
    a lower-case word of three letters or more that is no function word, past form, gerund, adverb or plural."""
    low = tok.text
    return (low.isalpha() and low.islower() and len(low) > 2 and low not in _NOT_ADJECTIVES
            and (not low.endswith(("ed", "ing", "ly", "s")) or low.endswith("ous")))  # "dangerous", not "ships"


def _adjectives_before(gap: tuple[Token, ...]) -> int:
    """How many adjective-like words (at most two) end ``gap``: "Fornost and the evil awful Gondor"."""
    n = 0
    for tok in reversed(gap[-2:]):
        if not adjective_like(tok):
            break
        n += 1
    return n


def coordination(actors: list[ActorMention], tokens: tuple[Token, ...], first: int) -> list[int]:
    """Indexes of the actors coordinated with ``actors[first]`` (``France and Germany``)."""
    group = [first]
    joined = False  # a list needs an "and" somewhere: "A, B and C"; "troops, Kyiv said" is no list
    k = first
    while k + 1 < len(actors):
        between = tokens[actors[k].last + 1 : actors[k + 1].first]
        gap = {t.lower for t in between[: len(between) - _adjectives_before(between)]}
        if not gap or not gap <= {",", "and", "&", "the", "as", "well"} or not gap & {",", "and", "&"}:
            break
        if joined and gap == {","}:
            break  # "by the US and Qatar, Rwanda is to ...": the "and" closed the list
        joined = joined or bool(gap & {"and", "&"})
        group.append(k + 1)
        k += 1
    return group if joined else [first]


_ADJECTIVE_AFTER = frozenset(
    {"the", "a", "an", "into", "of", "for", "over", "about", "on", "in", "its", "their", "his", "her"}
)


_ARTICLES = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "this"})


def article_noun(tokens: Sequence[Token], i: int) -> bool:
    """A speech-verb form after an article is a noun: "a state of emergency", "the report"."""
    return i > 0 and tokens[i - 1].lower in _ARTICLES


def _adjectival(tokens: Sequence[Token], i: int) -> bool:
    """A speech-verb participle used as an adjective: "into alleged war crimes", "the reported attack"."""
    return tokens[i].lower.endswith("ed") and i > 0 and tokens[i - 1].lower in _ADJECTIVE_AFTER
