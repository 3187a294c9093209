"""Code a whole article, sentence by sentence, carrying its context along."""

from __future__ import annotations

from collections.abc import Iterator

from ..codebook import Codebook
from ..model import Article, CodedArticle, EventMention
from ..text import split_sentences
from .sentence import ArticleState, SentenceResult, code_sentence


def analyse_article(article: Article, codebook: Codebook) -> Iterator[SentenceResult]:
    """Every sentence's full analysis, in order (what `explain` shows)."""
    state = ArticleState(published=article.published)
    for sentence in split_sentences(article.text):
        yield code_sentence(sentence, codebook, state, article.article_id)


def code_article(article: Article, codebook: Codebook) -> CodedArticle:
    """The events of one article, with its sentence count."""
    n = 0
    mentions: list[EventMention] = []
    for result in analyse_article(article, codebook):
        n += 1
        mentions.extend(result.events)
    return CodedArticle(article, n, tuple(mentions), "ok" if n else "empty")
