"""Resolve a capitalised name the exact dictionary missed to a named actor.

``FuzzyIndex.build(entries, folder)`` indexes the codebook's named actors
(``kind == "named"``) by their folded names; ``lookup("Muhammad Shia
al-Soudani")`` then returns the entry of ``Mohammed Shia al-Sudani``.

A lookup tries, in order:

1. the folded name (see :mod:`eventcoder.actors.names`): an exact hit on a
   folded variant, ``how == "folded"``;
2. fuzzy matching, ``how == "fuzzy"``: candidates come from a block index
   (every distinctive folded token, and the first and last three letters of
   the longer ones), so a lookup compares against the few names sharing a
   token, not the whole dictionary; each candidate is scored with
   :func:`name_score` (0 unless every token of the shorter name matches its
   own token of the longer one, a distinctive one among them; else an
   aligned Dice similarity) and must reach :data:`FUZZY_THRESHOLD`.

A single common given or family name (``Mohammed``, ``Ali``, ``Kim``) never
matches a person, and a tie between two actors matches nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..codebook.entries import ActorEntry
from ..codebook.names import FUZZY_SCORER, FUZZY_THRESHOLD
from .names import DEFAULT_FOLDER, NameFolder

# The scorer and thresholds were chosen by measurement on the labelled pairs
# of tests/actors/test_fuzzy.py: 157 spellings of dictionary actors and 70 near
# misses (relatives, namesakes, colleagues sharing a given name); 77 and 70 of
# them fold to something else than every variant of their actor, and these
# are scored (best over the actor's variants; `python benchmarks/dedupe.py
# --scorers` repeats the measurement). Best F1 of each scorer at its best
# threshold:
#   fuzz.ratio                 0.916 at 78  (Masrour/Masoud Barzani 89, Kim Jong Nam/Un 87)
#   fuzz.token_sort_ratio      0.882 at 72
#   fuzz.token_set_ratio       0.904 at 87
#   fuzz.WRatio                0.906 at 86
#   fuzz.partial_token_sort    0.835 at 84
#   gate + token_sort_ratio    1.000 at 1..43 (token_sort sorts "esmail haniyeh" and
#                                              "haniyeh ismail" apart: 43)
#   gate + aligned Dice        1.000 at 1..66 (lowest same-actor pair: Vladimir
#                                              Vladimirovich Putin / Vladimir Putin, 66.7)
# No plain rapidfuzz score separates family members (one token apart) from
# spelling variants (a few letters apart in every token); the token gate of
# name_score does. Chosen: name_score (gate + aligned Dice) >= 60, inside the
# perfect range with a margin below the lowest same-actor pair; it rejects a
# candidate whose matched letters are under 60% of both names.
# FUZZY_SCORER and FUZZY_THRESHOLD are codebook settings' defaults: see eventcoder.codebook.names.
# A token of four letters or more matches another at this fuzz.ratio or
# above. Measured on the same pairs: at 70 Masrour/Masoud Barzani pass the
# gate (masrur/masud 73); at 80 five variants fail it (Volodimir 78,
# Haniya 77, Olexander 71..., Tehrik 77); 75 has neither. Shorter tokens
# must be equal, or an initial of the other.
TOKEN_THRESHOLD = 75.0
# A block this large is a generic token (e.g. ``abu``) and is not used.
MAX_BLOCK = 2_000


@dataclass(frozen=True, slots=True)
class Match:
    """A dictionary entry a name resolved to, with how sure and how."""

    entry: ActorEntry
    score: float
    how: str  # "folded" or "fuzzy"
    variant: str  # the folded dictionary variant that matched


def tokens_match(a: str, b: str, token_threshold: float = TOKEN_THRESHOLD) -> bool:
    """Whether two folded tokens name the same word (allowing a typo or an initial)."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if min(len(a), len(b)) < 4:
        return False
    return fuzz.ratio(a, b, score_cutoff=token_threshold) > 0


def name_score(a: tuple[str, ...], b: tuple[str, ...], folder: NameFolder = DEFAULT_FOLDER,
               token_threshold: float = TOKEN_THRESHOLD) -> float:
    """How alike two folded names are, 0 to 100; 0 unless they can be one actor.

    The gate: every token of the shorter name must match its own token of
    the longer one (``muhamad sudani`` in ``muhamad shia sudani``; any order;
    a typo allowed in tokens of four letters or more, see :func:`tokens_match`),
    and at least one matched token must be distinctive (not a common given or
    family name, not an initial). Names equal when run together (``kim
    jongun``, ``kim jong un``) score 100.

    The score: a Dice coefficient over characters of the aligned tokens,
    ``2 * sum(sim * (len_a + len_b) / 2) / (letters of a + letters of b)``,
    where ``sim`` is fuzz.ratio of the pair (an initial counts half). Tokens
    of the longer name left unmatched (a middle name, a family suffix) lower
    the score but do not reject the pair.
    """
    if a == b:
        return 100.0 if a else 0.0
    if "".join(a) == "".join(b):
        return 100.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return 0.0
    if len(short) == 1 and len(long_) > 1:
        return 0.0  # one word is a surname or a part of a group's name: see actors.coref
    free = list(long_)
    distinctive = False
    shared = 0.0
    pending = []
    # Exact matches first, so a typo match cannot take a token an exact one needs.
    for tok in short:
        if tok in free:
            free.remove(tok)
            shared += 2 * len(tok)
            distinctive = distinctive or not folder.is_common(tok)
        else:
            pending.append(tok)
    for tok in pending:
        for k, other in enumerate(free):
            if tokens_match(tok, other, token_threshold):
                del free[k]
                if len(tok) == 1 or len(other) == 1:
                    shared += 0.5 * (len(tok) + len(other))
                else:
                    shared += fuzz.ratio(tok, other) / 100 * (len(tok) + len(other))
                    distinctive = distinctive or not folder.is_common(tok)
                break
        else:
            return 0.0
    if not distinctive:
        return 0.0
    return 100.0 * shared / (sum(map(len, a)) + sum(map(len, b)))


def names_agree(a: tuple[str, ...], b: tuple[str, ...], folder: NameFolder = DEFAULT_FOLDER,
                token_threshold: float = TOKEN_THRESHOLD) -> bool:
    """Whether folded names ``a`` and ``b`` can be the same actor (see :func:`name_score`)."""
    return name_score(a, b, folder, token_threshold) > 0


def block_keys(name: tuple[str, ...], folder: NameFolder = DEFAULT_FOLDER) -> set[str]:
    """The blocks a folded name is filed under for fuzzy comparison.

    Its distinctive tokens, their first and last three letters (tokens of
    five letters or more; a typo rarely touches both ends), and the whole
    name run together (``kimjongun``). Two names that can agree (see
    :func:`name_score`) share a block unless both ends of a token changed.
    """
    keys = {"=" + "".join(name)}
    for tok in name:
        if len(tok) < 2 or folder.is_common(tok):
            continue
        keys.add(tok)
        if len(tok) >= 5:
            keys.add(tok[:3] + "<")
            keys.add(">" + tok[-3:])
    return keys


SCORERS: dict[str, Callable[[tuple[str, ...], tuple[str, ...], NameFolder], float]] = {
    FUZZY_SCORER: name_score,
}


class FuzzyIndex:
    """The codebook's named actors by folded name, blocked for fuzzy lookup."""

    def __init__(self, folder: NameFolder, names: dict[tuple[str, ...], tuple[ActorEntry, ...]],
                 threshold: float = FUZZY_THRESHOLD, scorer: str = FUZZY_SCORER) -> None:
        if scorer not in SCORERS:
            raise ValueError(f"unknown fuzzy scorer {scorer!r}; expected one of {sorted(SCORERS)}")
        self.folder = folder
        self.threshold = threshold
        self._score = SCORERS[scorer]
        self._names = names
        joined: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        blocks: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for name in sorted(names):
            joined["".join(name)].append(name)
            for key in self._block_keys(name):
                blocks[key].append(name)
        self._joined = {k: tuple(v) for k, v in joined.items()}
        self._blocks = {k: tuple(v) for k, v in blocks.items() if len(v) <= MAX_BLOCK}

    @classmethod
    def build(cls, entries: Iterable[ActorEntry], folder: NameFolder = DEFAULT_FOLDER,
              threshold: float = FUZZY_THRESHOLD, scorer: str = FUZZY_SCORER) -> FuzzyIndex:
        """Index every ``named`` entry (each variant is its own entry) by folded name."""
        by_name: dict[tuple[str, ...], dict[str, ActorEntry]] = defaultdict(dict)
        for entry in entries:
            if entry.kind != "named":
                continue
            tokens = folder.tokens(entry.name)
            if tokens:
                by_name[tokens].setdefault(entry.key, entry)
        names = {k: tuple(v[key] for key in sorted(v)) for k, v in by_name.items()}
        return cls(folder, names, threshold, scorer)

    def __len__(self) -> int:
        return len(self._names)

    def _block_keys(self, name: tuple[str, ...]) -> set[str]:
        return block_keys(name, self.folder)

    def candidates(self, tokens: tuple[str, ...]) -> set[tuple[str, ...]]:
        """Dictionary names sharing a block with ``tokens``."""
        found: set[tuple[str, ...]] = set()
        for key in self._block_keys(tokens):
            found.update(self._blocks.get(key, ()))
        return found

    def lookup(self, name: str, is_person: bool | None = None, fuzzy: bool = True) -> Match | None:
        """The named actor ``name`` (a capitalised span) stands for, or None.

        ``is_person`` restricts candidates to people (True) or non-people
        (False) when the caller knows which it is looking for; ``fuzzy=False``
        tries the folded name only.
        """
        tokens = self.folder.tokens(name)
        if not tokens:
            return None
        single_common = len(tokens) == 1 and self.folder.is_common(tokens[0])
        exact = self._names.get(tokens)
        if exact is None:
            spelled = self._joined.get("".join(tokens), ())  # "Kim Jongun", "Ansarallah"
            exact = tuple(e for name in spelled for e in self._names[name]) or None
        if exact is not None:
            entries = self._keep(exact, is_person)
            if single_common:
                entries = tuple(e for e in entries if e.type != "person")
            if entries and len({e.key for e in entries}) == 1:
                return Match(entries[0], 100.0, "folded", " ".join(tokens))
            return None
        if not fuzzy or single_common or all(self.folder.is_common(t) for t in tokens):
            return None
        best: list[tuple[float, str, ActorEntry]] = []
        for cand in self.candidates(tokens):
            if (len(cand) == 1) != (len(tokens) == 1):
                continue  # a lone surname variant only matches a lone word, and back
            score = self._score(tokens, cand, self.folder)
            if score < self.threshold:
                continue
            for entry in self._keep(self._names[cand], is_person):
                best.append((score, " ".join(cand), entry))
        if not best:
            return None
        top = max(s for s, _, _ in best)
        winners = sorted(((v, e) for s, v, e in best if s == top), key=lambda w: (w[0], w[1].key))
        if len({e.key for _, e in winners}) > 1:
            return None
        variant, entry = winners[0]
        return Match(entry, round(top, 2), "fuzzy", variant)

    @staticmethod
    def _keep(entries: tuple[ActorEntry, ...], is_person: bool | None) -> tuple[ActorEntry, ...]:
        if is_person is None:
            return entries
        return tuple(e for e in entries if (e.type == "person") == is_person)
