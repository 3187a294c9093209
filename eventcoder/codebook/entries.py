"""The records a loaded codebook is made of.

All are frozen: a codebook is a value that can be shared between threads,
processes and two codebooks in one process without surprises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # tabari_rules imports this module's ActorEntry
    from .tabari_rules import TabariPattern, TabariRules


class _ByConstructor:
    """Pickles as a constructor call: loading a big codebook (the compiled-codebook
    cache, worker processes) skips dataclasses' slow generic ``__setstate__``."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return type(self), tuple(getattr(self, name) for name in self.__dataclass_fields__)  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Where(_ByConstructor):
    """The file and line a codebook entry was written on."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class EventCode(_ByConstructor):
    code: str
    label: str
    goldstein: float
    quad_class: int
    penta_class: int

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def base(self) -> str:
        return self.code[:3]


@dataclass(frozen=True, slots=True)
class DatedRole(_ByConstructor):
    code: str
    start: date | None = None
    end: date | None = None

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class ActorEntry(_ByConstructor):
    """One thing the actor dictionary can match.

    ``kind`` is ``country`` (a name), ``adjective`` (a demonym), ``capital`` (a
    government metonym), ``region``, ``agent`` (a role noun) or ``named`` (a
    person, group or organisation from actors*.yaml).
    """

    key: str
    kind: str
    name: str
    code: str
    where: Where
    country: str | None = None
    role: str | None = None
    type: str | None = None
    roles: tuple[DatedRole, ...] = ()

    def code_on(self, day: date | None) -> str:
        """The actor's code on ``day``: the dated role then valid, else ``code``."""
        if day is not None:
            for role in self.roles:
                if role.holds_on(day):
                    return role.code
        elif self.roles and self.roles[-1].end is None:
            return self.roles[-1].code
        return self.code


@dataclass(frozen=True, slots=True)
class Phrase(_ByConstructor):
    """A dictionary phrase as folded tokens, pointing at its entry."""

    tokens: tuple[str, ...]
    entry: ActorEntry
    case_sensitive: str | None = None  # the exact text an acronym must have
    capitalized: bool = False  # a proper name: its first token must be capitalised in the text


@dataclass(frozen=True, slots=True)
class Element(_ByConstructor):
    """One position of a pattern: the surface forms that fill it."""

    forms: frozenset[str]
    optional: bool = False
    text: str = ""
    particle: bool = False  # a preposition or particle ("on" in "call on"): must follow the verb directly


@dataclass(frozen=True, slots=True)
class Pattern(_ByConstructor):
    """A compiled verb or noun pattern.

    ``head`` matches the verb (or head noun); ``before_target`` must follow it,
    then comes the target actor, then ``after_target``. ``source_slot`` marks a
    nominal pattern that names its source (``between {S} and {T}``).
    """

    pattern_id: str
    code: str
    text: str
    where: Where
    head: Element
    before_target: tuple[Element, ...]
    after_target: tuple[Element, ...] = ()
    nominal: bool = False
    source_slot: bool = False
    between_words: tuple[Element, ...] = ()
    symmetric: bool = False
    required: tuple[frozenset[str], ...] = ()  # forms of every non-optional word after the head
    # PETRARCH `[A:B]`: the code of the event the target also performs toward the
    # source (`X left for Y` -> X 032 Y and Y 033 X); None for ordinary patterns.
    reverse_code: str | None = None
    # PETRARCH `% *`: the subject must be a compound (`A and B agree`) and the
    # event is coded between its members. `before_verb`: words that must stand
    # right before the verb (`NOT *`), adverbs aside; they override negation.
    compound_source: bool = False
    before_verb: tuple[Element, ...] = ()
    # TABARI `[031!]`: when this pattern codes, the sentence's other events are dropped.
    dominant: bool = False
    # TABARI `SUGGESTED + * REQUIRE`: the target is the actor before the verb (after `before_slot`'s
    # words, `before_verb`'s between it and the verb); `* FROM $`: the source is the actor after
    # the pattern's words. Either way the pattern, not the voice, gives the roles.
    target_before: bool = False
    before_slot: tuple[Element, ...] = ()
    source_after: bool = False
    # TABARI's own reading (set only by the TABARI reader): the coder matches it as TABARI does.
    tabari: TabariPattern | None = None

    def could_match(self, words: frozenset[str] | set[str]) -> bool:
        """A cheap pre-check: every required word occurs among ``words``."""
        return all(not forms.isdisjoint(words) for forms in self.required)

    @property
    def size(self) -> int:
        """How specific the pattern is: the longest match wins."""
        compound = int(self.compound_source) + len(self.before_verb)
        compound += int(self.target_before) + len(self.before_slot) + int(self.source_after)
        return 1 + len(self.before_target) + len(self.after_target) + len(self.between_words) + compound

    @property
    def codes_nothing(self) -> bool:
        return self.code == "---"


MATERIAL_CONFLICT = 4
"""The QuadClass of material conflict: its events carry death tolls and may name one side only."""


@dataclass(frozen=True, slots=True)
class DefaultActors(_ByConstructor):
    """TABARI's ``DEFAULT: SOURCE [X] PRIOR TARGET [Y] AFTER``: the codes an event takes when the
    sentence names no actor for a side.

    With ``source_prior`` a verb with no actor before it takes ``source``;
    without it, the actor after the verb becomes the source (and the target
    is defaulted), as TABARI looks for a source on both sides.
    ``target_after`` is read and kept (eventcoder's targets follow the verb).
    """

    source: str | None = None
    target: str | None = None
    source_prior: bool = False
    target_after: bool = False


@dataclass(frozen=True, slots=True)
class Settings:
    """Coder settings a codebook may tune; defaults suit English wire news."""

    max_gap: int = 3
    max_target_distance: int = 12
    negations: frozenset[str] = field(default_factory=frozenset)
    modals: frozenset[str] = field(default_factory=frozenset)
    speech_verbs: frozenset[str] = field(default_factory=frozenset)
    # PETRARCH discard lists: a sentence containing one of `sentence_discards`
    # codes nothing; an article containing one of `story_discards` is dropped.
    # Folded phrases; a trailing `_` requires a word end, else a stem matches.
    sentence_discards: tuple[str, ...] = ()
    story_discards: tuple[str, ...] = ()
    # PETRARCH codes the verb of an infinitive complement ("is about to
    # restore ties"); eventcoder's default reads it as intended, not done.
    code_infinitives: bool = False
    # TABARI: other words may stand between a pattern's words before its verb
    # ("SAID WOULD *" matches "said it would act"); 0 keeps them adjacent.
    before_verb_gap: int = 0
    # Nouns that name an event told earlier ("Japan condemned the launch"), by
    # surface form: the roots of the events each may refer to (empty: any).
    event_references: dict[str, frozenset[str]] = field(default_factory=dict, hash=False, compare=False)
    # Codes whose referred-to event gives its target, not its source
    # ("claimed responsibility for the attack": the attacked).
    reference_victim_codes: frozenset[str] = field(default_factory=frozenset)
    # Codes aimed at everyone who took part in the referred-to event, not at
    # its source ("Qatar mediated the talks", "welcomed the agreement").
    participant_codes: frozenset[str] = field(default_factory=frozenset)
    # Roots whose verbs may take an earlier event as their object (reactions:
    # comment, appeal, welcome, demand, condemn, reject, threaten).
    reacting_roots: frozenset[str] = field(default_factory=frozenset)
    # A verb under one of `intent_modals` ("will visit", "would retaliate")
    # codes the stated intent: `intent_codes` maps a code prefix to it
    # (longest prefix wins); an intent modal that is also a modal blocks a
    # code the table does not list.
    intent_modals: frozenset[str] = field(default_factory=frozenset)
    # Surface forms of verbs and adjectives whose "to" complement is an
    # intent ("agreed to exchange prisoners", "ready to resume talks").
    intent_verbs: frozenset[str] = field(default_factory=frozenset)
    intent_codes: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    # A verb of one of these codes with no target ("X denied any role")
    # answers the latest earlier event of the listed roots aimed at its subject.
    answers: dict[str, frozenset[str]] = field(default_factory=dict, hash=False, compare=False)
    # A verb of one of these codes (prefixes) with no target and no object reacts
    # to the latest earlier event of the listed roots by another actor.
    bare_reactions: dict[str, frozenset[str]] = field(default_factory=dict, hash=False, compare=False)
    # "the group", "the bloc": a definite noun to the role segments or leading
    # codes of the earlier organisation it refers to (actors.groups).
    # Codes (prefixes) whose event with no target is aimed at the source's own
    # country: curfews, states of emergency ("Seoul declared martial law").
    own_country_codes: frozenset[str] = field(default_factory=frozenset)
    # Codes (prefixes) whose events told without a target are aimed at the
    # government of the source's country ("thousands rallied in the capital").
    home_government_codes: frozenset[str] = field(default_factory=frozenset)
    # Codes (prefixes) whose events told without a target are aimed at the
    # country the article is about ("sent relief supplies": to the stricken country).
    focus_country_codes: frozenset[str] = field(default_factory=frozenset)
    # Codes (prefixes) of accusations: a verb after their "of"/"for" ("accused
    # the militia of killing civilians", "of torture") is what they allege, not an event.
    allegation_codes: frozenset[str] = field(default_factory=frozenset)
    group_references: dict[str, frozenset[str]] = field(default_factory=dict, hash=False, compare=False)
    # TABARI `DEFAULT:` codes for a side no actor fills (None: the side stays empty).
    default_actors: DefaultActors | None = None
    # TABARI's sentence-level rules (CODE BY ...); set only by the TABARI reader.
    tabari: TabariRules | None = None
