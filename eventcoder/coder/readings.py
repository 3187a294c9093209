"""Which reading a word of the sentence takes: a verb or an adjective, a real or an unreal act.

A participle before an actor or an event noun is an adjective ("armed men",
"armed clashes"); a verb under a negation, a modal, an accusation's "of" or
an infinitive's "to" is no event. A mixin of the sentence coder: it reads the
coder's tokens, actors and events.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..codebook.entries import Pattern
from .clauses import Clause, adjective_like
from .prepare import two_word_firsts
from .view import SentenceView
from .words import (
    ADVERBS,
    AUXILIARIES,
    BE,
    CONDITIONS,
    DETERMINERS,
    GERUND_AUXILIARIES,
    PARTICIPLE,
    PREPOSITIONS,
    REAL_OUTCOMES,
)


@dataclass(slots=True)  # not frozen, for speed: see model.ActorMention
class Attempt:
    """One verb or noun the coder looked at, and what became of it (for explain)."""

    token: int
    pattern: Pattern | None
    outcome: str



class Readings(SentenceView):
    """Telling verbs from adjectives and real acts from unreal ones (see the module docstring)."""

    hypothetical: set[int]
    attempts: list[Attempt]

    def modifies_actor(self, i: int) -> bool:
        """Whether the participle at ``i`` is an adjective on the actor right after it: "Armed men
        attacked", "heavily armed gunmen"."""
        toks = self.tokens
        if not (toks[i].lower.endswith(PARTICIPLE) and i + 1 < len(toks) and self.actor_at[i + 1] >= 0):
            return False
        if i == 0:
            return True
        before = toks[i - 2] if i >= 2 else None  # "30 heavily armed", not "France strongly condemned"
        return toks[i - 1].lower.endswith("ly") and (before is None or before.text.isdigit()
                                                     or before.lower in DETERMINERS)

    def modifies_event_noun(self, i: int) -> bool:
        """Whether the participle at ``i`` opens a noun phrase with an event noun: "(On Monday,) armed
        clashes", "the renewed fighting"; after a subject it is the verb ("troops suspended talks")."""
        toks = self.tokens
        if not (i + 1 < len(toks) and toks[i].lower.endswith(("ed", "en")) and self.actor_at[i + 1] < 0
                and toks[i + 1].lower in self.codebook.nouns):
            return False
        prev = toks[i - 1] if i > 0 else None
        if prev is not None and prev.text == ",":  # "On Monday, armed clashes", not "Hemedti, acknowledged violations"
            return all(k < 0 for k in self.actor_at[:i])
        return prev is None or prev.lower in DETERMINERS or prev.lower in PREPOSITIONS or prev.text in ";:("

    def modifies_noun_after_gerund(self, i: int) -> bool:
        """Whether the participle at ``i`` stands between a gerund and a plain noun: "denied using
        banned chemicals", "accused of selling stolen oil"."""
        toks = self.tokens
        if not (1 < i < len(toks) - 1 and toks[i].lower.endswith(("ed", "en"))):
            return False
        prev, nxt, governor = toks[i - 1], toks[i + 1], toks[i - 2].lower  # a gerund follows a verb or preposition
        gerund = prev.lower.endswith("ing") and prev.lower not in GERUND_AUXILIARIES and self.actor_at[i - 1] < 0
        governed = governor in PREPOSITIONS or governor in self.codebook.verbs
        noun = nxt.text.isalpha() and nxt.text.islower() and nxt.lower not in PREPOSITIONS
        return gerund and governed and noun and self.actor_at[i + 1] < 0 and nxt.lower not in DETERMINERS

    def after_article(self, i: int) -> bool:
        """Whether ``a``/``an``/``the`` and at most two adjective-like words precede token ``i``.

        Words ending in ``s`` (likely a plural subject: "the two sides met") stop the search.
        """
        for k in range(i - 1, max(-1, i - 4), -1):
            tok = self.tokens[k]
            if tok.lower in ("a", "an", "the"):
                return k < i - 1
            if self.actor_at[k] >= 0 or not adjective_like(tok) or tok.lower in self.settings.modals:
                return False
        return False

    def unreal_clause(self, clause: Clause) -> str | None:
        """Why an event noun in ``clause`` is not a real event: a modal or negation anywhere in it."""
        if clause.kind == "cond":
            return "conditional clause"
        for tok in self.tokens[clause.start : clause.end]:
            if tok.lower in self.settings.modals or tok.lower in self.settings.negations or tok.lower.endswith("n't"):
                return f"the clause is hypothetical or negated ({tok.lower!r})"
        return None

    def blocked_before(self, clause: Clause, i: int) -> bool:
        """Whether a verb before ``i`` in the clause was hypothetical or negated ("offered to host a meeting")."""
        return any(clause.start <= a.token < i and not a.outcome.startswith(REAL_OUTCOMES) for a in self.attempts)

    def intent_before(self, i: int, clause: Clause) -> str | None:
        """The intent modal (``will``, ``would``, ``plans to``) in the three words before the verb at ``i``,
        or the intent verb its ``to`` complements (``agreed to``, ``ready to``)."""
        toks, intents = self.tokens, self.settings.intent_modals
        if i >= 2 and toks[i - 1].lower == "to" and toks[i - 2].lower in self.settings.intent_verbs:
            return toks[i - 2].lower
        window = [t.lower for t in toks[max(clause.start, i - 3) : i]]
        pairs = [f"{a} {b}" for a, b in zip(window, window[1:], strict=False)]
        found = next((w for w in (*window, *pairs) if w in intents), None)
        if found is not None and any(t.lower in CONDITIONS for t in toks[i:]):
            return None  # "would deliver tanks only if X did": a condition, not an intent
        return found

    def intent_code(self, code: str) -> str | None:
        """The code of stating the intent to do ``code`` (``036`` for a meeting): its longest listed prefix's."""
        table = self.settings.intent_codes
        return next((table[code[:n]] for n in range(len(code), 1, -1) if code[:n] in table), None)

    def blocked(self, i: int, ci: int, clause: Clause, intent: str | None = None) -> str | None:
        """Why the verb at ``i`` is not a real event, or None; under an ``intent`` (:meth:`intent_before`)
        the intent modals and the infinitive of an intent verb do not block."""
        if clause.kind == "cond":
            return "conditional clause"
        if ci in self.hypothetical:
            return "complement of an appeal or demand: not (yet) an event"
        toks = self.tokens
        prev = toks[i - 1].lower if i > 0 else ""
        # PETRARCH codes an infinitive unless an event verb governs it ("is about to restore" codes restore;
        # "threatened to retaliate" is the threat, coded by "threatened")
        infinitive = prev == "to" and (
            not self.settings.code_infinitives or (i >= 2 and toks[i - 2].lower in self.codebook.verbs))
        intended = intent is not None and intent in self.settings.intent_verbs
        if (infinitive and not intended or prev == "from") and i - 1 >= clause.start:
            return f"infinitive or gerund after {prev!r}"
        if prev in ("of", "for") and self.alleging():  # "accused X of killing", "of torture"
            return "what an accusation alleges, not an event"
        window = [t.lower for t in toks[max(clause.start, i - 3) : i]]
        negations, modals = self.settings.negations, self.settings.modals
        if intent is not None:
            modals = modals - self.settings.intent_modals
        for word in window:
            if word in negations or word.endswith("n't"):
                return f"negated by {word!r}"
            if word in modals:
                return f"hypothetical ({word!r})"
        firsts = self.codebook.derived("two_word_blockers", two_word_firsts)
        for a, b in zip(window, window[1:], strict=False):
            if a not in firsts:
                continue
            pair = f"{a} {b}"
            if pair in negations:
                return f"negated by {pair!r}"
            if pair in modals:
                return f"hypothetical ({pair!r})"
        return None

    def alleging(self) -> bool:
        """Whether the sentence has coded an accusation so far (``allegation_codes``)."""
        codes = self.settings.allegation_codes
        return bool(codes) and any(e.event_code.startswith(c) for e in self.events for c in codes)

    def is_passive(self, i: int) -> bool:
        """``was attacked``, or a participle with its agent after a noun: ``a truce mediated by Qatar``."""
        toks = self.tokens
        k = i - 1
        while k >= 0 and toks[k].lower in ADVERBS:
            k -= 1
        if k >= 0 and toks[k].lower in BE:
            return toks[i].lower.endswith(("ed", "en", "wn", "t"))
        return (i + 1 < len(toks) and toks[i + 1].lower == "by" and toks[i].lower.endswith(("ed", "en", "wn"))
                and (k < 0 or toks[k].lower not in AUXILIARIES))

    def infinitive_after(self, words: list[int]) -> bool:
        """Whether the pattern's words end at the ``to`` of an infinitive: a verb, no actor, follows it
        ("protested to demand", not "set fire to a taxi")."""
        if not words or self.tokens[words[-1]].lower != "to" or words[-1] + 1 >= len(self.tokens):
            return False
        after = self.tokens[words[-1] + 1].lower
        return self.actor_at[words[-1] + 1] < 0 and after in self.codebook.verbs and after not in DETERMINERS

    def coordinated_verb_after(self, last: int) -> bool:
        """Whether ``and`` + another verb follows the pattern's last word ("shot and killed")."""
        toks = self.tokens
        return last + 2 < len(toks) and toks[last + 1].lower == "and" and toks[last + 2].lower in self.codebook.verbs
