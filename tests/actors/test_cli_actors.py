"""`eventcoder actors suggest DIR` (issue 4): a thin command over actors.suggest."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from eventcoder import code_corpus, load_codebook
from eventcoder.cli import app

runner = CliRunner()
ARTICLES = [
    ("s1", "Iraqi lawmaker Raad Hashim al-Dahlaki criticized Iran on Monday."),
    ("s2", "Iraqi lawmaker Raad Hashem al-Dahlaki accused Turkey of aggression on Tuesday."),
    ("s3", "Iraqi lawmaker Raad al-Dahlaki condemned Israel on Wednesday."),
    ("s4", "Turkish envoy Selim Yurtkulu criticized Greece on Thursday."),
    ("s5", "Journalists waited for hours while the talks chaired by Walid Barakzai Khouri went on."),
    ("s6", "The crowd cheered when the talks chaired by Walid Barakzai Khouri ended."),
]


def dataset(tmp_path: Path) -> Path:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "published": "2024-12-02", "text": t}) + "\n" for i, t in ARTICLES))
    code_corpus([src], tmp_path / "out", load_codebook())
    return tmp_path / "out"


def test_suggest_lists_frequent_unresolved_names_and_writes_yaml(tmp_path: Path) -> None:
    out = dataset(tmp_path)
    snippet = tmp_path / "suggested.yaml"
    result = runner.invoke(app, ["actors", "suggest", str(out), "--min-count", "2", "--yaml", str(snippet)])
    assert result.exit_code == 0, result.output
    assert "Raad Hashim al-Dahlaki" in result.output or "Raad Hashem al-Dahlaki" in result.output
    assert "country: IRQ" in result.output
    assert "Yurtkulu" not in result.output  # mentioned once
    assert "Walid Barakzai Khouri" in result.output  # named outside any event, and without a title
    entries = [e for e in yaml.safe_load(snippet.read_text(encoding="utf-8")) if "Dahlaki" in e["name"]]
    assert len(entries) == 1 and entries[0]["country"] == "IRQ" and entries[0]["type"] == "person"
    assert len(entries[0]["variants"]) == 2


def test_suggest_min_count_one_lists_every_unresolved_name(tmp_path: Path) -> None:
    result = runner.invoke(app, ["actors", "suggest", str(dataset(tmp_path)), "--min-count", "1"])
    assert result.exit_code == 0 and "Yurtkulu" in result.output


def test_suggest_on_a_directory_without_a_dataset_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["actors", "suggest", str(tmp_path)])
    assert result.exit_code == 2
    assert "EC302" in result.output and "hint" in result.output
