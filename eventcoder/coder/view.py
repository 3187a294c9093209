"""What every mixin of the sentence coder reads: the sentence's tokens and actors, the codebook,
the article's state and the events coded so far. Declared once, for the type checker."""

from __future__ import annotations

from ..codebook import Codebook
from ..codebook.entries import Settings
from ..model import ActorMention, EventMention, Token
from .state import ArticleState


class SentenceView:
    """The sentence coder's shared working state (set by ``_SentenceCoder.__init__``)."""

    tokens: tuple[Token, ...]
    codebook: Codebook
    settings: Settings
    state: ArticleState
    actors: list[ActorMention]
    actor_at: list[int]
    events: list[EventMention]
