"""Code a whole article, sentence by sentence, carrying its context along."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..actors.context import dominant_country, focus_country_targets, localise, own_country_targets
from ..actors.resolve import ArticleActors, actor_names
from ..codebook import Codebook
from ..codebook.petrarch.discards import find_discard
from ..enrich.geo import Gazetteer, gazetteer_for
from ..enrich.mentions import article_countries, carry_tolls, enrich_mentions
from ..model import Article, CodedArticle
from ..text import split_sentences
from .sentence import ArticleState, Attempt, SentenceResult, code_sentence


def analyse_article(article: Article, codebook: Codebook) -> Iterator[SentenceResult]:
    """Every sentence's full analysis, in order (what `explain` shows).

    Names the dictionary misses are resolved by the codebook's folding and
    fuzzy index, and by coreference within this article (:mod:`eventcoder.actors.resolve`).
    """
    settings = codebook.settings
    discards = bool(settings.sentence_discards or settings.story_discards)
    if discards and (found := find_discard(article.text, settings)) and found[0] == "story":
        return  # a story discard (PETRARCH `+PHRASE`) drops the whole article
    state = ArticleState(published=article.published, names=ArticleActors(actor_names(codebook)))
    for sentence in split_sentences(article.text):
        result = code_sentence(sentence, codebook, state, article.article_id)
        if discards and result.events and (hit := find_discard(sentence.text, settings)):
            why = Attempt(0, None, f"sentence discard {hit[1]!r}: the sentence codes nothing")
            result = replace(result, events=(), attempts=(*result.attempts, why))
        yield result


def country_names(codebook: Codebook) -> dict[str, str]:
    """Each country code's shortest dictionary name ("Iraq", not "Republic of Iraq")."""
    names: dict[str, str] = {}
    for phrases in codebook.phrases.values():
        for phrase in phrases:
            entry = phrase.entry
            if entry.key == f"country:{entry.code}" and entry.kind == "country":
                known = names.get(entry.code)
                if known is None or (len(entry.name), entry.name) < (len(known), known):
                    names[entry.code] = entry.name
    return names


def code_article(article: Article, codebook: Codebook, gazetteer: Gazetteer | None = None) -> CodedArticle:
    """The events of one article, located and with their death tolls, and its sentence count.

    Places need the whole article (its actors' countries resolve ambiguous
    names), so they are added after every sentence is coded. ``gazetteer``
    defaults to the codebook's (:func:`gazetteer_for`, built once per codebook).
    """
    results = list(analyse_article(article, codebook))
    hint = article_countries(a.country for r in results for a in r.actors)
    coded = [(r.sentence, [(c.start, c.end) for c in r.clauses], r.events) for r in results if r.events]
    places = gazetteer if gazetteer is not None else gazetteer_for(codebook)
    mentions = enrich_mentions(article, coded, hint, codebook, places) if coded else []
    if mentions:
        mentions = carry_tolls(mentions, (r.sentence for r in results), codebook)
    n = len(results)
    found = [(r.sentence.index, a) for r in results for a in r.actors if a.key]
    dominant = dominant_country(a for _, a in found)
    mentions, found = localise(mentions, found, dominant)
    settings = codebook.settings
    if settings.own_country_codes or settings.home_government_codes or settings.focus_country_codes:
        names = codebook.derived("country_names", country_names)
        mentions = own_country_targets(mentions, settings.own_country_codes, names, settings.home_government_codes)
        mentions = focus_country_targets(mentions, settings.focus_country_codes, names, dominant)
    return CodedArticle(article, n, tuple(mentions), "ok" if n else "empty", tuple(found))
