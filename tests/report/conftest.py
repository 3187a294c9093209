"""Small hand-made datasets for the report: every count in them is known."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import polars as pl
import pytest

from eventcoder.report import Tables

# (source_code, target_code, event_code, root, quad, goldstein, place, source key, target key)
_PLACES = {"baghdad": ("Baghdad", "Baghdad", "IRQ", 33.34, 44.40), "kyiv": ("Kyiv", "Kyiv City", "UKR", 50.45, 30.52),
           "iraq": (None, None, "IRQ", None, None), None: (None, None, None, None, None)}  # fmt: skip
_ROWS = [
    ("USAGOV", "IRQGOV", "042", "04", 1, 1.9, "baghdad", "actor:blinken", "code:IRQGOV"),
    ("USAGOV", "IRQGOV", "111", "11", 3, -2.0, "baghdad", "code:USAGOV", "code:IRQGOV"),
    ("IRQGOV", "USAGOV", "057", "05", 1, 8.0, None, "code:IRQGOV", "actor:blinken"),
    ("RUSMIL", "UKRMIL", "190", "19", 4, -10.0, "kyiv", "code:RUSMIL", "code:UKRMIL"),
    ("RUSMIL", "UKRMIL", "190", "19", 4, -10.0, "kyiv", "code:RUSMIL", "code:UKRMIL"),
    ("RUSMIL", "UKRCVL", "183", "18", 4, -10.0, "kyiv", "code:RUSMIL", "code:UKRCVL"),
    ("MIL", "CVL", "190", "19", 4, -10.0, "iraq", "code:MIL", "code:CVL"),  # roles with no country
    ("IGOUNO", "UKR", "071", "07", 2, 7.4, None, "actor:un", "code:UKR"),
    ("UKRGOV", None, "010", "01", 1, 0.0, None, "name:volodymyr zelensky", None),
]


def _frames(start: date = date(2024, 11, 1), step: int = 1) -> dict[str, Any]:
    events, mentions = [], []
    for k, (src, tgt, code, root, quad, gold, place, skey, tkey) in enumerate(_ROWS):
        name, admin1, country, lat, lon = _PLACES[place]
        event_id, mention_id = f"e{k:02d}", f"m{k:02d}"
        events.append({
            "event_id": event_id, "event_date": start + timedelta(days=k * step), "source_code": src,
            "target_code": tgt, "event_code": code, "root": root, "quad_class": quad, "goldstein": gold,
            "num_mentions": 1 + k % 2, "first_article_id": f"a{k % 3}", "location_name": name, "admin1": admin1,
            "country_code": country, "latitude": lat, "longitude": lon, "fatalities": 3 if code == "190" else None,
            "source_name": src, "target_name": tgt, "mention_ids": [mention_id],
        })  # fmt: skip
        mentions.append({
            "mention_id": mention_id, "event_id": event_id, "article_id": f"a{k % 3}",
            "sentence_text": f"Sentence {k} <b>bold</b>.", "source_actor_id": f"id:{skey}", "source_key": skey,
            "source_how": "unknown" if k == 6 else "context" if k == 5 else "dictionary", "source_text": src,
            "target_actor_id": f"id:{tkey}" if tkey else None, "target_key": tkey,
            "target_how": "fuzzy" if k == 4 else "dictionary" if tkey else None, "target_text": tgt,
            "date_precision": "month" if k == 8 else "day", "pattern_id": f"{code}:pattern", "verb_text": "verb",
        })  # fmt: skip
    actors = pl.DataFrame({
        "actor_id": ["id:actor:blinken", "id:actor:un", "id:name:volodymyr zelensky"],
        "canonical_name": ["Antony Blinken", "United Nations", "Volodymyr Zelensky"],
        "actor_code": ["USAGOV", "IGOUNO", "UKRGOV"], "variants": [["Blinken", "Antony Blinken"], ["UN"], ["Zelensky"]],
        "mention_count": [2, 1, 1], "origin": ["codebook", "codebook", "unknown"],
    })  # fmt: skip
    articles = pl.DataFrame({
        "article_id": ["a0", "a1", "a2"], "title": ["One", "Two", "Three"],
        "url": ["https://example.org/1", None, None], "source": ["Wire"] * 3, "status": ["ok"] * 3,
    })  # fmt: skip
    rejects = pl.DataFrame(
        {"kind": ["invalid_json", "invalid_json", "no_text"], "reason": ["bad json", "bad", "empty"]}
    )
    return {"events": pl.DataFrame(events), "mentions": pl.DataFrame(mentions), "actors": actors,
            "articles": articles, "rejects": rejects}  # fmt: skip


@pytest.fixture()
def tables() -> Tables:
    manifest = {"version": "0.1.0", "row_counts": {"articles": 3, "mentions": 9, "rejects": 3}}
    return Tables.from_frames(manifest, **_frames())


@pytest.fixture()
def frames() -> dict[str, Any]:
    return _frames()
