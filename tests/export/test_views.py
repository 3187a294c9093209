"""Tests for eventcoder.export.views: GDELT, ICEWS, Phoenix and ACLED column views."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from eventcoder import code_corpus, load_codebook
from eventcoder.errors import CodebookError, ExportError
from eventcoder.export.exporting import dataset_codebook, export_view, read_view
from eventcoder.export.precision import SIDE_COLUMNS
from eventcoder.export.views import (
    COLUMNS,
    SCHEMAS,
    VIEWS,
    AcledMapping,
    build_view,
    load_acled_mapping,
)

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini_codebook"
ACLED_YAML = ROOT / "codebooks" / "default" / "acled.yaml"
GOLDEN = ROOT / "tests" / "data" / "golden" / "views"
FORMATS = ROOT.parent / "shared" / "reference" / "FORMATS.md"
PENTA = {
    "01": 0,
    "02": 0,
    "03": 1,
    "04": 1,
    "05": 1,
    "06": 2,
    "07": 2,
    "08": 2,
    "09": 3,
    "10": 3,
    "11": 3,
    "12": 3,
    "13": 3,
    "14": 4,
    "15": 4,
    "16": 3,
    "17": 4,
    "18": 4,
    "19": 4,
    "20": 4,
}
ADDED = datetime(2024, 12, 1, 10, 30, 5, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def mapping() -> AcledMapping:
    return load_acled_mapping(ACLED_YAML)


# -- the column lists ----------------------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
def test_columns_match_golden_file(view: str) -> None:
    golden = json.loads((GOLDEN / f"{view}.json").read_text(encoding="utf-8"))
    assert golden["columns"] == [[name, str(dtype)] for name, dtype in SCHEMAS[view].items()]
    assert list(COLUMNS[view]) == [name for name, _ in golden["columns"]]


@pytest.mark.parametrize(
    ("view", "count"), [("gdelt", 61), ("gdelt-mentions", 16), ("icews", 20), ("phoenix", 26), ("acled", 31)]
)
def test_column_counts(view: str, count: int) -> None:
    assert len(COLUMNS[view]) == count


_SECTIONS = {"gdelt": "GDELT 2.0 Events", "gdelt-mentions": "GDELT 2.0 Mentions", "icews": "ICEWS coded events",
             "phoenix": "Phoenix", "acled": "ACLED"}


@pytest.mark.skipif(not FORMATS.is_file(), reason="shared/reference/FORMATS.md is not beside the repository")
@pytest.mark.parametrize("view", VIEWS)
def test_columns_follow_the_reference_document(view: str) -> None:
    text = FORMATS.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(_SECTIONS[view])}\b.*?\n(.*?)\.", text, re.S | re.M)
    assert match, f"no section {_SECTIONS[view]!r} in FORMATS.md"
    listed = [c.strip() for c in match.group(1).replace("\n", " ").split(",")]
    assert list(COLUMNS[view]) == listed


# -- building views from small frames ------------------------------------------------------------


def _event(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "event_id": "00000000000000a1",
        "event_date": date(2024, 11, 20),
        "source_code": "IRQMIL",
        "target_code": "IRNUAF",
        "event_code": "190",
        "root": "19",
        "quad_class": 4,
        "goldstein": -10.0,
        "num_mentions": 2,
        "num_sources": 2,
        "num_articles": 2,
        "first_article_id": "a1",
        "location_name": "Erbil",
        "country_code": "IRQ",
        "latitude": 36.19,
        "longitude": 44.01,
        "fatalities": None,
        "source_name": "Iraqi army",
        "target_name": "Iranian militias",
    }
    base.update(fields)
    return base


def _frames(events: list[dict[str, Any]]) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    texts = {e["event_id"]: e.get("sentence_text") or f"Sentence of {e['event_id']}." for e in events}
    events = [{k: v for k, v in e.items() if k != "sentence_text"} for e in events]
    ev = pl.DataFrame(events, schema_overrides={"fatalities": pl.Int32, "quad_class": pl.Int8})
    mentions = pl.DataFrame(
        [
            {
                "mention_id": f"m{k}{j}",
                "event_id": e["event_id"],
                "article_id": f"a{j + 1}",
                "sentence_index": 4 - 4 * (j == 1),
                "char_start": 0,
                "sentence_text": texts[e["event_id"]],
                "date_precision": "day",
                "outlet": f"Outlet{j + 1}",
                "location_name": e["location_name"],
            }
            for k, e in enumerate(events)
            for j in range(2)
        ]
    )
    articles = pl.DataFrame(
        {"article_id": ["a1", "a2"], "url": ["https://x.test/1", "https://x.test/2"], "source": ["Outlet1", "Outlet2"]}
    )
    actors = pl.DataFrame({"actor_code": ["IRQMIL", "IRNUAF"], "country_code": ["IRQ", "IRN"]})
    return ev, mentions, articles, actors


def _view(name: str, mapping: AcledMapping, events: list[dict[str, Any]]) -> pl.DataFrame:
    ev, mentions, articles, actors = _frames(events)
    return build_view(
        name,
        ev,
        mentions,
        articles,
        actors,
        mapping,
        penta_class=PENTA,
        labels={"190": "Use conventional military force"},
        added=ADDED,
    )


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_has_its_schema(view: str, mapping: AcledMapping) -> None:
    frame = _view(view, mapping, [_event()])
    assert frame.columns == list(COLUMNS[view])
    assert dict(frame.schema) == SCHEMAS[view]
    assert frame.height == (2 if view == "gdelt-mentions" else 1)  # gdelt-mentions: one row per mention


def test_gdelt_row(mapping: AcledMapping) -> None:
    row = _view("gdelt", mapping, [_event()]).row(0, named=True)
    assert row["GlobalEventID"] == 0xA1  # the low 53 bits of the hex id
    assert (row["Day"], row["MonthYear"], row["Year"]) == (20241120, 202411, 2024)
    assert row["FractionDate"] == pytest.approx(2024 + (11 * 30 + 20) / 365, abs=1e-4)
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == ("IRQMIL", "IRQ", "MIL")
    assert (row["Actor2CountryCode"], row["Actor2Type1Code"]) == ("IRN", "UAF")
    assert row["Actor1Name"] == "IRAQI ARMY"
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("190", "190", "19")
    assert row["IsRootEvent"] == 1  # the second mention is the article's first sentence
    assert row["ActionGeo_CountryCode"] == "IZ"  # FIPS 10-4, not ISO
    assert row["ActionGeo_Type"] == 4  # a world city
    assert row["ActionGeo_Fullname"] == "Erbil, Iraq"
    assert row["DATEADDED"] == 20241201103005
    assert row["SOURCEURL"] == "https://x.test/1"
    assert row["AvgTone"] is None


@pytest.mark.parametrize(
    ("code", "country", "group", "types"),
    [
        ("IGOUNO", None, "UNO", ("IGO", None, None)),
        ("USAGOVMIL", "USA", None, ("GOV", "MIL", None)),
        ("OPP", None, None, ("OPP", None, None)),
        ("FRA", "FRA", None, (None, None, None)),
    ],
)
def test_gdelt_splits_actor_codes(
    code: str, country: str | None, group: str | None, types: tuple[str | None, ...], mapping: AcledMapping
) -> None:
    row = _view("gdelt", mapping, [_event(source_code=code)]).row(0, named=True)
    assert (row["Actor1CountryCode"], row["Actor1KnownGroupCode"]) == (country, group)
    assert (row["Actor1Type1Code"], row["Actor1Type2Code"], row["Actor1Type3Code"]) == types


def test_gdelt_country_level_location(mapping: AcledMapping) -> None:
    row = _view("gdelt", mapping, [_event(location_name="Iraq", latitude=33.2, longitude=43.7)]).row(0, named=True)
    assert (row["ActionGeo_Type"], row["ActionGeo_Fullname"], row["ActionGeo_ADM1Code"]) == (1, "Iraq", "IZ")
    us = _view("gdelt", mapping, [_event(location_name="Washington", country_code="USA")]).row(0, named=True)
    assert (us["ActionGeo_Type"], us["ActionGeo_CountryCode"]) == (3, "US")


def test_icews_row(mapping: AcledMapping) -> None:
    row = _view("icews", mapping, [_event()]).row(0, named=True)
    assert row["Event Date"] == date(2024, 11, 20)
    assert (row["Source Sectors"], row["Source Country"]) == ("Military", "Iraq")
    assert (row["Target Sectors"], row["Target Country"]) == ("Unidentified Armed Forces", "Iran")
    assert (row["CAMEO Code"], row["Intensity"]) == ("190", -10.0)
    assert row["Event Text"] == "Use conventional military force"
    assert (row["Story ID"], row["Publisher"]) == ("a1", "Outlet1")
    assert (row["City"], row["Country"]) == ("Erbil", "Iraq")
    assert row["Sentence Number"] == 5


def test_phoenix_row(mapping: AcledMapping) -> None:
    row = _view("phoenix", mapping, [_event()]).row(0, named=True)
    assert (row["Year"], row["Month"], row["Day"]) == (2024, 11, 20)
    assert (row["SourceActorEntity"], row["SourceActorRole"]) == ("IRQ", "MIL")
    assert (row["EventCode"], row["EventRootCode"], row["PentaClass"]) == ("190", "19", 4)
    assert row["URLs"] == "https://x.test/1;https://x.test/2"
    assert row["NewsSources"] == "Outlet1;Outlet2"
    assert row["CountryCode"] == "IRQ"
    assert row["SentenceID"] == "a1_4"


def test_phoenix_penta_class_comes_from_the_table(mapping: AcledMapping) -> None:
    ev, mentions, articles, actors = _frames([_event()])
    frame = build_view("phoenix", ev, mentions, articles, actors, mapping, penta_class={"19": 3})
    assert frame.get_column("PentaClass").to_list() == [3]


# CAMEO code, source code, target code, located country ->
#   (event_type, sub_event_type, inter1, inter2, interaction, civilian_targeting)
ACLED_CASES = [
    ("190", "IRQMIL", "IRNUAF", "IRQ", ("Battles", "Armed clash", 1, 3, 13, "")),
    ("190", "IRQMIL", "IRQCVL", "IRQ", ("Violence against civilians", "Attack", 1, 7, 17, "Civilian targeting")),
    ("193", "IRQREB", "IRQMIL", "IRQ", ("Battles", "Armed clash", 2, 1, 12, "")),
    ("195", "USAMIL", "IRQUAF", "IRQ", ("Explosions/Remote violence", "Air/drone strike", 8, 3, 38, "")),
    # state forces outside their own country are external forces (8)
    (
        "1951",
        "ISRMIL",
        "PSECVL",
        "PSE",
        ("Explosions/Remote violence", "Air/drone strike", 8, 7, 78, "Civilian targeting"),
    ),
    (
        "194",
        "RUSMIL",
        "UKRMIL",
        "UKR",
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", 8, 1, 18, ""),
    ),
    ("1831", "IRQINS", "IRQCVL", "IRQ", ("Explosions/Remote violence", "Suicide bomb", 2, 7, 27, "Civilian targeting")),
    ("1833", "IRQINS", "IRQMIL", "IRQ", ("Explosions/Remote violence", "Remote explosive/landmine/IED", 2, 1, 12, "")),
    (
        "181",
        "NGAREB",
        "NGACVL",
        "NGA",
        ("Violence against civilians", "Abduction/forced disappearance", 2, 7, 27, "Civilian targeting"),
    ),
    ("1823", "IRQUAF", "IRQCVL", "IRQ", ("Violence against civilians", "Attack", 3, 7, 37, "Civilian targeting")),
    ("1823", "IRQUAF", "IRQMIL", "IRQ", ("Battles", "Armed clash", 3, 1, 13, "")),
    # ACLED's victims are civilians, unarmed officials included
    ("186", "IRQUAF", "IRQGOV", "IRQ", ("Violence against civilians", "Attack", 3, 7, 37, "Civilian targeting")),
    # police dispersing protesters: the protesters are actor1
    ("175", "IRQCOP", "IRQOPP", "IRQ", ("Protests", "Protest with intervention", 6, 1, 16, "")),
    ("175", "IRQCOP", "IRQCVL", "IRQ", ("Violence against civilians", "Attack", 1, 7, 17, "Civilian targeting")),
    ("145", "IRQCVL", None, "IRQ", ("Riots", "Violent demonstration", 5, None, 50, "")),
    # a crowd attacking someone, outside a demonstration, is mob violence
    ("145", "IRQCVL", "IRQCOP", "IRQ", ("Riots", "Mob violence", 5, 1, 15, "")),
    ("190", "IRQOPP", "IRQMIL", "IRQ", ("Riots", "Mob violence", 5, 1, 15, "")),
    ("182", "IRQCVL", "IRQCVL", "IRQ", ("Riots", "Mob violence", 5, 7, 57, "Civilian targeting")),
    ("190", "IRQMIL", "IRQOPP", "IRQ", ("Riots", "Mob violence", 5, 1, 15, "")),
    ("1712", "IRQCVL", "IRQBUS", "IRQ", ("Riots", "Mob violence", 5, 7, 57, "Civilian targeting")),
    ("1712", "IRQMIL", "IRQBUS", "IRQ", ("Strategic developments", "Looting/property destruction", 1, 7, 17, "")),
    ("141", "IRQCVL", "IRQGOV", "IRQ", ("Protests", "Peaceful protest", 6, None, 60, "")),
    ("173", "IRQCOP", "IRQOPP", "IRQ", ("Strategic developments", "Arrests", 1, 6, 16, "")),
    ("057", "IRQ", "IRN", None, ("Strategic developments", "Agreement", 1, 1, 11, "")),
    ("192", "IRQMIL", "IRQINS", "IRQ", ("Battles", "Government regains territory", 1, 2, 12, "")),
    ("192", "IRQINS", "IRQMIL", "IRQ", ("Battles", "Non-state actor overtakes territory", 2, 1, 12, "")),
    (
        "2041",
        "SYRMIL",
        "SYRCVL",
        "SYR",
        ("Explosions/Remote violence", "Chemical weapon", 1, 7, 17, "Civilian targeting"),
    ),
    ("190", "IGOUNO", "IRQUAF", "IRQ", ("Battles", "Armed clash", 8, 3, 38, "")),
]


@pytest.mark.parametrize(
    ("code", "source", "target", "country", "expected"),
    ACLED_CASES,
    ids=[f"{c[0]}:{c[1]}->{c[2]}" for c in ACLED_CASES],
)
def test_acled_mapping(
    code: str, source: str, target: str, country: str | None, expected: tuple[Any, ...], mapping: AcledMapping
) -> None:
    event = _event(
        event_code=code,
        root=code[:2],
        source_code=source,
        target_code=target,
        country_code=country,
        location_name="Somewhere" if country else None,
        latitude=1.0 if country else None,
        longitude=1.0 if country else None,
    )
    frame = _view("acled", mapping, [event])
    assert frame.height == 1
    row = frame.row(0, named=True)
    got = (
        row["event_type"],
        row["sub_event_type"],
        row["inter1"],
        row["inter2"],
        row["interaction"],
        row["civilian_targeting"],
    )
    assert got == expected


#   (code, source, target, sentence) -> (event_type, sub_event_type, actor1, inter1, actor2, inter2)
ACLED_SENTENCE_CASES = [
    # an armed attack with no target and no fighting told is an attack on civilians; with fighting, a battle
    (
        "193",
        "IRQUAF",
        None,
        "Gunmen shot dead a taxi driver in Erbil.",
        ("Violence against civilians", "Attack", None, 3, "Civilians (Iraq)", 7),
    ),
    (
        "193",
        "IRQUAF",
        None,
        "Gunmen exchanged fire in Erbil.",
        ("Battles", "Armed clash", None, 3, None, None),
    ),
    # the weapon named in the sentence decides the kind of remote violence
    (
        "190",
        "IRQMIL",
        "IRQINS",
        "Iraqi jets carried out air strikes on insurgent hideouts.",
        ("Explosions/Remote violence", "Air/drone strike", "Military Forces of Iraq", 1, None, 2),
    ),
    (
        "190",
        "IRQMIL",
        "IRQINS",
        "A drone strike hit the insurgents.",
        ("Explosions/Remote violence", "Air/drone strike", "Military Forces of Iraq", 1, None, 2),
    ),
    (
        "190",
        "IRQINS",
        "IRQMIL",
        "Insurgents shelled an army base with mortars.",
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", None, 2, "Military Forces of Iraq", 1),
    ),
    (
        "190",
        "IRQINS",
        "IRQCVL",
        "A roadside bomb hit a minibus carrying civilians.",
        ("Explosions/Remote violence", "Remote explosive/landmine/IED", None, 2, "Civilians (Iraq)", 7),
    ),
    (
        "190",
        "IRQINS",
        "IRQMIL",
        "A suicide bomber attacked a checkpoint.",
        ("Explosions/Remote violence", "Suicide bomb", None, 2, "Military Forces of Iraq", 1),
    ),
    (
        "190",
        "IRQINS",
        "IRQMIL",
        "Militants threw a grenade at a patrol.",
        ("Explosions/Remote violence", "Grenade", None, 2, "Military Forces of Iraq", 1),
    ),
    (
        "190",
        "IRQMIL",
        "IRQINS",
        "The army shot down a drone launched by insurgents.",
        ("Strategic developments", "Disrupted weapons use", "Military Forces of Iraq", 1, None, 2),
    ),
    # fighting on the ground is an armed clash, whatever weapons were used
    (
        "190",
        "IRQMIL",
        "IRQINS",
        "Troops clashed with insurgents using artillery.",
        ("Battles", "Armed clash", "Military Forces of Iraq", 1, None, 2),
    ),
    (
        "195",
        "IRQMIL",
        "IRQINS",
        "The army fired missiles at insurgent positions.",
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Military Forces of Iraq", 1, None, 2),
    ),
    # rioters clashing with police in a demonstration
    (
        "190",
        "IRQOPP",
        "IRQCOP",
        "Protesters clashed with police during a demonstration.",
        ("Riots", "Violent demonstration", "Rioters (Iraq)", 5, "Police Forces of Iraq", 1),
    ),
    (
        "141",
        "IRQOPP",
        "IRQGOV",
        "Protesters pelted police with stones during a protest.",
        ("Riots", "Violent demonstration", "Rioters (Iraq)", 5, None, None),
    ),
    # police firing on a demonstration
    (
        "190",
        "IRQCOP",
        "IRQOPP",
        "Police opened fire on protesters at a rally.",
        ("Protests", "Excessive force against protesters", "Police Forces of Iraq", 1, "Protesters (Iraq)", 6),
    ),
    (
        "175",
        "IRQCOP",
        "IRQOPP",
        "Police shot dead two protesters.",
        ("Protests", "Excessive force against protesters", "Police Forces of Iraq", 1, "Protesters (Iraq)", 6),
    ),
    (
        "173",
        "IRQCOP",
        "IRQOPP",
        "Police arrested ten protesters at the demonstration.",
        ("Protests", "Protest with intervention", "Protesters (Iraq)", 6, "Police Forces of Iraq", 1),
    ),
    (
        "141",
        "IRQOPP",
        "IRQGOV",
        "Police fired tear gas to disperse the protest.",
        ("Protests", "Protest with intervention", "Protesters (Iraq)", 6, None, None),
    ),
    # an armed opposition is no crowd
    (
        "190",
        "IRQOPP",
        "IRQMIL",
        "Opposition fighters clashed with the army.",
        ("Battles", "Armed clash", None, 6, "Military Forces of Iraq", 1),
    ),
]


@pytest.mark.parametrize(
    ("code", "source", "target", "sentence", "expected"),
    ACLED_SENTENCE_CASES,
    ids=[c[3] for c in ACLED_SENTENCE_CASES],
)
def test_acled_mapping_reads_the_sentence(
    code: str, source: str, target: str, sentence: str, expected: tuple[Any, ...], mapping: AcledMapping
) -> None:
    event = _event(
        event_code=code, root=code[:2], source_code=source, target_code=target, source_name=None,
        target_name=None, sentence_text=sentence,
    )  # fmt: skip
    row = _view("acled", mapping, [event]).row(0, named=True)
    got = tuple(row[c] for c in ("event_type", "sub_event_type", "actor1", "inter1", "actor2", "inter2"))
    assert got == expected


@pytest.mark.parametrize(
    ("code", "sentence", "expected"),
    [
        (
            "1833",
            "A roadside bomb exploded in Erbil.",
            ("Remote explosive/landmine/IED", "Unidentified Armed Group (Iraq)", 3, 30),
        ),
        ("190", "Clashes broke out in Erbil.", ("Armed clash", "Unidentified Armed Group (Iraq)", 3, 30)),
        ("141", "A protest was held in Erbil.", ("Peaceful protest", "Protesters (Iraq)", 6, 60)),
    ],
)
def test_acled_agentless_events_map(code: str, sentence: str, expected: tuple[Any, ...], mapping: AcledMapping) -> None:
    event = _event(event_code=code, root=code[:2], source_code=None, source_name=None, target_code=None,
                   target_name=None, sentence_text=sentence)  # fmt: skip
    row = _view("acled", mapping, [event]).row(0, named=True)
    assert (row["sub_event_type"], row["actor1"], row["inter1"], row["interaction"]) == expected
    assert (row["actor2"], row["inter2"], row["country"]) == (None, None, "Iraq")


def test_acled_agentless_attack_on_civilians(mapping: AcledMapping) -> None:
    event = _event(event_code="190", root="19", source_code=None, source_name=None, target_code="IRQCVL",
                   target_name="civilians", sentence_text="Five civilians were shot in Erbil.")  # fmt: skip
    row = _view("acled", mapping, [event]).row(0, named=True)
    assert (row["event_type"], row["actor1"], row["inter1"], row["actor2"], row["interaction"]) == (
        "Violence against civilians", "Unidentified Armed Group (Iraq)", 3, "Civilians (Iraq)", 37,
    )  # fmt: skip
    assert row["civilian_targeting"] == "Civilian targeting"


def test_acled_word_lists_are_validated(tmp_path: Path) -> None:
    bad = tmp_path / "acled.yaml"
    bad.write_text(
        "acled:\n"
        "  words: {air: [air strike*]}\n"
        "  rules:\n"
        '    - {codes: ["190"], if_words: [$ground], event_type: Battles, sub_event_type: Armed clash}\n'
        "  disorder_types: {Battles: Political violence}\n",
        encoding="utf-8",
    )
    with pytest.raises(CodebookError) as info:
        load_acled_mapping(bad)
    assert "acled.yaml:4" in str(info.value) and "ground" in str(info.value)


@pytest.mark.parametrize("code", ["010", "040", "042", "051", "111", "130", "160", "1724", "176"])
def test_acled_leaves_out_events_without_counterpart(code: str, mapping: AcledMapping) -> None:
    assert _view("acled", mapping, [_event(event_code=code, root=code[:2])]).is_empty()


def test_acled_row(mapping: AcledMapping) -> None:
    row = _view("acled", mapping, [_event(fatalities=None)]).row(0, named=True)
    assert row["event_id_cnty"] == "IRQ00000000000000a1"
    assert (row["iso"], row["region"], row["country"]) == (368, "Middle East", "Iraq")
    assert (row["disorder_type"], row["time_precision"], row["geo_precision"]) == ("Political violence", 1, 1)
    assert (row["actor1"], row["actor2"]) == ("Military Forces of Iraq", "Iranian militias")
    assert row["fatalities"] == 0
    assert row["notes"] == "Sentence of 00000000000000a1."
    assert row["source"] == "Outlet1; Outlet2"
    assert row["timestamp"] == int(ADDED.timestamp())
    killed = _view("acled", mapping, [_event(fatalities=12)]).row(0, named=True)
    assert killed["fatalities"] == 12


def test_acled_country_falls_back_to_the_actors(mapping: AcledMapping) -> None:
    event = _event(country_code=None, location_name=None, latitude=None, longitude=None)
    row = _view("acled", mapping, [event]).row(0, named=True)
    assert (row["country"], row["iso"], row["geo_precision"]) == ("Iraq", 368, None)
    assert row["event_id_cnty"].startswith("IRQ")


def test_views_are_empty_for_no_events(mapping: AcledMapping) -> None:
    ev, mentions, articles, actors = _frames([_event()])
    for view in VIEWS:
        frame = build_view(view, ev.clear(), mentions.clear(), articles, actors, mapping)
        assert frame.is_empty() and frame.columns == list(COLUMNS[view])


def test_unknown_view(mapping: AcledMapping) -> None:
    ev, mentions, articles, actors = _frames([_event()])
    with pytest.raises(ValueError, match="unknown view"):
        build_view("cameo", ev, mentions, articles, actors, mapping)


# -- the mapping file ----------------------------------------------------------------------------


def test_default_mapping_loads(mapping: AcledMapping) -> None:
    assert len(mapping.rules) >= 20
    assert mapping.inter_roles["MIL"] == 1 and mapping.inter_roles["CVL"] == 7
    assert mapping.region("DEU", "EU") == "Europe"  # by continent (geonames code)
    assert mapping.region("NGA", "AF") == "Western Africa"  # listed
    assert mapping.region(None, "EU") is None and mapping.region("XYZ", None) is None


def test_mapping_problems_name_their_lines(tmp_path: Path) -> None:
    bad = tmp_path / "acled.yaml"
    bad.write_text(
        "acled:\n"
        "  rules:\n"
        "    - {codes: [190], event_type: Battles, sub_event_type: Armed clash}\n"
        '    - {codes: ["193"], event_type: Battles}\n'
        '    - {codes: ["194"], event_type: Odd, sub_event_type: Odd, if_target: [12]}\n'
        "  disorder_types: {Battles: Political violence}\n",
        encoding="utf-8",
    )
    with pytest.raises(CodebookError) as info:
        load_acled_mapping(bad)
    text = str(info.value)
    assert "acled.yaml:3" in text and "quoted" in text
    assert "acled.yaml:4" in text and "sub_event_type" in text
    assert "acled.yaml:5" in text and "inter code" in text
    assert "no disorder_type for 'Odd'" in text


# -- export_view: a dataset coded end to end ----------------------------------------------------------


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("views")
    records = [
        {
            "id": "a1",
            "text": "France met with Germany on Monday. Iraqi police arrested opposition members.",
            "published": "2024-11-20",
            "source": "Reuters",
            "url": "https://example.org/a1",
        },
        {
            "id": "a2",
            "text": "Iranian militias attacked Israeli troops. France condemned Russia.",
            "published": "2024-11-21",
            "source": "AP",
            "url": "https://example.org/a2",
        },
    ]
    source = root / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = root / "out"
    code_corpus([source], out, load_codebook(MINI))
    return out


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".tsv"])
def test_gdelt_round_trip(dataset: Path, mapping: AcledMapping, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"gdelt{suffix}"
    written = export_view(dataset, "gdelt", target, mapping=mapping)
    events = pl.read_parquet(dataset / "events" / "*.parquet")
    assert written == events.height == 4
    frame = read_view(target, "gdelt")
    assert frame.columns == list(COLUMNS["gdelt"])
    assert frame.schema["EventCode"] == pl.String and frame.schema["Day"] == pl.Int64
    assert "040" in frame.get_column("EventCode").to_list()  # leading zero kept
    assert set(frame.get_column("EventRootCode")) == {"04", "11", "17", "19"}
    assert frame.filter(pl.col("EventCode") == "040").get_column("Day").to_list() == [20241118]
    assert frame.get_column("DATEADDED").null_count() == 0
    assert set(frame.get_column("SOURCEURL")) == {"https://example.org/a1", "https://example.org/a2"}
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically, nothing left beside it


def test_csv_reads_back_with_plain_polars_given_the_schema(
    dataset: Path, mapping: AcledMapping, tmp_path: Path
) -> None:
    target = tmp_path / "icews.csv"
    export_view(dataset, "icews", target, mapping=mapping)
    frame = pl.read_csv(target, schema_overrides=SCHEMAS["icews"])
    assert frame.schema["Event Date"] == pl.Date
    assert frame.schema["CAMEO Code"] == pl.String
    assert "040" in frame.get_column("CAMEO Code").to_list()


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".tsv"])
def test_every_view_round_trips(dataset: Path, mapping: AcledMapping, tmp_path: Path, view: str, suffix: str) -> None:
    target = tmp_path / f"{view}{suffix}"
    written = export_view(dataset, view, target, mapping=mapping)
    frame = read_view(target, view)
    assert frame.height == written
    side = {SIDE_COLUMNS[view]: pl.String} if view in SIDE_COLUMNS else {}  # the date precision, read by name
    assert dict(frame.schema) == {**SCHEMAS[view], **side}
    direct = build_view(
        view,
        *(pl.read_parquet(dataset / t / "*.parquet") for t in ("events", "mentions", "articles", "actors")),
        mapping,
        added=_finished(dataset),
        actor_mentions=pl.read_parquet(dataset / "actor_mentions" / "*.parquet"),
    )
    if view not in ("icews", "phoenix"):  # those two read labels and PentaClass from the codebook
        assert frame.equals(direct)


def test_dates_are_dates(dataset: Path, mapping: AcledMapping, tmp_path: Path) -> None:
    for view, column in (("icews", "Event Date"), ("phoenix", "Date"), ("acled", "event_date")):
        target = tmp_path / f"{view}.tsv"
        export_view(dataset, view, target, mapping=mapping)
        assert read_view(target, view).schema[column] == pl.Date


def test_acled_leaves_out_verbal_cooperation(dataset: Path, mapping: AcledMapping, tmp_path: Path) -> None:
    written = export_view(dataset, "acled", tmp_path / "acled.parquet", mapping=mapping)
    frame = pl.read_parquet(tmp_path / "acled.parquet")
    assert written == frame.height == 2  # the arrest and the attack; not the meeting nor the condemnation
    assert sorted(frame.get_column("sub_event_type")) == ["Armed clash", "Arrests"]
    assert frame.get_column("fatalities").to_list() == [0, 0]


def test_codebook_tables_come_from_the_dataset(dataset: Path, mapping: AcledMapping, tmp_path: Path) -> None:
    export_view(dataset, "phoenix", tmp_path / "p.parquet", mapping=mapping)
    frame = pl.read_parquet(tmp_path / "p.parquet")
    penta = dict(zip(frame.get_column("EventRootCode"), frame.get_column("PentaClass"), strict=True))
    assert penta == {"04": 1, "11": 3, "17": 4, "19": 4}  # the mini codebook's penta_class
    export_view(dataset, "icews", tmp_path / "i.parquet", mapping=mapping)
    labels = pl.read_parquet(tmp_path / "i.parquet").filter(pl.col("CAMEO Code") == "173")
    assert labels.get_column("Event Text").to_list() == ["Arrest, detain, or charge with legal action"]


@pytest.mark.parametrize(
    ("recorded", "expected"),
    [
        ({}, "default"),
        ({"codebook": {"path": str(MINI)}}, "mini"),
        ({"codebook": {"path": "/no/such/codebook"}}, "default"),
        ({"codebook": {"path": "/no/such/codebook", "content_hash": "<default>"}}, "default"),
        ({"codebook": {"path": "/no/such/codebook", "content_hash": "0" * 64, "name": "mine"}}, "error"),
    ],
    ids=["no-codebook", "recorded-path", "gone-no-hash", "gone-same-as-default", "gone-and-different"],
)
def test_the_dataset_codebook_is_the_recorded_one_never_a_silent_default(
    recorded: dict[str, Any], expected: str
) -> None:
    default = load_codebook()
    if recorded.get("codebook", {}).get("content_hash") == "<default>":
        recorded = {"codebook": {**recorded["codebook"], "content_hash": default.content_hash}}
    if expected == "error":
        with pytest.raises(ExportError, match="'mine' at /no/such/codebook"):
            dataset_codebook(recorded)
        return
    book = dataset_codebook(recorded)
    assert book.content_hash == (default if expected == "default" else load_codebook(MINI)).content_hash


def test_a_broken_recorded_codebook_is_an_error_not_the_default(tmp_path: Path) -> None:
    broken = tmp_path / "book"
    broken.mkdir()
    for file in MINI.iterdir():
        (broken / file.name).write_bytes(file.read_bytes())
    (broken / "acled.yaml").write_text("acled:\n  rules: [{codes: 12, event_type: 5}]\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="acled.yaml:2"):
        dataset_codebook({"codebook": {"path": str(broken)}})


def test_headerless_tsv(dataset: Path, mapping: AcledMapping, tmp_path: Path) -> None:
    target = tmp_path / "gdelt.tsv"
    export_view(dataset, "gdelt", target, mapping=mapping, header=False)
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert not first.startswith("GlobalEventID") and first.count("\t") == 60
    assert read_view(target, "gdelt", header=False).height == 4


def test_export_refuses_unknown_formats_and_views(dataset: Path, mapping: AcledMapping, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="format"):
        export_view(dataset, "gdelt", tmp_path / "gdelt.xlsx", mapping=mapping)
    with pytest.raises(ValueError, match="unknown view"):
        export_view(dataset, "cameo", tmp_path / "x.csv", mapping=mapping)


def _finished(dataset: Path) -> datetime:
    manifest = json.loads((dataset / "manifest.json").read_text(encoding="utf-8"))
    return datetime.fromisoformat(manifest["finished"])


def test_tables_from_a_loaded_codebook(dataset: Path, tmp_path: Path) -> None:
    book = load_codebook()  # the default codebook carries acled.yaml, parsed into its mapping
    assert book.acled is not None and book.acled.rules
    written = export_view(dataset, "acled", tmp_path / "acled.csv", codebook=book)
    assert written == 2
    export_view(dataset, "phoenix", tmp_path / "phoenix.parquet", codebook=book)
    penta = pl.read_parquet(tmp_path / "phoenix.parquet").select("EventRootCode", "PentaClass").unique()
    assert dict(penta.iter_rows()) == {"04": 1, "11": 3, "17": 4, "19": 4}
