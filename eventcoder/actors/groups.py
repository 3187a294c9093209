"""Definite references to organisations named earlier: "the group", "the bloc", "the movement".

News names an armed group, a party or an alliance once and then writes
``the group claimed the attack``, ``the bloc imposed sanctions``. A
definite noun of the codebook's ``group_references`` (``coder:`` in
``codebook.yaml``) that no actor covers refers to the latest earlier
organisation of the article whose code fits it: its role segment
(``REB``, ``INS``) or its leading code (``IGO``). People and countries are
never referents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import ActorMention, Token
from .coref import as_reference

_ORGANISATION_KEYS = ("actor:", "name:")


def is_organisation(actor: ActorMention) -> bool:
    """A named, non-person actor: an entry of the codebook or an unknown name coded by its role."""
    return not actor.is_person and actor.key.startswith(_ORGANISATION_KEYS) and bool(actor.code)


def fits(actor: ActorMention, codes: frozenset[str]) -> bool:
    """Whether ``actor``'s role segment or leading code is one of ``codes``."""
    return actor.code[:3] in codes or (actor.role or "") in codes or actor.code[3:6] in codes


def group_references(
    tokens: Sequence[Token],
    actor_at: Sequence[int],
    references: Mapping[str, frozenset[str]],
    earlier: Sequence[ActorMention],
) -> list[ActorMention]:
    """Actors for ``the <noun>`` phrases (``references``: noun -> codes) resolved against ``earlier``."""
    found = []
    for k in range(1, len(tokens)):
        codes = references.get(tokens[k].lower)
        if codes is None or tokens[k - 1].lower != "the" or actor_at[k] >= 0 or actor_at[k - 1] >= 0:
            continue
        antecedent = next((a for a in reversed(earlier) if is_organisation(a) and fits(a, codes)), None)
        if antecedent is None:
            continue
        start, end = tokens[k - 1], tokens[k]
        text = f"{start.text} {end.text}"
        at = ActorMention(k - 1, k, start.start, end.end, text, "", "", "", "")
        found.append(as_reference(antecedent, at))
    return found
