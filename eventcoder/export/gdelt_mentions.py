"""The GDELT 2.0 mentions view (``gdelt-mentions``): 16 columns, one row per event mention.

Built from ``mentions/`` (with ``articles/`` and ``actor_mentions/``):

- ``GlobalEventID``: the mention's event, the same number as the GDELT view's;
- ``EventTimeDate``: when the event was recorded, the dataset's ``DATEADDED``;
  ``MentionTimeDate``: the article's publication day (YYYYMMDD000000),
  else ``DATEADDED``;
- ``MentionType``: 1 (web) when the article has a url, else 2 (citation only);
  ``MentionIdentifier``: the url, else the article id; ``MentionSourceName``:
  the url's host (without ``www.``), else the article's outlet;
- ``SentenceID``: the sentence, counted from 1;
- ``Actor1CharOffset``/``Actor2CharOffset``: where the source and target
  phrases start in the article (the actor phrase of the sentence with the
  mention's actor id and text, the first inside the mention's span); ``ActionCharOffset``:
  where the verb starts, placed from an actor's offset in the sentence. -1
  when not known (no such actor, or not found), as GDELT writes;
- ``InRawText``: 0 when an actor was found outside the event's own words
  (coreference to an earlier sentence, or the article's context), else 1;
- ``Confidence``: 100 for actors matched in the dictionary, a fuzzy match's
  score, 50 for an actor from coreference or context; the lower of the two
  actors, from 10 to 100;
- ``MentionDocLen``, ``MentionDocTone``, ``MentionDocTranslationInfo`` and
  ``Extras``: null (the tables keep neither article lengths nor tone).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import polars as pl

from eventcoder.export.frame import utc, with_columns
from eventcoder.export.ids import numeric_id_expr

__all__ = ["MENTIONS_SCHEMA", "build_gdelt_mentions"]

_S, _I, _F = pl.String, pl.Int64, pl.Float64

MENTIONS_SCHEMA: dict[str, Any] = {
    "GlobalEventID": _I, "EventTimeDate": _I, "MentionTimeDate": _I, "MentionType": _I,
    "MentionSourceName": _S, "MentionIdentifier": _S, "SentenceID": _I, "Actor1CharOffset": _I,
    "Actor2CharOffset": _I, "ActionCharOffset": _I, "InRawText": _I, "Confidence": _I,
    "MentionDocLen": _I, "MentionDocTone": _F, "MentionDocTranslationInfo": _S, "Extras": _S,
}  # fmt: skip
"""Column names and polars types of the GDELT 2.0 mentions file, in the published order."""

_ELSEWHERE = ("coreference", "context")  # actors found outside the event's words
_ORDER = ["article_id", "sentence_index", "char_start", "mention_id"]
_HOST = r"^[A-Za-z][A-Za-z0-9+.-]*://(?:www\.)?([^/:?#]+)"
_MENTION_COLUMNS = {
    "event_id": _S, "mention_id": _S, "article_id": _S, "sentence_index": _I, "sentence_text": _S,
    "char_start": _I, "char_end": _I, "verb_text": _S, "source_actor_id": _S, "target_actor_id": _S, "source_text": _S,
    "target_text": _S, "source_how": _S, "target_how": _S, "source_score": _F, "target_score": _F, "outlet": _S,
    "date_precision": _S,
}  # fmt: skip


def build_gdelt_mentions(
    mentions: pl.DataFrame, articles: pl.DataFrame, actor_mentions: pl.DataFrame, added: datetime | None
) -> pl.DataFrame:
    """One row per mention in GDELT's mentions columns (:data:`MENTIONS_SCHEMA`), in document order.

    The frame also keeps ``_date_precision`` (the mention's) for the exporter's precision filter, and
    ``_key`` (the mention's article) for incremental database loads.
    """
    me = with_columns(mentions, _MENTION_COLUMNS).sort(_ORDER, nulls_last=True)
    ar = with_columns(articles, {"article_id": _S, "url": _S, "source": _S, "published": pl.Date})
    me = me.join(ar.select("article_id", "url", pl.col("source").alias("_outlet"), "published"),
                 on="article_id", how="left", maintain_order="left")
    for side in ("source", "target"):
        me = me.join(_actor_offsets(me, actor_mentions, side), on="mention_id", how="left", maintain_order="left")
    stamp = int(utc(added).strftime("%Y%m%d%H%M%S")) if added else None
    published = pl.col("published").dt.strftime("%Y%m%d000000").cast(_I)
    has_url = pl.col("url").is_not_null()
    columns: dict[str, Any] = {
        "GlobalEventID": numeric_id_expr(),
        "EventTimeDate": stamp,
        "MentionTimeDate": published.fill_null(stamp) if stamp is not None else published,
        "MentionType": pl.when(has_url).then(1).otherwise(2),
        "MentionSourceName": pl.coalesce(pl.col("url").str.extract(_HOST, 1).str.to_lowercase(), "outlet", "_outlet"),
        "MentionIdentifier": pl.coalesce("url", "article_id"),
        "SentenceID": pl.col("sentence_index") + 1,
        "Actor1CharOffset": pl.col("_source_offset").fill_null(-1),
        "Actor2CharOffset": pl.col("_target_offset").fill_null(-1),
        "ActionCharOffset": _action_offset(),
        "InRawText": pl.when(pl.col("source_how").is_in(_ELSEWHERE) | pl.col("target_how").is_in(_ELSEWHERE))
        .then(0).otherwise(1),
        "Confidence": pl.min_horizontal(_confidence("source"), _confidence("target")).fill_null(100.0).clip(10, 100)
        .round(0),
        "MentionDocLen": None,
        "MentionDocTone": None,
        "MentionDocTranslationInfo": None,
        "Extras": None,
    }
    exprs = [(v if isinstance(v, pl.Expr) else pl.lit(v)).cast(MENTIONS_SCHEMA[k]).alias(k) for k, v in columns.items()]
    return me.select(*exprs, pl.col("date_precision").alias("_date_precision"), pl.col("article_id").alias("_key"))


def _actor_offsets(mentions: pl.DataFrame, actor_mentions: pl.DataFrame, side: str) -> pl.DataFrame:
    """``mention_id`` and ``_{side}_offset``: where the mention's source or target phrase starts."""
    wanted = {"article_id": _S, "sentence_index": _I, "actor_id": _S, "text": _S, "char_start": _I}
    phrases = with_columns(actor_mentions, wanted).select(
        pl.col("article_id"), pl.col("sentence_index").cast(_I), pl.col("actor_id").alias(f"{side}_actor_id"),
        pl.col("text").alias(f"{side}_text"), pl.col("char_start").cast(_I).alias("_offset"),
    )  # fmt: skip
    keys = ["article_id", "sentence_index", f"{side}_actor_id", f"{side}_text"]
    found = mentions.select("mention_id", "char_start", "char_end", *keys).with_columns(
        pl.col("sentence_index").cast(_I)
    ).join(phrases, on=keys, how="inner")
    inside = (pl.col("_offset") >= pl.col("char_start")) & (pl.col("_offset") < pl.col("char_end"))
    best = found.sort([pl.col("mention_id"), ~inside, pl.col("_offset")]).group_by("mention_id").first()
    return best.select("mention_id", pl.col("_offset").alias(f"_{side}_offset"))


def _action_offset() -> pl.Expr:
    """The verb's offset in the article: the sentence's start (from an actor's) plus the verb's place in it."""
    sentence = pl.col("sentence_text")
    starts = [
        pl.col(f"_{side}_offset") - sentence.str.find(pl.col(f"{side}_text"), literal=True)
        for side in ("source", "target")
    ]
    verb = sentence.str.find(pl.col("verb_text"), literal=True)
    return (pl.coalesce(*starts) + verb).fill_null(-1)


def _confidence(side: str) -> pl.Expr:
    how = pl.col(f"{side}_how")
    return (
        pl.when(how.is_null()).then(None)
        .when(how == "fuzzy").then(pl.col(f"{side}_score"))
        .when(how.is_in(_ELSEWHERE)).then(50.0)
        .otherwise(100.0)
    )  # fmt: skip
