"""The sides of an event: the clause's subject, the target after the verb, the agent after "by".

A mixin of the sentence coder: it reads the coder's tokens, actors, clauses
and article state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..actors.match import NOT_NAMES
from ..codebook.entries import MATERIAL_CONFLICT, Pattern
from ..model import NOBODY, ActorMention
from .clauses import PRONOUNS, Clause, article_noun, coordination
from .view import SentenceView
from .words import COOPERATION, DETERMINERS, LOCATIVES, STOP_TARGET

Actors = list[ActorMention] | None
DEFAULT_HOW = "default"  # ActorMention.how of a TABARI DEFAULT: actor, named nowhere in the text


def default_actor(code: str) -> ActorMention:
    """The mention of a ``DEFAULT:`` actor: a code, no place in the sentence."""
    return ActorMention(-1, -1, -1, -1, "", code, code, f"default:{code}", DEFAULT_HOW)



class Sides(SentenceView):
    """Finding who acts and who is acted on (see the module docstring)."""

    clauses: list[Clause]
    subjects: dict[int, list[ActorMention] | None]
    groups: dict[int, list[int]]
    searched: list[tuple[int, int]]
    main_subject: ActorMention | None
    asides: frozenset[int]
    pairs: dict[int, list[ActorMention]]

    if TYPE_CHECKING:  # given by the sentence coder's other mixins (coder.readings, coder.references)

        def modifies_actor(self, i: int) -> bool: ...

        def person_object(self, k: int) -> ActorMention | None: ...

    def subject(self, ci: int) -> list[ActorMention] | None:
        """The actors clause ``ci`` acts with, computed once per clause."""
        if ci in self.subjects:
            return self.subjects[ci]
        clause = self.clauses[ci]
        own = self._own_subject(clause)
        if own is None and ci > 0 and clause.kind == "rel":
            prev = [k for k, a in enumerate(self.actors) if a.last < clause.start]
            own = self._group_ending_at(prev[-1]) if prev else None
        if own is None and clause.kind == "cont":
            # the nearest earlier clause with a subject: "X responded the next day, denouncing Y"
            own = next((found for k in range(ci - 1, -1, -1) if (found := self.subject(k))), None)
        if own == [] and ci > 0 and self._leading_pronoun(clause) in ("it", "they"):
            first = self.subject(0)
            if first and not any(a.is_person for a in first):
                own = first  # "Ethiopia indicated it deplored Libya": "it" is the sentence's subject
        self.subjects[ci] = own
        return own

    def _leading_pronoun(self, clause: Clause) -> str | None:
        return next((t.lower for t in self.tokens[clause.start : clause.end] if t.lower in PRONOUNS), None)

    def _own_subject(self, clause: Clause) -> list[ActorMention] | None:
        for i in range(clause.start, clause.end):
            if i in self.asides:
                continue  # "Around 29 April (as reported), refugees attacked": not the verb
            k = self.actor_at[i]
            if k >= 0 and self._place_name(self.actors[k]):
                continue  # "In Benito Juarez, Nuevo Leon, a man was killed": where, not who
            if k >= 0:
                return self.group(self.actors[k])
            low = self.tokens[i].lower
            if low in PRONOUNS:
                person = self.state.last_person
                speaker = self.main_subject
                if speaker is not None and speaker.is_person and speaker.last < clause.start:
                    person = speaker  # "Trump said he had warned them": the sentence's own person
                return [person] if low in ("he", "she") and person is not None else []
            if self.modifies_actor(i):
                continue
            if (low in self.codebook.verbs or low in self.codebook.speech_forms) and not article_noun(self.tokens, i):
                return None  # "The report, compiled by the UN, accused": a noun, not the clause's verb
        return None

    def _place_name(self, actor: ActorMention) -> bool:
        """An uncoded name or a bare country after a locative or in a place list ("in X, Y"; "in Toluca,
        Mexico, employees protested"), not an actor."""
        listed = actor.first > 0 and self.tokens[actor.first - 1].text == ","
        if actor.code and not (actor.code == actor.country and listed):
            return False
        k = actor.first - 1
        while k >= 0 and self.tokens[k].text == ",":
            k -= 1
            while k >= 0 and (self.tokens[k].text[:1].isupper() and self.tokens[k].lower not in NOT_NAMES
                              if self.actor_at[k] < 0 else not self.actors[self.actor_at[k]].code):
                k -= 1  # "in X, Y": a list of names after the locative
        return k >= 0 and self.tokens[k].lower in LOCATIVES

    def _group_ending_at(self, k: int) -> list[ActorMention]:
        start = k
        while start > 0 and self.coordinated(start - 1)[-1] >= k:
            start -= 1
        return [self.actors[g] for g in self.coordinated(start)]

    def actor_after(self, start: int, stop: int, window: int) -> ActorMention | None:
        for k in range(start, min(stop, start + window + 1)):
            if self.actor_at[k] >= 0:
                return self.actors[self.actor_at[k]]
            if self.tokens[k].text in STOP_TARGET:
                return None
        return None

    def group(self, actor: ActorMention) -> list[ActorMention]:
        both = self.pairs.get(actor.first)
        if both is not None and both[0] is actor:
            return both  # "both leaders": the two sides of the earlier event
        k = self.actor_at[actor.first]  # the actor's own index, without comparing mentions field by field
        if k < 0 or self.actors[k] is not actor:
            k = self.actors.index(actor)
        return [self.actors[g] for g in self.coordinated(k)]

    def coordinated(self, k: int) -> list[int]:
        """:func:`coordination` of actor ``k``, computed once per sentence."""
        found = self.groups.get(k)
        if found is None:
            found = self.groups[k] = coordination(self.actors, self.tokens, k)
        return found

    def agent_after(self, start: int, stop: int, window: int) -> list[ActorMention] | None:
        """The actors after ``by`` (``carried out by the militias``)."""
        for k in range(start, min(stop, start + window + 1)):
            if self.tokens[k].lower == "by":
                actor = self.actor_after(k + 1, stop, 2)
                return self.group(actor) if actor else None
            if self.tokens[k].text in STOP_TARGET:
                return None
        return None

    def modifier_before(self, i: int) -> list[ActorMention] | None:
        """An actor right before an event noun (``militia attacks``, ``Israel's strikes``)."""
        k = i - 1
        while k >= 0 and self.actor_at[k] < 0 and self.tokens[k].lower in DETERMINERS:
            k -= 1
        if k >= 0 and i - k <= 3 and self.actor_at[k] >= 0:
            return [self.actors[self.actor_at[k]]]
        return None

    def target_after(self, start: int, stop: int) -> list[ActorMention] | None:
        """The first actor after the verb; an event noun's agent wins (``the strikes ... by X``)."""
        end = min(stop, start + self.settings.max_target_distance + 1)
        if end > start:
            self.searched.append((start, end - 1))
        if start < end and (person := self.person_object(start)):
            return [person]
        for k in range(start, end):
            if self.actor_at[k] >= 0:
                if not self.actors[self.actor_at[k]].code:
                    continue  # an unknown name ("the Nur Shams camp in the West Bank"): look further
                self.searched[-1] = (start, k)
                return self.group(self.actors[self.actor_at[k]])
            tok = self.tokens[k]
            if tok.text in STOP_TARGET:
                self.searched[-1] = (start, k)
                return None
            if tok.lower in self.codebook.nouns:
                by = self.agent_after(k + 1, stop, window=8)
                if by:
                    self.searched[-1] = (start, k)
                    return by
        return None

    @staticmethod
    def exchanged(pattern: Pattern, targets: list[ActorMention] | None) -> bool:
        """Whether ``targets`` are what a cooperative act moves, not a party: bare role nouns ("prisoners")."""
        return (pattern.code[:2] in COOPERATION and bool(targets)
                and all(not t.country and t.code == t.role for t in targets or ()))

    def one_sided(self, pattern: Pattern, head: int) -> bool:
        """Whether the verb at ``head`` codes with one actor missing ("a man was shot dead", "crowds
        rallied"): material conflict (QuadClass 4) only, told in a past form; a present form after a
        noun is more often a noun itself ("the militia attacks figured in the talks")."""
        info = self.codebook.codes.get(pattern.code)
        form = self.tokens[head].lower
        settings = self.settings
        at_home = any(pattern.code.startswith(c) for c in (*settings.own_country_codes,  # "X resigned"
                                                            *settings.focus_country_codes))  # "sent aid"
        return (info is not None and (info.quad_class == MATERIAL_CONFLICT or at_home)
                and not form.endswith(("s", "ing")))

    @staticmethod
    def named_alone(source: ActorMention, target: ActorMention) -> bool:
        """Whether one side is a name the codebook lacks and the other is untold ("members of the Berozgar
        Association held a protest"): the event keeps the name with a null code."""
        return (source is NOBODY) != (target is NOBODY) and bool(source.text or target.text)

    def with_defaults(self, sources: Actors, targets: Actors) -> tuple[Actors, Actors]:
        """TABARI's ``DEFAULT:`` codes for a missing side (Settings.default_actors): without ``PRIOR`` a
        verb with no source takes the actor after it as its source."""
        defaults = self.settings.default_actors
        assert defaults is not None
        if not sources and targets and not defaults.source_prior:
            sources, targets = targets, None
        if not sources and defaults.source:
            sources = [default_actor(defaults.source)]
        if not targets and defaults.target:
            targets = [default_actor(defaults.target)]
        return sources, targets
