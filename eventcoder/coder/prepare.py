"""Prepare a sentence for coding: mask dates that read as verbs, drop scare quotes, and find the
actors that refer back ("the group", "both sides") or that only modify a noun ("military aid")."""

from __future__ import annotations

from dataclasses import replace

from ..actors.groups import group_references
from ..actors.match import Piece
from ..actors.pairs import pair_references
from ..codebook import Codebook
from ..model import ActorMention, Sentence, Token
from .clauses import PRONOUNS, PUNCT_BOUNDARY
from .state import ArticleState
from .words import ACT_NOUNS, COOPERATION, QUOTES, SCARE_QUOTE_WORDS, SPEECH_MARKERS, VERB_MONTHS


def with_group_references(
    tokens: tuple[Token, ...], actors: list[ActorMention], codebook: Codebook, state: ArticleState
) -> list[ActorMention]:
    """``actors`` and the ``the group`` references among the other words, in text order."""
    taken = [-1] * len(tokens)
    for k, actor in enumerate(actors):
        for i in range(actor.first, actor.last + 1):
            taken[i] = k
    found = group_references(tokens, taken, codebook.settings.group_references, state.organisations)
    return sorted([*actors, *found], key=lambda a: a.first) if found else actors


def pairs_by_first(
    tokens: tuple[Token, ...], actors: list[ActorMention], state: ArticleState
) -> dict[int, list[ActorMention]]:
    """The "both sides" phrases of the sentence by first token: the mention and the two actors it means."""
    taken = [-1] * len(tokens)
    for k, actor in enumerate(actors):
        for i in range(actor.first, actor.last + 1):
            taken[i] = k
    bare = [bool(a.code) and a.code == a.role and a.first == a.last for a in actors]
    return {mention.first: both for mention, both in pair_references(tokens, taken, state.told, bare)}


def dated_months(sentence: Sentence) -> Sentence:
    """``sentence`` with each capitalised month name beside a number ("On 4 March 2022", "May 3") kept out
    of word lookups: a date, never the verb *march* or the modal *may*. Its ``lower`` keeps the capital."""
    toks = sentence.tokens
    hits = [k for k, t in enumerate(toks) if t.text in VERB_MONTHS and (
        (k > 0 and toks[k - 1].text.isdigit()) or (k + 1 < len(toks) and toks[k + 1].text[:1].isdigit()))]
    if not hits:
        return sentence
    masked = list(toks)
    for k in hits:
        masked[k] = toks[k]._replace(lower=toks[k].text)
    return replace(sentence, tokens=tuple(masked))


def without_scare_quotes(sentence: Sentence, codebook: Codebook) -> Sentence:
    """``sentence`` without the quote marks around a short quoted phrase with no verb in it
    (acknowledged "violations" by, called it "a cowardly act"): they mark words, not speech,
    and must not cut the clause or stop a pattern. A quote that a comma follows still ends a clause."""
    toks = sentence.tokens
    marks = [k for k, t in enumerate(toks) if t.text in QUOTES]
    drop: set[int] = set()
    for a, b in zip(marks[::2], marks[1::2], strict=False):
        inside = toks[a + 1 : b]
        after = toks[b + 1].text if b + 1 < len(toks) else "."
        if 0 < len(inside) <= SCARE_QUOTE_WORDS and after != "," and not any(
                t.text in PUNCT_BOUNDARY or t.text == "," or _speechlike(t, codebook) for t in inside):
            drop |= {a, b}
    if not drop:
        return sentence
    return replace(sentence, tokens=tuple(t for k, t in enumerate(toks) if k not in drop))


def _speechlike(tok: Token, codebook: Codebook) -> bool:
    """Whether a quoted word marks the quote as speech: a pronoun, a modal or auxiliary, a verb of saying."""
    low = tok.lower
    return (low in PRONOUNS or low in SPEECH_MARKERS or low in codebook.speech_forms
            or low in codebook.settings.modals or low in codebook.settings.intent_modals)


def modifies_event_noun(piece: Piece, tokens: tuple[Token, ...], codebook: Codebook) -> bool:
    """A one-word role before a cooperation noun or a noun of acts names the kind, not an actor: "military aid",
    "security talks", "a criminal act"."""
    if piece.entry.kind != "agent" or piece.first != piece.last or piece.last + 1 >= len(tokens):
        return False
    following = tokens[piece.last + 1].lower
    if following in ACT_NOUNS:
        return True  # "a criminal act", "terrorist acts": the kind of act, not its actor
    nouns = codebook.nouns.get(following, ())
    return any(p.code[:2] in COOPERATION for p in nouns)


def two_word_firsts(codebook: Codebook) -> frozenset[str]:
    """The first words of the two-word negations and modals ("refuse to", "ought to")."""
    words = codebook.settings.negations | codebook.settings.modals
    return frozenset(w.split()[0] for w in words if " " in w)


def reads_through(actor: ActorMention, tokens: tuple[Token, ...]) -> bool:
    """Whether pattern words may read through ``actor``: an unknown name ("delivered Storm
    Shadow missiles to") or a bare role word modifying a noun ("joint military exercises")."""
    if not actor.code:
        return True
    nxt = tokens[actor.last + 1].text if actor.last + 1 < len(tokens) else ""
    return not actor.country and nxt.isalpha() and nxt.islower()
