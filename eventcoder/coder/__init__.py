"""The rule-based coder: sentences in, event mentions out."""

from .article import analyse_article, code_article
from .sentence import ArticleState, SentenceResult, code_sentence

__all__ = ["ArticleState", "SentenceResult", "analyse_article", "code_article", "code_sentence"]
