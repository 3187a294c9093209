"""Issue 11, item 14: the small things a new user trips on in the first minutes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventcoder.cli import app

ROOT = Path(__file__).parent.parent
MINI = Path(__file__).parent / "data" / "mini_codebook"
runner = CliRunner()


def test_the_quick_start_rejects_nothing_and_names_the_skipped_readme(tmp_path: Path) -> None:
    result = runner.invoke(app, ["code", str(ROOT / "examples"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "rejected" not in result.output
    assert "skipped 1 file(s) in no input format" in result.output and "README.md" in result.output


@pytest.mark.parametrize("sentence", ["", "   "])
def test_explain_without_a_sentence_is_an_error(sentence: str) -> None:
    result = runner.invoke(app, ["explain", sentence, "-c", str(MINI)])
    assert result.exit_code == 2
    assert "EC200" in result.output


@pytest.mark.parametrize(
    "command",
    [[], ["code"], ["export"], ["report"], ["validate"], ["evaluate"], ["codebook", "import"], ["actors", "suggest"]],
)
def test_help_shows_no_type_for_flags(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "<bool>" not in result.output


def test_report_goes_beside_the_dataset_not_into_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "France condemned Russia."}) + "\n")
    out = tmp_path / "data" / "run"
    assert runner.invoke(app, ["code", str(source), "-o", str(out), "-c", str(MINI), "-q"]).exit_code == 0
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = runner.invoke(app, ["report", str(out)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "run.report.html").is_file()
    assert os.listdir(elsewhere) == []


def test_the_append_summary_tells_this_run_from_the_dataset(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "France condemned Russia on Monday."}) + "\n")
    out = str(tmp_path / "out")
    assert runner.invoke(app, ["code", str(source), "-o", out, "-c", str(MINI), "-q"]).exit_code == 0
    result = runner.invoke(app, ["code", str(source), "-o", out, "-c", str(MINI), "--append"])
    assert result.exit_code == 0, result.output
    first, skipped, dataset = result.output.splitlines()[:3]
    assert first.startswith("this run: 0 articles coded (1 already in the dataset, skipped)")
    assert skipped == f"  skipped in {source}: 1 article(s) already coded"
    assert dataset.startswith(f"dataset {out}: 1 articles, 1 event mentions")


def test_reports_are_ignored_by_git() -> None:
    patterns = (ROOT / ".gitignore").read_text().splitlines()
    assert "report.html" in patterns and "*.report.html" in patterns
