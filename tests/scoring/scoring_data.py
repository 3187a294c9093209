"""A small hand-written gold file and a hand-built dataset that scores to known figures.

Articles (sentences written for these tests):

- A1: France accused Iran (matched by a 111, so not strictly; dated, placed in
  "París" = Paris), an optional France->Germany 042 (a correct prediction, not
  counted in recall) and a France->UK 010 nobody annotated (false positive).
- A2: a symmetric US-China meeting coded in the reverse direction (a match), and
  a Russian attack on Ukraine coded Ukraine->Russia (a false positive and a miss).
- A3: an Israeli attack on Palestinians coded 173, one of the gold alt_codes
  (strict match; the date is a day off; the toll of 4 is right).
- A4: an IAEA inspection coded as IGOIAE (aliased to the IAEA of IGOUNOIAE),
  a UN one (IGOUNO is the UN, not the IAEA: false positive, wrong place) and a
  null-source mention, which is skipped.
- A9: not in the gold file: its prediction is counted apart.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

GOLD: list[dict[str, Any]] = [
    {
        "article_id": "A1",
        "events": [
            {
                "source": "FRAGOV",
                "target": "IRNGOV",
                "code": "112",
                "alt_codes": [],
                "required": True,
                "date": "2024-03-04",
                "evidence": "the French government accused Iran of stalling",
                "location": {"name": "Paris", "country": "FRA"},
            },
            {"source": "FRA", "target": "DEU", "code": "042", "required": False, "evidence": "visited Berlin"},
        ],
        "actors": [{"canonical": "Emmanuel Macron", "code": "FRAGOV", "mentions": ["Macron", "President Macron"]}],
    },
    {
        "article_id": "A2",
        "events": [
            {
                "source": "USAGOV",
                "target": "CHNGOV",
                "code": "036",
                "required": True,
                "symmetric": True,
                "evidence": "Washington and Beijing agreed to meet",
            },
            {
                "source": "RUSMIL",
                "target": "UKR",
                "code": "190",
                "required": True,
                "fatalities": 3,
                "location": {"name": "Kharkiv", "country": "UKR"},
                "evidence": "Russian forces shelled Kharkiv",
            },
        ],
        "actors": [
            {"canonical": "Joe Biden", "code": "USAGOV", "mentions": ["Biden"]},
            {"canonical": "Xi Jinping", "code": "CHNGOV", "mentions": ["Xi"]},
        ],
    },
    {
        "article_id": "A3",
        "events": [
            {
                "source": "ISRMIL",
                "target": "PSE",
                "code": "190",
                "alt_codes": ["173"],
                "required": True,
                "date": "2024-05-01",
                "fatalities": 4,
                "evidence": "Israeli troops raided a camp",
            },
        ],
    },
    {
        "article_id": "A4",
        "events": [
            {
                "source": "IGOUNOIAE",
                "target": "IRN",
                "code": "030",
                "required": True,
                "location": {"name": "Vienna", "country": "AUT"},
                "evidence": "the IAEA said it wanted talks",
            },
            {
                "source": "NGOHRW",
                "target": "EGYGOV",
                "code": "112",
                "required": True,
                "evidence": "Human Rights Watch accused Cairo",
            },
        ],
        "actors": [{"canonical": "Rafael Grossi", "code": "IGOUNOIAE", "mentions": ["Grossi"]}],
    },
]

_MENTION_SCHEMA = {
    "article_id": pl.String,
    "sentence_index": pl.Int64,
    "sentence_text": pl.String,
    "source_code": pl.String,
    "target_code": pl.String,
    "event_code": pl.String,
    "event_date": pl.Date,
    "location_name": pl.String,
    "country_code": pl.String,
    "fatalities": pl.Int64,
}

MENTIONS: list[tuple[Any, ...]] = [
    ("A1", 0, "Paris rebuked Tehran on Monday.", "FRAGOV", "IRNGOV", "111", date(2024, 3, 4), "París", "FRA", None),
    ("A1", 1, "The French president later visited Berlin.", "FRA", "DEU", "042", None, None, None, None),
    ("A1", 2, "France also appealed to Britain.", "FRA", "GBR", "010", None, None, None, None),
    ("A2", 0, "Beijing and Washington will meet.", "CHNGOV", "USAGOV", "036", None, None, None, None),
    ("A2", 1, "Ukraine struck Russian positions.", "UKR", "RUSMIL", "190", None, None, None, 3),
    ("A3", 0, "Troops raided the camp, killing four.", "ISRMIL", "PSE", "173", date(2024, 5, 2), None, None, 4),
    ("A4", 0, "The IAEA asked Iran for talks.", "IGOIAE", "IRNGOV", "031", None, "Geneva", "CHE", None),
    ("A4", 1, "The UN urged Iran to talk.", "IGOUNO", "IRN", "030", None, None, None, None),
    ("A4", 2, "Cairo was accused.", None, "EGYGOV", "112", None, None, None, None),
    ("A9", 0, "The US met Mexico.", "USA", "MEX", "040", None, None, None, None),
]

ACTORS = [
    ("a1", ["Emmanuel Macron", "Macron"]),
    ("a2", ["President Macron"]),
    ("a3", ["Joe Biden", "Biden", "Xi"]),
]


def write_gold(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def write_dataset(root: Path, mentions: list[tuple[Any, ...]], actors: list[tuple[str, list[str]]]) -> Path:
    """A dataset directory as `eventcoder code` lays it out, with only the columns the scorer reads."""
    for table in ("mentions", "actors"):
        (root / table).mkdir(parents=True)
    pl.DataFrame(mentions, schema=_MENTION_SCHEMA, orient="row").write_parquet(root / "mentions" / "part-0.parquet")
    pl.DataFrame(actors, schema={"actor_id": pl.String, "variants": pl.List(pl.String)}, orient="row").write_parquet(
        root / "actors" / "part-0.parquet"
    )
    (root / "manifest.json").write_text("{}", encoding="utf-8")
    return root
