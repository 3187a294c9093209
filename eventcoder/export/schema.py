"""The fixed Arrow schema of every output table: the output contract.

Other tools read these names and types, so they live in exactly one place and
an empty run writes the same schema as a large one.
"""

from __future__ import annotations

import pyarrow as pa

ARTICLES = pa.schema(
    [
        ("article_id", pa.string()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("published", pa.date32()),
        ("n_sentences", pa.int32()),
        ("n_mentions", pa.int32()),
        ("status", pa.string()),
        ("dateline", pa.string()),
        ("origin", pa.string()),
        ("meta", pa.string()),
    ]
)

MENTIONS = pa.schema(
    [
        ("mention_id", pa.string()),
        ("event_id", pa.string()),
        ("article_id", pa.string()),
        ("sentence_index", pa.int32()),
        ("sentence_text", pa.string()),
        ("char_start", pa.int32()),
        ("char_end", pa.int32()),
        ("source_actor_id", pa.string()),
        ("source_code", pa.string()),
        ("source_name", pa.string()),
        ("target_actor_id", pa.string()),
        ("target_code", pa.string()),
        ("target_name", pa.string()),
        ("event_code", pa.string()),
        ("event_base_code", pa.string()),
        ("event_root_code", pa.string()),
        ("quad_class", pa.int8()),
        ("goldstein", pa.float64()),
        ("event_date", pa.date32()),
        ("date_precision", pa.string()),
        ("pattern_id", pa.string()),
        ("verb_text", pa.string()),
        ("location_name", pa.string()),
        ("country_code", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("fatalities", pa.int32()),
        ("admin1", pa.string()),
        ("geo_precision", pa.int8()),
        ("geo_feature_id", pa.string()),
        ("source_text", pa.string()),
        ("target_text", pa.string()),
        ("source_how", pa.string()),
        ("target_how", pa.string()),
        ("source_key", pa.string()),
        ("target_key", pa.string()),
        ("outlet", pa.string()),
        ("source_score", pa.float64()),
        ("target_score", pa.float64()),
    ]
)

EVENTS = pa.schema(
    [
        ("event_id", pa.string()),
        ("event_date", pa.date32()),
        ("source_code", pa.string()),
        ("target_code", pa.string()),
        ("event_code", pa.string()),
        ("root", pa.string()),
        ("quad_class", pa.int8()),
        ("goldstein", pa.float64()),
        ("num_mentions", pa.int32()),
        ("num_sources", pa.int32()),
        ("num_articles", pa.int32()),
        ("first_article_id", pa.string()),
        ("location_name", pa.string()),
        ("country_code", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("fatalities", pa.int32()),
        ("admin1", pa.string()),
        ("geo_precision", pa.int8()),
        ("geo_feature_id", pa.string()),
        ("source_name", pa.string()),
        ("target_name", pa.string()),
        ("mention_ids", pa.list_(pa.string())),
    ]
)

ACTORS = pa.schema(
    [
        ("actor_id", pa.string()),
        ("canonical_name", pa.string()),
        ("actor_code", pa.string()),
        ("country_code", pa.string()),
        ("role", pa.string()),
        ("variants", pa.list_(pa.string())),
        ("mention_count", pa.int64()),
        ("origin", pa.string()),
    ]
)

# Every actor phrase the coder resolved, in an event or not: what actors/ clusters.
ACTOR_MENTIONS = pa.schema(
    [
        ("article_id", pa.string()),
        ("sentence_index", pa.int32()),
        ("char_start", pa.int32()),
        ("char_end", pa.int32()),
        ("actor_id", pa.string()),
        ("actor_key", pa.string()),
        ("code", pa.string()),
        ("name", pa.string()),
        ("text", pa.string()),
        ("how", pa.string()),
        ("score", pa.float64()),
    ]
)

REJECTS = pa.schema(
    [
        ("origin", pa.string()),
        ("locator", pa.string()),
        ("reason", pa.string()),
        ("raw", pa.string()),
        ("kind", pa.string()),  # a RejectKind value: what to filter on, unlike the wording of reason
        ("line", pa.int64()),
        ("byte_offset", pa.int64()),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "mentions": MENTIONS,
    "events": EVENTS,
    "actors": ACTORS,
    "actor_mentions": ACTOR_MENTIONS,
    "rejects": REJECTS,
}
