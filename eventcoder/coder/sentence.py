"""Code one sentence: actors, clauses, verb and noun patterns -> events.

The rules, in the order they apply to each verb or event noun:

- a verb after ``to`` (purpose, infinitive) or ``from`` is not an event;
- negation (``did not condemn``) and modality (``should attack``, ``if``)
  code nothing;
- the source is the subject of the clause: its first actor before the verb,
  the actor a relative clause modifies, the subject of the clause a
  continuation (``, denouncing``; ``and met``) hangs on, or the person a
  ``he``/``she`` refers back to;
- passive (``was attacked by X``) swaps source and target;
- the target is the first actor after the pattern, or the agent of an event
  noun in the object (``complained about the strikes ... by the militias``);
- compound actors (``France and Germany``) give one event per pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..actors.groups import is_organisation
from ..actors.match import compose, dictionary_pieces
from ..codebook import Codebook
from ..codebook.entries import Element, Pattern
from ..enrich.dates import event_date, find_dates
from ..model import NOBODY, ActorMention, DateMention, EventMention, Sentence, Token
from .clauses import Clause, asides, split_clauses
from .matching import match_elements
from .prepare import (
    dated_months,
    modifies_event_noun,
    pairs_by_first,
    reads_through,
    with_group_references,
    without_scare_quotes,
)
from .readings import Attempt, Readings
from .references import References
from .sides import DEFAULT_HOW, Actors, Sides
from .state import ArticleState
from .tabari_actors import tabari_actors, with_gapped, with_pronouns
from .tabari_codeby import clause_starts, code_by
from .tabari_commas import compound_commas, without_clauses
from .tabari_complex import complex_reason
from .tabari_verbs import code_verb
from .tabari_words import is_all_caps, noun_reason, stem_forms
from .words import (
    ADVERBS,
    APPEALS,
    AUXILIARIES,
    DETERMINERS,
    LOCATIVES,
    PARTICIPLE,
    PREPOSITIONS,
    RECIPROCAL,
)

__all__ = ["ArticleState", "Attempt", "SentenceResult", "code_sentence"]

@dataclass(slots=True)  # not frozen, for speed: see model.ActorMention
class SentenceResult:
    sentence: Sentence
    actors: tuple[ActorMention, ...]
    clauses: tuple[Clause, ...]
    dates: tuple[DateMention, ...]
    event_date: date | None
    date_precision: str | None
    attempts: tuple[Attempt, ...]
    events: tuple[EventMention, ...]


def code_sentence(sentence: Sentence, codebook: Codebook, state: ArticleState, article_id: str = "") -> SentenceResult:
    """Code one sentence; ``state`` carries the article's context forward."""
    dates = find_dates(sentence.text, state.published, state.anchor, state.anchor_precision)
    day, precision = event_date(dates, state.published, state.anchor)
    if dates:
        state.anchor, state.anchor_precision = dates[-1].value, dates[-1].precision
    sentence = without_scare_quotes(dated_months(sentence), codebook)
    tokens = sentence.tokens
    pieces = [p for p in dictionary_pieces(tokens, codebook)
              if p.entry.kind != "agent" or not modifies_event_noun(p, tokens, codebook)]
    tabari = codebook.settings.tabari
    if tabari is not None:
        if tabari.comma is not None:  # TABARI's COMMA: short comma-delimited phrases are not coded
            taken = [False] * len(tokens)
            for p in pieces:
                taken[p.first : p.last + 1] = [True] * (p.last - p.first + 1)
            caps = is_all_caps(sentence.text)
            verb = [not taken[i] and t.lower in codebook.verbs and noun_reason(tokens, i, tabari, caps) is None
                    for i, t in enumerate(tokens)]
            sentence = without_clauses(sentence, tabari.comma, compound_commas(tokens, taken), verb)
            if len(sentence.tokens) != len(tokens):
                tokens = sentence.tokens
                pieces = dictionary_pieces(tokens, codebook)
        pieces = with_gapped(tokens, pieces, tabari)
    actors = compose(tokens, pieces, day, state.role_country, state.names if tabari is None else None)
    if tabari is not None:  # TABARI knows only its dictionaries' actors; a null-coded one is a noun
        actors = with_pronouns(tokens, tabari_actors(actors, tabari))
    if codebook.settings.group_references:
        actors = with_group_references(tokens, actors, codebook, state)
    pairs = pairs_by_first(tokens, actors, state) if codebook.settings.group_references else {}
    if pairs:  # the pair replaces a bare role noun it covers ("both leaders")
        covered = {i for both in pairs.values() for i in range(both[0].first, both[0].last + 1)}
        kept = [a for a in actors if a.first not in covered]
        actors = sorted([*kept, *(both[0] for both in pairs.values())], key=lambda a: a.first)
    if tabari is not None:  # TABARI's verb stems: "departen" is DEPART
        inside = [False] * len(tokens)
        for a in actors:
            inside[a.first : a.last + 1] = [True] * (a.last - a.first + 1)
        if (stemmed := stem_forms(tokens, inside, codebook.verbs, tabari)) is not None:
            tokens = stemmed
            sentence = Sentence(sentence.index, sentence.text, sentence.start, sentence.end, tokens)
    actor_at = [-1] * len(tokens)
    actor_last = [-1] * len(tokens)
    for k, actor in enumerate(actors):
        opaque = actor.code and not reads_through(actor, tokens)  # pattern words may not read through it
        for i in range(actor.first, actor.last + 1):
            actor_at[i] = k
            if opaque:
                actor_last[i] = actor.last
    aside = asides(tokens, actor_at)
    clauses = split_clauses(tokens, actor_at, codebook, aside)
    coder = _SentenceCoder(sentence, codebook, state, actors, actor_at, actor_last, clauses, day, precision, article_id)
    coder.pairs = pairs
    coder.asides = aside
    if (why := complex_reason(sentence.text, tokens, actors, actor_at, codebook)) is None:
        coder.run()
    else:  # TABARI's COMPLEX: the sentence is set aside
        coder.attempts.append(Attempt(0, None, why))
    if coder.dominant:  # TABARI `[031!]`: a dominant pattern's events replace the sentence's others
        coder.events = coder.dominant
    if coder.tabari_set_aside:  # a TABARI [###]/[+++] pattern matched: the sentence codes nothing
        coder.events = []
    if codebook.settings.tabari is not None:  # TABARI's CODE BY: the first event of each clause
        coder.events = code_by(coder.events, coder.head_of, tokens, actor_at, codebook.settings.tabari)
    state.told.extend(coder.events)
    state.organisations.extend(a for a in actors if is_organisation(a))
    for actor in actors:
        if actor.country and actor.role:
            state.role_country[actor.role] = actor.country
    if coder.main_subject is not None and coder.main_subject.is_person:
        state.last_person = coder.main_subject
    return SentenceResult(
        sentence,
        tuple(actors),
        tuple(clauses),
        tuple(dates),
        day,
        precision,
        tuple(coder.attempts),
        tuple(coder.events),
    )


class _SentenceCoder(References, Readings, Sides):
    """The working state of coding one sentence; discarded afterwards."""

    def __init__(
        self,
        sentence: Sentence,
        codebook: Codebook,
        state: ArticleState,
        actors: list[ActorMention],
        actor_at: list[int],
        actor_last: list[int],
        clauses: list[Clause],
        day: date | None,
        precision: str | None,
        article_id: str,
    ) -> None:
        self.sentence = sentence
        self.tokens: tuple[Token, ...] = sentence.tokens
        self.codebook = codebook
        self.settings = codebook.settings
        self.state = state
        self.actors = actors
        self.actor_at = actor_at
        self.actor_last = actor_last
        self.clauses = clauses
        self.day = day
        self.precision = precision
        self.article_id = article_id
        self.attempts: list[Attempt] = []
        self.events: list[EventMention] = []
        self.dominant: list[EventMention] = []  # events of dominant patterns (Pattern.dominant)
        self.subjects: dict[int, list[ActorMention] | None] = {}
        self.searched: list[tuple[int, int]] = []  # token spans verbs took their objects from
        self.pairs: dict[int, list[ActorMention]] = {}  # "both sides" mentions by first token (actors.pairs)
        self.object_end = -1  # the last token of the event noun :meth:`referred_event` last resolved
        self.verb_blocked = False  # whether :meth:`try_verb` last found its verb negated, modal or alleged
        self.asides: frozenset[int] = frozenset()  # parenthesised asides with no actor (clauses.asides)
        self.main_subject: ActorMention | None = None
        self.hypothetical: set[int] = set()  # clauses that say what someone asks for
        self.groups: dict[int, list[int]] = {}  # coordinated actors by first actor (coordinated)
        self.head_of: dict[int, tuple[int, int]] = {}  # id(event) -> (verb token, last pattern word), for CODE BY
        self.tabari_starts: list[int] | None = None  # TABARI codebooks: the first token of each later clause
        self.tabari_source: list[ActorMention] | None = None  # the source TABARI's default search found
        self.tabari_set_aside: str | None = None  # "###"/"+++" when such a pattern matched

    def run(self) -> None:
        heads, tokens, actor_at = self.codebook.heads, self.tokens, self.actor_at
        for ci, clause in enumerate(self.clauses):
            if ci == 0 or self.main_subject is None:
                subject = self.subject(ci)
                if ci == 0 or subject:
                    self.main_subject = subject[0] if subject else self.main_subject
            done = clause.start  # the first token no earlier pattern used
            for i in [k for k in range(clause.start, clause.end) if actor_at[k] < 0 and tokens[k].lower in heads]:
                if i >= done:
                    done = self.look_at(i, ci, clause) + 1

    # -- subjects -------------------------------------------------------------

    # -- verbs and nouns ------------------------------------------------------
    def look_at(self, i: int, ci: int, clause: Clause) -> int:
        """Try token ``i`` as an event verb or noun; return the last token used."""
        low = self.tokens[i].lower
        verbs = self.codebook.verbs.get(low)
        nouns = self.codebook.nouns.get(low)
        if not verbs and not nouns:
            return i
        if self.settings.tabari is not None:  # TABARI's own noun rule replaces the guesses below
            why = noun_reason(self.tokens, i, self.settings.tabari, is_all_caps(self.sentence.text))
            if why or not verbs:
                self.attempts.append(Attempt(i, None, why or "no verb"))
                return i
            if self.tabari_starts is None:
                self.tabari_starts = clause_starts(self.tokens, self.actor_at, ())
            return code_verb(self, i, self.tabari_starts)
        prev = self.tokens[i - 1].lower if i > 0 else ""
        if low in AUXILIARIES and i + 1 < len(self.tokens) and self.tokens[i + 1].lower.endswith(PARTICIPLE):
            return i  # "had frozen talks": an auxiliary, not the verb "have"
        if verbs and low.endswith(PARTICIPLE) and (
            self.modifies_actor(i) or self.modifies_noun_after_gerund(i) or self.modifies_event_noun(i) or (
            not nouns and (prev in DETERMINERS or prev in PREPOSITIONS or prev.isdigit()))
        ):
            self.attempts.append(Attempt(i, None, "a participle used as an adjective"))
            return i  # "the detained activists", "of protesting farmers", "18 jailed activists"
        if verbs and not nouns and prev in PREPOSITIONS and not low.endswith("ing") and self.actor_at[i - 1] < 0:
            self.attempts.append(Attempt(i, None, "a noun after a preposition, not a verb"))
            return i  # "pledged $500 million in aid to Yemen", "visited Iraq for talks": codebooks without nouns
        if verbs and not self.codebook.nouns and self.after_article(i):
            self.attempts.append(Attempt(i, None, "a noun after an article and adjectives, not a verb"))
            return i  # "during a brief private visit to X" (a codebook with noun patterns tries them instead)
        noun_first = prev in DETERMINERS or (i > 0 and self.actor_at[i - 1] >= 0) or not verbs
        if noun_first and nouns:
            done = self.try_noun(i, ci, clause, nouns)
            if done is not None or not verbs:
                return done if done is not None else i
        if verbs and not (noun_first and prev in DETERMINERS):
            told = len(self.events)
            last = self.try_verb(i, ci, clause, verbs)
            if len(self.events) == told and nouns and not noun_first and not self.verb_blocked:
                done = self.try_noun(i, ci, clause, nouns)  # "clashes took place between X and Y": a noun
                return done if done is not None else last
            return last
        return i

    def complement_follows(self, last: int, stop: int, pattern: Pattern) -> bool:
        """Whether an appeal or demand verb ends at ``that`` + a clause (``urged that X ...``)."""
        return pattern.code[:2] in APPEALS and stop - 1 > last and self.tokens[stop - 1].lower == "that"

    def try_verb(self, i: int, ci: int, clause: Clause, patterns: tuple[Pattern, ...]) -> int:
        self.object_end = -1
        intent = self.intent_before(i, clause)  # "will visit", "would retaliate": the stated intent is the event
        reason = self.blocked(i, ci, clause, intent)
        # a pattern that names the words before its verb ("not *condemn") decides for a negated or modal verb
        prefixed = reason is not None and reason.startswith(("negated", "hypothetical")) and any(
            p.before_verb for p in patterns)
        self.verb_blocked = bool(reason and not prefixed)  # negated, modal, alleged: no noun reading either
        if self.verb_blocked:
            assert reason is not None
            self.attempts.append(Attempt(i, patterns[0], reason))
            return i
        passive = self.is_passive(i)
        stop = clause.end
        nxt = ci + 1 if ci + 1 < len(self.clauses) else None
        if self.tokens[i].lower in self.codebook.speech_forms and nxt is not None and stop == i + 1:
            stop = self.clauses[nxt].end  # "declared a ceasefire": a speech verb's own patterns cross its cut
        window = {t.lower for t in self.tokens[i + 1 : stop]}
        for pattern in self.codebook.verb_index[self.tokens[i].lower].candidates(window):
            if not pattern.could_match(window) or (prefixed and not pattern.before_verb):
                continue
            fronted = self.fronted_target(i, pattern) if pattern.target_before else None
            if pattern.target_before and fronted is None:
                continue
            if (pattern.before_verb or pattern.compound_source) and not pattern.target_before and not (
                    self.prefix_fits(i, ci, pattern)):
                continue
            words = match_elements(
                self.tokens, i + 1, stop, pattern.before_target, self.settings.max_gap, self.actor_last, True
            )
            if words is None:
                continue
            if pattern.codes_nothing:
                self.attempts.append(Attempt(i, pattern, "matches a pattern that codes nothing"))
                return words[-1] if words else i
            code = self.intent_code(pattern.code) if intent else pattern.code
            if code is None:
                if intent in self.settings.modals or intent in self.settings.intent_verbs:
                    self.attempts.append(Attempt(i, pattern, f"hypothetical ({intent!r}), with no intent code"))
                    return i
                code = pattern.code  # "will criticise": an act announced for a date, coded as told
            last = words[-1] if words else i
            if pattern.target_before or pattern.source_after:  # the pattern, not the voice, gives the roles
                sources, targets = self.pattern_roles(ci, last, stop, pattern, fronted)
                self.emit(pattern, i, words, sources, targets, "pattern roles", code)
                return last
            if passive:
                by = self.agent_after(last + 1, stop, window=self.settings.max_target_distance)
                sources, targets = by, self.subject(ci)
                if by and not targets and self.reacts(code):
                    targets = self.patient_event(i, pattern, by)  # "the attack was condemned by the UN"
            elif self.actor_at[last] >= 0:  # the pattern ended inside its target: "expelled the Russian ambassador"
                sources, targets = self.subject(ci), self.group(self.actors[self.actor_at[last]])
                if sources and len(sources) > 1 and self.exchanged(pattern, targets):
                    targets = sources  # "X and Y agreed to swap prisoners": each with the other
            else:
                sources, targets = self.subject(ci), self.target_after(last + 1, stop)
                if not targets and self.coordinated_verb_after(last):
                    # "shot and killed a trader": the shared object; a bare verb's reaches past the clause
                    # cut before "killed" ("withdrew from the city and left ..." has its own; "visits and
                    # pledged" may be a plural noun)
                    bare = not words and not self.tokens[i].lower.endswith("s")
                    end = self.clauses[nxt].end if nxt is not None and bare else stop
                    targets = self.target_after(last + 3, end)
                    if targets and sources and self.same_side(sources, targets):
                        targets = None  # "villagers beat and injured a boy": one role, told one-sided
                if not targets and self.reacts(code):
                    relative = self.relative_subject(i)
                    if relative:  # "a charge Kabul rejected" codes as "Kabul rejected the charge"
                        sources, pattern = relative, self.object_gap_pattern(relative, patterns) or pattern
                        code = pattern.code
                    named = self.settings.event_references.get(self.tokens[last].lower) if words else None
                    if named is not None and sources:  # "claimed the attack": the pattern's own last word
                        targets = self.antecedent(named, pattern.code, sources)
                    targets = targets or (self.referred_event(last + 1, stop, pattern, sources) if sources else None)
                    targets = targets or (self.referred_before(pattern, sources) if sources else None)
                    targets = targets or (self.accuser(code, sources) if sources else None)
                    if not targets and sources and self.no_object(last + 1, stop):
                        targets = self.bare_reaction(code, sources)  # "Japan expressed concern."
                if self.tokens[i].lower.endswith("ing") and i > 0 and self.actor_at[i - 1] >= 0:
                    sources = self.group(self.actors[self.actor_at[i - 1]])  # "Russians mourning Navalny"
                if targets and pattern.code[:2] == "15" and all(not t.country for t in targets):
                    targets = self.target_after(targets[-1].last + 1, stop)  # "deployed troops to X": own forces
                if sources and len(sources) > 1 and pattern.code[:2] in RECIPROCAL and (
                    not targets or any(t.lower in LOCATIVES for t in self.tokens[last + 1 : targets[0].first])
                    or self.exchanged(pattern, targets)
                ):
                    # "Ukraine and Russia held talks", "X and Y clashed in Z", "X and Y exchanged prisoners"
                    # (a bare role noun is what they exchange): each with the other
                    targets = sources
                if not targets and nxt is not None and self.complement_follows(last, stop, pattern):
                    # "demanded that Iran release ...": the target is the complement's subject,
                    # and what the complement says has not happened
                    targets = self.subject(nxt)
                    self.hypothetical.add(nxt)
                    if targets and sources and self.same_side(sources, targets):
                        targets = self.accuser(code, sources)  # "warned that Tehran would respond": at whom
            if pattern.compound_source and "{T}" not in pattern.pattern_id:
                sources = targets = self.subject(ci)  # "A and B agree": each with the other
            if not targets and not passive and self.infinitive_after(words):
                continue  # "protested to demand jobs" is no "protest to X": the verb's other patterns
            if pattern.after_target:
                if not targets:
                    continue  # a pattern with words after its target cannot be checked without one
                told_here = any(targets[-1] is a for a in self.actors)
                after = match_elements(  # after the target, or after the event noun that named it
                    self.tokens, (targets[-1].last if told_here else max(self.object_end, last)) + 1, stop,
                    pattern.after_target, self.settings.max_gap, self.actor_last,
                )
                if after is None:
                    continue
            self.emit(pattern, i, words, sources, targets, "passive" if passive else "active", code)
            return last
        self.attempts.append(Attempt(i, None, "no pattern of this verb matches the words after it"))
        return i

    def prefix_fits(self, i: int, ci: int, pattern: Pattern) -> bool:
        """Whether the pattern's words before the verb stand right before it (adverbs aside), and
        for a ``{S} ...`` pattern, whether the subject is a compound."""
        if pattern.compound_source and len(self.subject(ci) or ()) < 2:
            return False
        return self.words_before(i - 1, pattern.before_verb) is not None

    def words_before(self, k: int, elements: tuple[Element, ...]) -> int | None:
        """The token before ``elements`` when they end at or before token ``k`` (adverbs and up to
        ``before_verb_gap`` other words between them, no negation), else None."""
        gap = self.settings.before_verb_gap  # TABARI dictionaries: other words may come between
        for element in reversed(elements):
            skipped = 0
            while k >= 0 and self.tokens[k].lower not in element.forms and (
                    self.tokens[k].lower in ADVERBS or skipped < gap):
                if self.tokens[k].lower in self.settings.negations:
                    return None  # "would not respond" is no "would *respond"
                skipped += self.tokens[k].lower not in ADVERBS
                k -= 1
            if k < 0 or self.tokens[k].lower not in element.forms:
                return None
            k -= 1
        return k

    def fronted_target(self, i: int, pattern: Pattern) -> tuple[list[ActorMention], int] | None:
        """For a TABARI ``SUGGESTED + *`` pattern: the target before the verb at ``i`` and the token
        before the pattern's first word, or None when the words and an actor do not stand there."""
        k = self.words_before(i - 1, pattern.before_verb)
        skipped = 0
        while k is not None and k >= 0 and self.actor_at[k] < 0 and skipped < self.settings.before_verb_gap:
            skipped, k = skipped + 1, k - 1  # "Eriador has been *received"
        if k is None or k < 0 or self.actor_at[k] < 0:
            return None
        group = self._group_ending_at(self.actor_at[k])
        start = self.words_before(group[0].first - 1, pattern.before_slot)
        return (group, start) if start is not None else None

    def pattern_roles(self, ci: int, last: int, stop: int, pattern: Pattern,
                      fronted: tuple[list[ActorMention], int] | None) -> tuple[Actors, Actors]:
        """``(sources, targets)`` a TABARI pattern with a target before its verb or a source after it names:
        the source after the pattern's words, else the actor before the pattern; the target before
        the verb, else the clause's subject."""
        if pattern.source_after:
            sources = self.target_after(last + 1, stop)
        elif fronted is not None:
            earlier = [k for k, a in enumerate(self.actors) if a.last <= fronted[1]]
            sources = self._group_ending_at(earlier[-1]) if earlier else None
        targets = fronted[0] if fronted is not None else self.subject(ci)
        return sources, targets

    def try_noun(self, i: int, ci: int, clause: Clause, patterns: tuple[Pattern, ...]) -> int | None:
        toks = self.tokens
        window = {t.lower for t in toks[i + 1 : clause.end]}
        for pattern in self.codebook.noun_index[toks[i].lower].candidates(window):
            if pattern.codes_nothing or not pattern.could_match(window):
                continue
            words = match_elements(
                toks, i + 1, clause.end, pattern.before_target, self.settings.max_gap, self.actor_last
            )
            if words is None:
                continue
            last = words[-1] if words else i
            if pattern.source_slot:
                first = self.actor_after(last + 1, clause.end, 3)
                if first is None:
                    continue
                mid = match_elements(toks, first.last + 1, clause.end, pattern.between_words, 1, self.actor_last)
                second = (
                    self.actor_after((mid[-1] if mid else first.last) + 1, clause.end, 3) if mid is not None else None
                )
                if second is None:
                    continue
                if reason := self.unreal_clause(clause):
                    self.attempts.append(Attempt(i, pattern, reason))
                    return None
                self.emit(pattern, i, words, [first], [second], "nominal")
                if pattern.symmetric:
                    self.emit(pattern, i, words, [second], [first], "nominal, symmetric")
                return second.last
            target = self.actor_after(last + 1, clause.end, 4)
            if target is None:
                continue
            if reason := self.unreal_clause(clause):
                self.attempts.append(Attempt(i, pattern, reason))
                return None
            group = self.group(target)
            if pattern.after_target and match_elements(
                toks, group[-1].last + 1, clause.end, pattern.after_target, self.settings.max_gap, self.actor_last
            ) is None:
                continue
            sources = self.agent_after(group[-1].last + 1, clause.end, window=4) or self.modifier_before(i)
            if not sources and not any(a <= i <= b for a, b in self.searched) and not self.blocked_before(clause, i):
                sources = self.subject(ci)
            self.emit(pattern, i, words, sources, group, "nominal")
            return group[-1].last
        return None

    # -- finding actors -------------------------------------------------------

    # -- output ----------------------------------------------------------------
    def emit(
        self,
        pattern: Pattern,
        head: int,
        words: list[int],
        sources: list[ActorMention] | None,
        targets: list[ActorMention] | None,
        how: str,
        code: str | None = None,
    ) -> None:
        """Record the events of ``pattern`` between ``sources`` and ``targets``, coded ``code``
        (default: the pattern's)."""
        code = code or pattern.code
        if self.settings.default_actors is not None and not (sources and targets):
            sources, targets = self.with_defaults(sources, targets)
        if not sources or not targets:
            missing = "source" if not sources else "target"
            if (sources or targets) and how in ("active", "passive") and self.one_sided(pattern, head):
                sources, targets = sources or [NOBODY], targets or [NOBODY]  # "a man was shot dead", "crowds rallied"
            else:
                self.attempts.append(Attempt(head, pattern, f"{how}: no {missing} actor"))
                return
        toks = self.tokens
        verb_text = " ".join(toks[k].text for k in [head, *words])
        made = 0
        pairs = [(s, t, code) for s in sources for t in targets]
        if pattern.reverse_code and not pattern.compound_source:
            # PETRARCH `[A:B]`: the target's act toward the source (`left for Y` -> Y 033 X)
            pairs += [(t, s, pattern.reverse_code) for s in sources for t in targets]
        for s, t, event_code in pairs:
            coded = s.code or t.code or self.named_alone(s, t)
            if not coded or s.key == t.key or s.code == t.code and s.first == t.first:
                continue  # an event needs one coded actor; an uncoded one keeps its name ("Los Zetas gang")
            if any(e.source.key == s.key and e.target.key == t.key and e.event_code == event_code
                   for e in self.events):
                continue  # "attacked and killed": one event of the sentence, told by two verbs
            named = [a for a in (s, t) if a is not NOBODY and a.how != DEFAULT_HOW]
            start = min([toks[head].start, *(a.char_start for a in named)])
            end = max([toks[head].end, *(a.char_end for a in named)])
            self.events.append(
                EventMention(
                    article_id=self.article_id,
                    sentence_index=self.sentence.index,
                    sentence_text=self.sentence.text,
                    char_start=start,
                    char_end=end,
                    source=s,
                    target=t,
                    event_code=event_code,
                    pattern_id=pattern.pattern_id,
                    verb_text=verb_text,
                    event_date=self.day,
                    date_precision=self.precision,
                )
            )
            made += 1
            self.head_of[id(self.events[-1])] = (head, max([head, *words]))
            if pattern.dominant:
                self.dominant.append(self.events[-1])
        self.attempts.append(
            Attempt(
                head,
                pattern,
                f"{how}: {made} event(s)" if made else f"{how}: actors without a code or the same actor twice",
            )
        )
