"""Turn coded articles and rejects into column dicts of the output schema.

Ids are hashes of what identifies a row, so a rerun over the same input
produces the same ids and an appended duplicate is recognisable.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .codebook import Codebook
from .export.schema import ACTOR_MENTIONS, ARTICLES, MENTIONS
from .model import CodedArticle, Reject
from .stableid import actor_id, stable_id

# Column orders of the output contract (eventcoder.export.schema); mention rows
# get their event ids later (events.assign_event_ids).
_ARTICLE_COLUMNS = tuple(ARTICLES.names)
_MENTION_COLUMNS = tuple(n for n in MENTIONS.names if n != "event_id")
_ACTOR_MENTION_COLUMNS = tuple(ACTOR_MENTIONS.names)


def _columns(names: tuple[str, ...], rows: list[tuple[Any, ...]]) -> dict[str, list[Any]]:
    """Rows turned into one list per column (every name, even with no rows)."""
    if not rows:
        return {k: [] for k in names}
    columns = list(zip(*rows, strict=True))
    if len(columns) != len(names):
        raise ValueError(f"rows have {len(columns)} values, expected {len(names)}")
    return {k: list(v) for k, v in zip(names, columns, strict=True)}


def article_rows(coded: Iterable[CodedArticle]) -> dict[str, list[Any]]:
    rows = []
    for c in coded:
        a = c.article
        rows.append((a.article_id, a.source, a.url, a.title, a.published, c.n_sentences, len(c.mentions), c.status,
                     a.dateline, a.origin, a.meta))
    return _columns(_ARTICLE_COLUMNS, rows)


def mention_rows(coded: Iterable[CodedArticle], codebook: Codebook) -> dict[str, list[Any]]:
    """One row per event mention, with the codebook's Goldstein and QuadClass."""
    rows: list[tuple[Any, ...]] = []
    for c in coded:
        outlet = c.article.source
        for m in c.mentions:
            info = codebook.codes[m.event_code]
            s, t = m.source, m.target
            row = (
                stable_id(m.article_id, m.sentence_index, m.char_start, m.char_end, s.key, t.key, m.event_code),
                m.article_id,
                m.sentence_index,
                m.sentence_text,
                m.char_start,
                m.char_end,
                actor_id(s.key) if s.key else None,
                s.code or None,
                s.name or None,
                actor_id(t.key) if t.key else None,
                t.code or None,
                t.name or None,
                m.event_code,
                info.base,
                info.root,
                info.quad_class,
                info.goldstein,
                m.event_date,
                m.date_precision,
                m.pattern_id,
                m.verb_text,
                m.location_name,
                m.country_code,
                m.latitude,
                m.longitude,
                m.fatalities,
                m.admin1,
                m.geo_precision,
                m.geo_feature_id,
                s.text or None,  # an actor the text does not name (model.NOBODY) is written as nulls
                t.text or None,
                s.how or None,
                t.how or None,
                s.key or None,
                t.key or None,
                outlet,
                s.score,
                t.score,
            )
            rows.append(row)
    return _columns(_MENTION_COLUMNS, rows)


def actor_mention_rows(coded: Iterable[CodedArticle]) -> dict[str, list[Any]]:
    """One row per actor phrase the coder resolved (in an event or not), for the corpus actor dedupe."""
    rows = [
        (c.article.article_id, index, a.char_start, a.char_end, actor_id(a.key), a.key, a.code, a.name, a.text, a.how,
         a.score)
        for c in coded
        for index, a in c.actors
    ]
    return _columns(_ACTOR_MENTION_COLUMNS, rows)


def reject_rows(rejects: Iterable[Reject]) -> dict[str, list[Any]]:
    """The rejects' columns, by name; the writer checks the names against the schema."""
    found = list(rejects)
    return {
        "origin": [r.origin for r in found],
        "locator": [r.locator for r in found],
        "reason": [r.reason for r in found],
        "raw": [r.raw for r in found],
        "kind": [r.kind.value for r in found],
        "line": [r.line for r in found],
        "byte_offset": [r.byte_offset for r in found],
    }
