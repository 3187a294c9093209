"""References to the two sides of an earlier event: "both sides", "the two leaders", "either country".

News tells a two-party event ("talks between the Thai and Cambodian prime
ministers") and then writes ``Trump telephoned both leaders`` or ``the two
sides agreed to meet again``. Such a phrase (a pair word, then one of a few
plural nouns of parties) that no actor covers refers to the source and target
of the latest earlier event whose two ends are different coded actors.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import NOBODY, ActorMention, EventMention, Token
from .coref import as_reference

# Words that introduce a pair, and the nouns that name its two parties.
PAIR_WORDS = (("both",), ("the", "two"), ("either",))
PARTY_NOUNS = frozenset("""sides side leaders leader countries country neighbours neighbors nations nation
    governments government parties states capitals presidents ministers armies men""".split())


def pair_references(
    tokens: Sequence[Token], actor_at: Sequence[int], told: Sequence[EventMention], bare_role: Sequence[bool]
) -> list[tuple[ActorMention, list[ActorMention]]]:
    """For each pair phrase: a mention covering it and the two actors it stands for. The party
    noun may be a bare role actor (``leaders`` GOV, ``bare_role`` by actor index): the pair replaces it."""
    sides = _latest_pair(told)
    if sides is None:
        return []
    found = []
    for k in range(1, len(tokens)):
        if tokens[k].lower not in PARTY_NOUNS or actor_at[k] >= 0 and not bare_role[actor_at[k]]:
            continue
        for words in PAIR_WORDS:
            first = k - len(words)
            if first >= 0 and all(tokens[first + j].lower == w for j, w in enumerate(words)) and all(
                    actor_at[j] < 0 for j in range(first, k)) and (actor_at[k] < 0 or first < k):
                start, end = tokens[first], tokens[k]
                text = " ".join(t.text for t in tokens[first : k + 1])
                at = ActorMention(first, k, start.start, end.end, text, "", "", "", "")
                both = [as_reference(side, at) for side in sides]
                found.append((both[0], both))
                break
    return found


def _latest_pair(told: Sequence[EventMention]) -> tuple[ActorMention, ActorMention] | None:
    """The two ends of the latest mutual event (told both ways: talks, a deal, clashes) between two
    differently coded actors; a one-way act (a host, a mediator) names no pair."""
    directed = {(e.source.key, e.target.key) for e in told}
    for event in reversed(told):
        s, t = event.source, event.target
        if s is NOBODY or t is NOBODY or not s.code or not t.code or s.code == t.code:
            continue
        if (t.key, s.key) in directed:
            return s, t
    return None
