"""`eventcoder evaluate`: text for people, --json for machines, typed errors as exit 2."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventcoder.cli import app

runner = CliRunner()


def test_text_report(gold_file, dataset):
    result = runner.invoke(app, ["evaluate", str(gold_file), str(dataset)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "f1 0.645  precision 0.625  recall 0.667  strict recall 0.167" in out
    assert "date 0.500  place country 0.500  place name 0.500  fatalities 1.000" in out
    assert "actors: 4 gold clusters, 3 found, 2 kept whole, 1 split, 1 wrongly merged pair(s)" in out
    assert "  03            2      2   1.000          3        2      0.667  0.800" in out
    assert "A2  RUSMIL -> UKR  190  «Russian forces shelled Kharkiv»" in out
    assert "A4  IGOUNO -> IRN  030  «The UN urged Iran to talk.»" in out
    assert "1 article(s) with predictions are not in the gold file" in out


def test_show_limits_the_lists(gold_file, dataset):
    out = runner.invoke(app, ["evaluate", str(gold_file), str(dataset), "--show", "1"]).output
    assert "false positives: 3 prediction(s) matching no gold event (first 1)" in out
    assert "The UN urged Iran" not in out


def test_json(gold_file, dataset):
    result = runner.invoke(app, ["evaluate", str(gold_file), str(dataset), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert (figures["f1"], figures["precision"], figures["recall"], figures["strict_recall"]) == (
        0.645,
        0.625,
        0.667,
        0.167,
    )
    assert figures["per_root"]["19"] == {
        "required": 2,
        "found": 1,
        "recall": 0.5,
        "predicted": 1,
        "correct": 0,
        "precision": 0.0,
        "f1": 0.0,
    }
    assert figures["misses"][0]["evidence"] == "Russian forces shelled Kharkiv"
    assert figures["false_positives"][0]["sentence"] == "France also appealed to Britain."
    assert figures["actors"]["wrongly_merged_pairs"] == 1


@pytest.mark.parametrize(
    ("which", "code"),
    [("gold", "EC130"), ("dataset", "EC302")],
)
def test_errors_exit_2(gold_file, dataset, tmp_path, which, code):
    args = [str(tmp_path / "missing.jsonl"), str(dataset)] if which == "gold" else [str(gold_file), str(tmp_path)]
    result = runner.invoke(app, ["evaluate", *args])
    assert result.exit_code == 2
    assert code in result.output
