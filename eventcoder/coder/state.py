"""What the sentences of one article pass on to the next."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..actors.resolve import ArticleActors
from ..model import ActorMention, EventMention


@dataclass(slots=True)
class ArticleState:
    """What the sentences of one article pass on to the next (not shared)."""

    published: date | None
    anchor: date | None = None
    anchor_precision: str = "day"
    last_person: ActorMention | None = None
    role_country: dict[str, str] = field(default_factory=dict)
    names: ArticleActors | None = None  # fuzzy lookup and coreference of names (actors.resolve)
    organisations: list[ActorMention] = field(default_factory=list)  # for "the group" (actors.groups)
    told: list[EventMention] = field(default_factory=list)  # the article's events so far, for "condemned the attack"
