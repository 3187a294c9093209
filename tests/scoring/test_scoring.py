"""evaluate_dataset on a hand-built dataset: every figure, per root, misses and false positives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from scoring_data import MENTIONS, write_dataset, write_gold

from eventcoder import evaluate_dataset
from eventcoder.errors import DatasetError, GoldFileError
from eventcoder.scoring import GoldEvent, Prediction, score_to_dict
from eventcoder.scoring.entities import entity_key, fold_name
from eventcoder.scoring.match import matches


@pytest.mark.parametrize(
    ("code", "entity"),
    [
        ("FRAGOV", "FRA"),
        ("FRA", "FRA"),
        ("GOV", "GOV"),
        ("IGOUNOIAE", "IGOIAEA"),
        ("IGOIAE", "IGOIAEA"),
        ("IGOUNO", "IGOUN"),
        ("IGOWSTNAT", "IGONATO"),
        ("IGOEU", "IGOEU"),
        ("IGOWAFWAS", "IGOECOWAS"),
        ("NGOHRW", "NGOHRW"),
        ("NGOHRIAMN", "NGOHRI"),
        ("igouno", "IGOUN"),
        ("", None),
        (None, None),
    ],
)
def test_entity_key(code, entity):
    assert entity_key(code) == entity


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        (("FRAGOV", "IRN", "111"), GoldEvent("FRA", "IRNGOV", "112"), True),
        (("IRN", "FRA", "111"), GoldEvent("FRA", "IRNGOV", "112"), False),
        (("IRN", "FRA", "111"), GoldEvent("FRA", "IRNGOV", "112", symmetric=True), True),
        (("FRA", "IRN", "173"), GoldEvent("FRA", "IRN", "190", alt_codes=("173",)), True),
        (("FRA", "IRN", "173"), GoldEvent("FRA", "IRN", "190"), False),
        (("IGOIAE", "IRN", "030"), GoldEvent("IGOUNOIAE", "IRN", "031"), True),
        (("IGOUNO", "IRN", "030"), GoldEvent("IGOUNOIAE", "IRN", "031"), False),
    ],
)
def test_matches(predicted, gold, expected):
    assert matches(Prediction("A", *predicted), gold) is expected


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        ("articles", 4),
        ("required", 6),
        ("found", 4),
        ("correct", 5),
        ("precision", 5 / 8),
        ("recall", 4 / 6),
        ("f1", 2 * (5 / 8) * (4 / 6) / (5 / 8 + 4 / 6)),
        ("strict_recall", 1 / 6),
        ("date_accuracy", 1 / 2),
        ("place_country_accuracy", 1 / 2),
        ("place_name_accuracy", 1 / 2),
        ("fatalities_accuracy", 1.0),
        ("unknown_articles", 1),
    ],
)
def test_figures(gold_file, dataset, figure, expected):
    assert getattr(evaluate_dataset(gold_file, dataset), figure) == pytest.approx(expected)


def test_predictions_with_a_null_code_are_skipped(gold_file, dataset):
    score = evaluate_dataset(gold_file, dataset)
    assert len(score.predictions) == 8
    assert all(p.prediction.source for p in score.predictions)


# root: (required, found, predicted, correct)
PER_ROOT = {
    "01": (0, 0, 1, 0),
    "03": (2, 2, 3, 2),
    "04": (0, 0, 1, 1),
    "11": (2, 1, 1, 1),
    "17": (0, 0, 1, 1),
    "19": (2, 1, 1, 0),
}


def test_per_root(gold_file, dataset):
    rows = evaluate_dataset(gold_file, dataset).per_root()
    assert {r.root: (r.required, r.found, r.predicted, r.correct) for r in rows} == PER_ROOT
    by_root = {r.root: r for r in rows}
    assert by_root["03"].precision == pytest.approx(2 / 3)
    assert by_root["19"].recall == pytest.approx(1 / 2)
    assert by_root["04"].recall is None and by_root["04"].f1 is None


def test_misses_carry_the_evidence_and_false_positives_the_sentence(gold_file, dataset):
    score = evaluate_dataset(gold_file, dataset)
    assert [(e.article_id, e.event.code, e.event.evidence) for e in score.misses] == [
        ("A2", "190", "Russian forces shelled Kharkiv"),
        ("A4", "112", "Human Rights Watch accused Cairo"),
    ]
    assert [(p.article_id, p.code, p.sentence) for p in score.false_positives] == [
        ("A1", "010", "France also appealed to Britain."),
        ("A2", "190", "Ukraine struck Russian positions."),
        ("A4", "030", "The UN urged Iran to talk."),
    ]


def test_actor_clusters(gold_file, dataset):
    actors = evaluate_dataset(gold_file, dataset).actors
    assert actors is not None
    assert (actors.gold_actors, actors.found, actors.kept_whole, actors.split, actors.wrongly_merged_pairs) == (
        4,
        3,
        2,
        1,
        1,
    )


def test_no_actor_figures_without_an_actors_table(gold_file, tmp_path):
    run = write_dataset(tmp_path / "bare", MENTIONS, [])
    (run / "actors" / "part-0.parquet").unlink()
    assert evaluate_dataset(gold_file, run).actors is None


def test_dict_rounds_like_score_py(gold_file, dataset):
    figures = score_to_dict(evaluate_dataset(gold_file, dataset), show=1)
    assert (figures["f1"], figures["precision"], figures["recall"]) == (0.645, 0.625, 0.667)
    assert figures["per_root_recall"] == {"03": "2/2", "11": "1/2", "19": "1/2"}
    assert len(figures["misses"]) == len(figures["false_positives"]) == 1


def test_place_names_are_folded():
    assert fold_name(" París ") == fold_name("paris") == "paris"
    assert fold_name("Kata\u2019ib") == "kata'ib"


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ('{"article_id": "A", "events": []}\n{broken\n', 2, "not JSON"),
        ('["A"]\n', 1, "must be a JSON object"),
        ('{"events": [{"source": "FRA", "target": "IRN", "code": "111"}]}\n', 1, "no article_id"),
        ('{"article_id": "A", "events": [{"source": "FRA", "code": "111"}]}\n', 1, "events[0].target"),
        ('{"article_id": "A", "events": {"source": "FRA"}}\n', 1, "'events' must be a list"),
        (
            '{"article_id": "A", "events": [{"source": "FRA", "target": "IRN", "code": "19", "fatalities": "many"}]}\n',
            1,
            "fatalities must be a whole number",
        ),
        (
            '{"article_id": "A", "events": [{"source": "FRA", "target": "IRN", "code": "1", "location": "Paris"}]}\n',
            1,
            "location must be an object",
        ),
        ('\n{"article_id": "A", "events": [], "actors": [{"code": "FRA"}]}\n', 2, "canonical name"),
    ],
)
def test_malformed_gold_names_file_and_line(tmp_path, dataset, content, line, message):
    gold = tmp_path / "bad.jsonl"
    gold.write_text(content, encoding="utf-8")
    with pytest.raises(GoldFileError, match=re.escape(message)) as caught:
        evaluate_dataset(gold, dataset)
    assert f"{gold}:{line}:" in str(caught.value)
    assert caught.value.code == "EC130"


@pytest.mark.parametrize(
    "records", [[], [{"article_id": "A", "title": "an articles file, not gold"}]], ids=["empty", "no-events"]
)
def test_gold_without_events_is_refused(tmp_path, dataset, records):
    with pytest.raises(GoldFileError, match="no gold event"):
        evaluate_dataset(write_gold(tmp_path / "g.jsonl", records), dataset)


def test_missing_gold_file(tmp_path, dataset):
    with pytest.raises(GoldFileError, match="missing.jsonl"):
        evaluate_dataset(tmp_path / "missing.jsonl", dataset)


def test_a_directory_that_is_not_a_dataset(gold_file, tmp_path):
    with pytest.raises(DatasetError, match="no eventcoder dataset"):
        evaluate_dataset(gold_file, tmp_path)


def test_a_dataset_without_mentions(gold_file, tmp_path):
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "manifest.json").write_text("{}")
    with pytest.raises(DatasetError, match="mentions"):
        evaluate_dataset(gold_file, Path(tmp_path / "run"))
