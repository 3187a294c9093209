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
   token, not the whole dictionary; each candidate must pass
   :func:`names_agree` (every token of the shorter name matches its own token
   of the longer one, and a distinctive one among them) and then score at
   least :data:`FUZZY_THRESHOLD` with :data:`FUZZY_SCORER`.

A single common given or family name (``Mohammed``, ``Ali``, ``Kim``) never
matches a person, and a tie between two actors matches nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..codebook.entries import ActorEntry
from .names import DEFAULT_FOLDER, NameFolder

# The scorer and threshold were chosen by measurement on the labelled variant
# pairs of tests/actors/test_fuzzy.py (121 same-actor pairs, 62 near-miss
# pairs of different actors; run `python benchmarks/dedupe.py --scorers`).
# Of the pairs that fold to different strings, with the best threshold each:
#   fuzz.ratio            F1 0.89 (threshold 76; Kim Jong Un ~ Kim Jong Il scores 91)
#   fuzz.token_sort_ratio F1 0.90 (threshold 76)
#   fuzz.token_set_ratio  F1 0.85 (threshold 85; subset names score 100 either way)
#   fuzz.WRatio           F1 0.86 (threshold 86)
#   names_agree gate + token_sort_ratio: F1 1.00 for every threshold from 50 to 69;
#   the gate alone rejects all near misses, so the threshold only guards
#   against a long name matching through one short shared part.
# Chosen: the gate + token_sort_ratio >= 60 (middle of the perfect range).
FUZZY_SCORER = "eventcoder.fuzzy.aligned_tokens.v1"
FUZZY_THRESHOLD = 60.0
# A token of four letters or more matches another at this fuzz.ratio or above
# (measured on the same pairs: 75 keeps Tehreek/Tehrik and Kataeb/Kataib while
# no near miss turns on a token pair scoring 75-79); shorter tokens must be
# equal, or an initial of the other.
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
        """Distinctive tokens, their first and last three letters, and the whole name run together."""
        keys = {"=" + "".join(name)}
        for tok in name:
            if len(tok) < 2 or self.folder.is_common(tok):
                continue
            keys.add(tok)
            if len(tok) >= 5:
                keys.add(tok[:3] + "<")
                keys.add(">" + tok[-3:])
        return keys

    def candidates(self, tokens: tuple[str, ...]) -> set[tuple[str, ...]]:
        """Dictionary names sharing a block with ``tokens``."""
        found: set[tuple[str, ...]] = set()
        for key in self._block_keys(tokens):
            found.update(self._blocks.get(key, ()))
        return found

    def lookup(self, name: str, is_person: bool | None = None) -> Match | None:
        """The named actor ``name`` (a capitalised span) stands for, or None.

        ``is_person`` restricts candidates to people (True) or non-people
        (False) when the caller knows which it is looking for.
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
        if single_common or all(self.folder.is_common(t) for t in tokens):
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
