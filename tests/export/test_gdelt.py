"""GDELT with BigQuery's names, actor and admin1 geography, and the mentions view (issue 11, item 13)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from eventcoder.export.exporting import ColumnNames, export_view
from eventcoder.export.gdelt import BIGQUERY_NAMES
from eventcoder.export.ids import numeric_id
from eventcoder.export.schema import EVENTS
from eventcoder.export.views import COLUMNS, SCHEMAS, build_view, load_acled_mapping

ACLED_YAML = Path(__file__).resolve().parents[2] / "codebooks" / "default" / "acled.yaml"
_TYPES = pl.from_arrow(EVENTS.empty_table()).schema  # type: ignore[union-attr]
ADDED = datetime(2024, 12, 1, 10, 30, 5, tzinfo=timezone.utc)
EVENT = "00000000000000e1"


def _gdelt(**fields: Any) -> dict[str, Any]:
    values = {"event_id": EVENT, "event_date": date(2024, 11, 20), "event_code": "173", "source_code": "IRQCOP",
              "target_code": "USAMIL", "location_name": "Erbil", "country_code": "IRQ", "latitude": 36.19,
              "longitude": 44.01, "admin1": "Erbil", "geo_precision": 1, "geo_feature_id": "95446",
              **fields}  # fmt: skip
    events = pl.DataFrame([{c: values.get(c) for c in EVENTS.names}], schema=_TYPES)
    mentions = pl.DataFrame({"event_id": [EVENT], "article_id": ["a"], "sentence_index": [0]})
    frame = build_view("gdelt", events, mentions, pl.DataFrame(), pl.DataFrame(), load_acled_mapping(ACLED_YAML))
    return frame.row(0, named=True)


@pytest.mark.parametrize(
    ("feature", "precision", "adm1", "feature_id", "geo_type"),
    [
        ("95446", 1, "IZ11", "95446", 4),  # a town: FIPS country + geonames admin1 code
        ("IQ-AR", 2, "IZ11", "IZ11", 5),  # a region tied to geonames: its ADM1 code is its feature
        ("IQ-ZZ", 2, "IZ", "IQ-ZZ", 5),  # only the ISO 3166-2 code is known: the country's FIPS code
        ("99237", 3, "IZ", "IZ", 1),  # the country
        ("city:custom", 1, "IZ", "city:custom", 4),  # a codebook place: no admin1 code
    ],
)
def test_action_geo_adm1(feature: str, precision: int, adm1: str, feature_id: str, geo_type: int) -> None:
    row = _gdelt(geo_feature_id=feature, geo_precision=precision)
    assert (row["ActionGeo_ADM1Code"], row["ActionGeo_FeatureID"], row["ActionGeo_Type"]) == (adm1, feature_id,
                                                                                              geo_type)  # fmt: skip
    assert row["ActionGeo_CountryCode"] == "IZ"


def test_actor_geo_is_the_event_place_in_its_country_else_the_country() -> None:
    row = _gdelt()
    for field in ("Type", "Fullname", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID"):
        assert row[f"Actor1Geo_{field}"] == row[f"ActionGeo_{field}"]  # Iraqi police in Erbil
    assert (row["Actor2Geo_Type"], row["Actor2Geo_Fullname"], row["Actor2Geo_CountryCode"]) == (1, "United States",
                                                                                                "US")  # fmt: skip
    assert row["Actor2Geo_ADM1Code"] == row["Actor2Geo_FeatureID"] == "US"
    assert 20 < row["Actor2Geo_Lat"] < 50 and -130 < row["Actor2Geo_Long"] < -60  # the mean of US towns


@pytest.mark.parametrize("code", ["IGOUNO", "OPP", None])
def test_actors_without_a_country_have_no_place(code: str | None) -> None:
    row = _gdelt(source_code=code)
    assert all(row[f"Actor1Geo_{f}"] is None for f in ("Type", "Fullname", "CountryCode", "Lat", "FeatureID"))


def test_unlocated_event_places_actors_at_their_countries() -> None:
    row = _gdelt(location_name=None, country_code=None, latitude=None, longitude=None, admin1=None,
                 geo_precision=None, geo_feature_id=None)  # fmt: skip
    assert row["ActionGeo_Type"] is None and row["ActionGeo_ADM1Code"] is None
    assert (row["Actor1Geo_Type"], row["Actor1Geo_CountryCode"]) == (1, "IZ")


@pytest.mark.parametrize("view", ["gdelt", "gdelt-mentions"])
def test_bigquery_names(coded: Path, tmp_path: Path, view: str) -> None:
    target = tmp_path / f"{view}.parquet"
    export_view(coded, view, target, names=ColumnNames.BIGQUERY)
    columns = pl.read_parquet(target).columns
    assert columns == [BIGQUERY_NAMES.get(c, c) for c in COLUMNS[view]]
    assert columns[0] == "GLOBALEVENTID"
    if view == "gdelt":
        assert columns[1] == "SQLDATE" and "Actor1Geo_FullName" in columns and "ActionGeo_FullName" in columns


def test_bigquery_names_only_for_gdelt(coded: Path, tmp_path: Path) -> None:
    from eventcoder.errors import ExportError

    with pytest.raises(ExportError, match="GDELT views"):
        export_view(coded, "icews", tmp_path / "x.csv", names=ColumnNames.BIGQUERY)


# -- the mentions view -------------------------------------------------------------------------------

SENTENCE = "Iraqi police arrested opposition members in Erbil."


def _mentions_view() -> pl.DataFrame:
    mentions = pl.DataFrame(
        {
            "mention_id": ["m1", "m2"], "event_id": [EVENT, "00000000000000e2"], "article_id": ["a1", "a2"],
            "sentence_index": [2, 0], "sentence_text": [SENTENCE, "China met India."], "char_start": [100, 0],
            "char_end": [135, 15], "verb_text": ["arrested", "met"], "source_actor_id": ["code:IRQCOP", "code:CHN"],
            "source_text": ["Iraqi police", "China"], "target_actor_id": ["code:IRQOPP", "code:IND"],
            "target_text": ["opposition members", "India"], "source_how": ["dictionary", "fuzzy"],
            "target_how": ["context", "dictionary"], "source_score": [None, 87.6], "target_score": [None, None],
            "outlet": [None, "AP"], "date_precision": ["day", "month"],
        }
    )  # fmt: skip
    articles = pl.DataFrame({"article_id": ["a1", "a2"], "url": ["https://www.Example.org/a1", None],
                             "source": ["Reuters", "AP"], "published": [date(2024, 11, 20), None]})  # fmt: skip
    actor_mentions = pl.DataFrame(
        {"article_id": ["a1", "a1", "a1", "a2", "a2"], "sentence_index": [2, 2, 2, 0, 0],
         "actor_id": ["code:IRQCOP", "code:IRQCOP", "code:IRQOPP", "code:CHN", "code:IND"],
         "text": ["Iraqi police", "Iraqi police", "opposition members", "China", "India"],
         "char_start": [40, 100, 122, 0, 10]}
    )  # fmt: skip
    return build_view("gdelt-mentions", pl.DataFrame(), mentions, articles, pl.DataFrame(),
                      load_acled_mapping(ACLED_YAML), actor_mentions=actor_mentions, added=ADDED)  # fmt: skip


def test_gdelt_mentions_rows() -> None:
    frame = _mentions_view()
    assert dict(frame.schema) == SCHEMAS["gdelt-mentions"] and len(frame.columns) == 16
    first, second = frame.rows(named=True)  # document order: a1 before a2
    assert first == {
        "GlobalEventID": numeric_id(EVENT), "EventTimeDate": 20241201103005, "MentionTimeDate": 20241120000000,
        "MentionType": 1, "MentionSourceName": "example.org", "MentionIdentifier": "https://www.Example.org/a1",
        "SentenceID": 3, "Actor1CharOffset": 100, "Actor2CharOffset": 122, "ActionCharOffset": 113,
        "InRawText": 0, "Confidence": 50, "MentionDocLen": None, "MentionDocTone": None,
        "MentionDocTranslationInfo": None, "Extras": None,
    }  # fmt: skip
    assert (second["MentionType"], second["MentionIdentifier"], second["MentionSourceName"]) == (2, "a2", "AP")
    assert second["MentionTimeDate"] == 20241201103005  # no publication date: when the dataset was made
    assert (second["Actor1CharOffset"], second["Actor2CharOffset"], second["ActionCharOffset"]) == (0, 10, 6)
    assert (second["InRawText"], second["Confidence"]) == (1, 88)


def test_gdelt_mentions_of_a_coded_dataset(coded: Path, tmp_path: Path) -> None:
    target = tmp_path / "mentions.tsv"
    rows = export_view(coded, "gdelt-mentions", target)
    mentions = pl.read_parquet(coded / "mentions" / "*.parquet")
    events = tmp_path / "gdelt.parquet"
    export_view(coded, "gdelt", events)
    frame = pl.read_csv(target, separator="\t", schema_overrides=SCHEMAS["gdelt-mentions"])
    assert rows == mentions.height == frame.height
    assert set(frame.get_column("GlobalEventID")) == set(pl.read_parquet(events).get_column("GlobalEventID"))
    assert (frame.get_column("Actor1CharOffset") >= 0).any()
