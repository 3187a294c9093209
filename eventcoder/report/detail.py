"""The events the page can list, with their sentence, pattern and article: the detail table.

A page cannot hold a million sentences, so it holds at most ``cap`` events,
chosen so that every dyad and every place can list some of its own: each
event is ranked within its dyad and within its place (most mentioned first,
then the latest), and the events of lowest rank win, so the first events of
small dyads and places are kept before the fiftieth of the largest. The page
says how many of a selection's events it holds; the dataset has them all.
"""

from __future__ import annotations

import polars as pl

from eventcoder.report.labels import Labels
from eventcoder.report.tables import Tables

__all__ = ["MAX_LISTED", "listed_events"]

MAX_LISTED = 20_000
# Most mentioned first, then the latest; ties by a hash of the id (an integer sort: a million string
# comparisons cost seconds), fixed for a polars version.
_ORDER = [pl.col("num_mentions").fill_null(0), pl.col("event_date"), pl.col("event_id").hash(seed=20)]


def listed_events(indexed: pl.DataFrame, tables: Tables, labels: Labels, cap: int = MAX_LISTED) -> dict[str, object]:
    """The ``cap`` events to list, as JSON-ready columns plus their ``patterns`` and ``articles`` tables."""
    chosen = _choose(indexed, cap)
    texts = (
        tables.mentions.join(chosen.lazy().select(mention_id="first_mention"), on="mention_id", how="semi")
        .select("mention_id", "article_id", "sentence_text", "pattern_id", "verb_text", "source_text", "target_text")
        .collect()
    )
    rows = chosen.join(texts, left_on="first_mention", right_on="mention_id", how="left", maintain_order="left")
    rows = rows.with_columns(pl.coalesce("article_id", "first_article_id").alias("article_id"))
    articles = (
        tables.articles.join(rows.lazy().select("article_id"), on="article_id", how="semi")
        .unique("article_id")
        .sort("article_id")
        .collect()
    )
    article_ids = articles.get_column("article_id").to_list()
    article_pos = {a: k for k, a in enumerate(article_ids)}
    pattern_ids = sorted({p for p in rows.get_column("pattern_id").to_list() if p})
    pattern_pos = {p: k for k, p in enumerate(pattern_ids)}
    columns: dict[str, object] = {
        "date": [d.isoformat() if d else "" for d in rows.get_column("event_date").to_list()],
        **{c: rows.get_column(c).to_list() for c in ("bin", "ev", "src", "tgt", "srcn", "tgtn", "place", "flags")},
        "mentions": rows.get_column("num_mentions").fill_null(0).to_list(),
        "dead": rows.get_column("fatalities").to_list(),
        "sentence": rows.get_column("sentence_text").fill_null("").to_list(),
        "verb": rows.get_column("verb_text").fill_null("").to_list(),
        "source_text": rows.get_column("source_text").fill_null(rows.get_column("source_name")).fill_null("").to_list(),
        "target_text": rows.get_column("target_text").fill_null(rows.get_column("target_name")).fill_null("").to_list(),
        "pattern": [pattern_pos.get(p, -1) if p else -1 for p in rows.get_column("pattern_id").to_list()],
        "article": [article_pos.get(a, -1) if a else -1 for a in rows.get_column("article_id").to_list()],
    }
    return {
        "columns": columns,
        "patterns": [{"id": p, "where": labels.patterns.get(p, "")} for p in pattern_ids],
        "articles": [
            {"id": r["article_id"], "title": r["title"] or "", "url": r["url"] or "", "source": r["source"] or ""}
            for r in articles.iter_rows(named=True)
        ],
        "cap": cap,
    }


def _choose(indexed: pl.DataFrame, cap: int) -> pl.DataFrame:
    """The ``cap`` events of lowest rank within their dyad or their place, most mentioned first."""
    keys = indexed.select("src", "tgt", "place", *_ORDER).with_row_index("_row")
    ordered = keys.sort(keys.columns[4:], descending=[True, True, False], nulls_last=True)
    ranked = ordered.with_columns(
        pl.int_range(pl.len()).over("src", "tgt").alias("_dyad_rank"),
        pl.when(pl.col("place") > 0).then(pl.int_range(pl.len()).over("place")).alias("_place_rank"),
    ).with_columns(pl.min_horizontal("_dyad_rank", "_place_rank").alias("_rank"))
    rows = ranked.sort("_rank", maintain_order=True).head(cap).get_column("_row")
    return indexed[rows]
