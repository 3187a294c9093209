"""Targets from what the article told before: the event an object, a patient or "it" names
("condemned the attack", "the deal was brokered by Qatar"), the act a denial or threat answers,
and the person "him" or "his arrest" stands for.

A mixin of the sentence coder: it reads the coder's tokens, actors and article state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..codebook.entries import Pattern
from ..model import NOBODY, ActorMention
from .clauses import adjective_like
from .view import SentenceView
from .words import (
    ABOUT,
    ADVERBIAL,
    ADVERBS,
    AUXILIARIES,
    DEFINITE,
    DETERMINERS,
    EVENT_PRONOUNS,
    PATIENT_LINKS,
    PREPOSITIONS,
    REFERENCE_MODIFIERS,
    STOP_TARGET,
)


class References(SentenceView):
    """Resolving references to earlier events and actors (see the module docstring)."""

    object_end: int

    if TYPE_CHECKING:  # given by the sentence coder's other mixins (coder.sides)

        def group(self, actor: ActorMention) -> list[ActorMention]: ...

    def referred_event(
        self, start: int, stop: int, pattern: Pattern, sources: list[ActorMention]
    ) -> list[ActorMention] | None:
        """The actor of an event told earlier that the object names: "condemned the attack" -> the attacker.

        The object is the first noun after determiners and modifiers; it must be
        one of the codebook's ``event_references``. The latest earlier event of
        one of its roots, by someone other than ``sources``, gives its source
        (its target for ``reference_victim_codes``: "claimed the attack").
        """
        references = self.settings.event_references
        definite = False  # "condemned the strikes", not "considered strikes": only a definite noun refers back
        if start < stop and self.tokens[start].lower in ABOUT:
            start += 1  # "expressed concern about the manoeuvres", "outrage over the killing"
        for k in range(start, min(stop, start + 5)):
            tok = self.tokens[k]
            if self.actor_at[k] >= 0 or tok.text in STOP_TARGET:
                return None
            roots = references.get(tok.lower)
            if k == start and tok.lower in EVENT_PRONOUNS:
                roots = frozenset()  # "called it a cowardly act": the latest event by another actor
                break
            if roots is not None and definite:
                break
            definite = definite or tok.lower in DEFINITE
            if not (tok.lower in DETERMINERS or tok.lower in REFERENCE_MODIFIERS or adjective_like(tok)):
                return None
        else:
            return None
        self.object_end = k
        return self.antecedent(roots, pattern.code, sources)

    def reacts(self, code: str) -> bool:
        """Whether a verb coding ``code`` may take an event told earlier as its object."""
        return code[:2] in self.settings.reacting_roots or code in self.settings.participant_codes

    @staticmethod
    def same_side(sources: list[ActorMention], targets: list[ActorMention]) -> bool:
        """Whether every target is one of the sources or of their country ("Iran's minister" and "Tehran")."""
        own = {a.key for a in sources} | {a.country for a in sources if a.country}
        return all(t.key in own or t.country in own for t in targets)

    def patient_event(self, i: int, pattern: Pattern, sources: list[ActorMention]) -> list[ActorMention] | None:
        """The actors of the event named by the patient of a passive verb: "the attack was condemned",
        "the deal, which was brokered by Qatar", "talks between A and B hosted by C".

        The patient is the nearest event noun before the verb, past auxiliaries,
        relative pronouns, commas and the prepositional phrase of its actors.
        """
        references = self.settings.event_references
        for k in range(i - 1, max(-1, i - 20), -1):
            tok = self.tokens[k]
            roots = references.get(tok.lower)
            if roots is not None and self.actor_at[k] < 0:
                return self.antecedent(roots, pattern.code, sources)
            passable = (
                self.actor_at[k] >= 0 or tok.lower in PATIENT_LINKS or tok.lower in DETERMINERS
                or tok.lower in ADVERBS or tok.lower in PREPOSITIONS or adjective_like(tok) or tok.text[:1].isupper()
            )
            if not passable:
                return None
        return None

    def accuser(self, code: str, sources: list[ActorMention]) -> list[ActorMention] | None:
        """Who a denial answers ("Moscow denied any involvement"): the source of the latest earlier event
        of the codebook's ``answers`` roots for this code that was aimed at the denier."""
        answers = self.settings.answers
        roots = next((answers[code[:n]] for n in range(len(code), 1, -1) if code[:n] in answers), None)
        if not roots:
            return None
        own = {a.key for a in sources} | {a.country for a in sources if a.country}  # "Moscow" answers "Russia"
        told = [*self.state.told, *self.events]
        for event in reversed(told):
            aimed = event.target.key in own or event.target.country in own
            if event.event_code[:2] in roots and aimed and event.source.code and event.source.key not in own:
                # every source of that one act: "Britain, France and Germany triggered ..."
                same_act = (e.source for e in told if e.sentence_index == event.sentence_index
                            and e.verb_text == event.verb_text and e.event_code == event.event_code)
                return list({a.key: a for a in same_act if a.key not in own}.values())
        return None

    def no_object(self, start: int, stop: int) -> bool:
        """Whether nothing but an adverbial follows the pattern: the clause ends, or a date or a place
        phrase comes next ("expressed concern on Monday")."""
        return start >= stop or self.tokens[start].text in STOP_TARGET or self.tokens[start].lower in ADVERBIAL

    def bare_reaction(self, code: str, sources: list[ActorMention]) -> list[ActorMention] | None:
        """The source of the latest earlier event of the codebook's ``bare_reactions`` roots for ``code``
        by another actor: what a criticism with no object reacts to."""
        table = self.settings.bare_reactions
        roots = next((table[code[:n]] for n in range(len(code), 1, -1) if code[:n] in table), None)
        return self.antecedent(roots, code, sources) if roots else None

    def relative_subject(self, i: int) -> list[ActorMention] | None:
        """The subject of a relative clause on an event noun right before the verb: "a charge Abuja rejected"."""
        k = i - 1
        while k >= 0 and (self.tokens[k].lower in ADVERBS or self.tokens[k].lower in AUXILIARIES):
            k -= 1
        if k < 0 or self.actor_at[k] < 0:
            return None
        group = self.group(self.actors[self.actor_at[k]])
        j = group[0].first - 1
        if j > 0 and self.tokens[j].lower in ("in", "of", "at") and self.actor_at[j - 1] >= 0:
            group = self.group(self.actors[self.actor_at[j - 1]])  # "the government in Kabul"
            j = group[0].first - 1
        while j >= 0 and self.tokens[j].lower in ("the", "its", "their"):
            j -= 1
        return group if j >= 0 and self.tokens[j].lower in self.settings.event_references else None

    def object_gap_pattern(self, subject: list[ActorMention], patterns: tuple[Pattern, ...]) -> Pattern | None:
        """The verb's pattern whose only word is the noun a relative clause has as object ("a charge ...
        rejected" -> ``reject charge``), so the gap codes as that object would."""
        k = subject[0].first - 1
        if k >= len(self.tokens):  # a subject carried over from an earlier sentence
            return None
        while k >= 0 and self.tokens[k].lower in ("the", "its", "their"):
            k -= 1
        noun = self.tokens[k].lower if k >= 0 else ""
        for pattern in patterns:
            elements = pattern.before_target
            if len(elements) == 1 and noun in elements[0].forms and not pattern.after_target:
                return None if pattern.codes_nothing else pattern
        return None

    def referred_before(self, pattern: Pattern, sources: list[ActorMention]) -> list[ActorMention] | None:
        """The same for an event noun that a relative clause follows: "a charge Abuja rejected"."""
        k = sources[0].first - 1
        if k >= len(self.tokens):  # a source carried over from an earlier sentence has no word before it here
            return None
        while k >= 0 and self.tokens[k].lower in ("the", "its", "their"):
            k -= 1
        roots = self.settings.event_references.get(self.tokens[k].lower) if k >= 0 else None
        return None if roots is None else self.antecedent(roots, pattern.code, sources)

    def antecedent(
        self, roots: frozenset[str], code: str, sources: list[ActorMention]
    ) -> list[ActorMention] | None:
        """The actor of the latest earlier event of one of ``roots`` (any for none) that ``sources`` react to
        with an event of ``code``."""
        own = {a.key for a in sources}
        victim = code in self.settings.reference_victim_codes
        for event in reversed([*self.state.told, *self.events]):
            if roots and event.event_code[:2] not in roots or event.source is NOBODY or event.target is NOBODY:
                continue
            if code in self.settings.participant_codes:
                found = [a for a in (event.source, event.target) if a.key not in own and a.code]
                if found:
                    return found
                continue
            actor = event.target if victim else event.source
            if actor.key not in own and actor.code:
                return [actor]
        return None

    def person_object(self, k: int) -> ActorMention | None:
        """The person told of last, when the object at ``k`` is a pronoun for them: "arrested him",
        "a warrant for his arrest" (a possessive before an event noun)."""
        toks, person = self.tokens, self.state.last_person
        if person is None:
            return None
        low = toks[k].lower
        if low in ("him", "her") and not (k + 1 < len(toks) and toks[k + 1].lower in self.codebook.nouns):
            return person
        following = toks[k + 1].lower if k + 1 < len(toks) else ""
        return person if low in ("his", "her") and following in self.settings.event_references else None
