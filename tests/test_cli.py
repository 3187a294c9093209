"""The CLI: each command parses, calls the library and maps errors to exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from eventcoder.cli import app

ROOT = Path(__file__).parent.parent
MINI = Path(__file__).parent / "data" / "mini_codebook"
runner = CliRunner()


def run(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_code_examples_with_the_default_codebook(tmp_path):
    result = run("code", str(ROOT / "examples"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "events by CAMEO root code" in result.output
    assert "top dyads" in result.output
    assert pl.read_parquet(tmp_path / "out" / "mentions" / "*.parquet").height > 0


def test_code_refuses_existing_output_with_exit_2(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "France condemned Russia."}) + "\n")
    assert run("code", str(src), "-o", str(tmp_path / "out"), "-c", str(MINI), "-q").exit_code == 0
    again = run("code", str(src), "-o", str(tmp_path / "out"), "-c", str(MINI), "-q")
    assert again.exit_code == 2
    assert "--overwrite" in again.output


def test_code_reads_jsonl_from_stdin(tmp_path):
    line = json.dumps({"id": "s1", "text": "France condemned Russia.", "published": "2024-11-20"})
    result = run("code", "-", "-o", str(tmp_path / "out"), "-c", str(MINI), "-q", stdin=line + "\n")
    assert result.exit_code == 0, result.output
    assert pl.read_parquet(tmp_path / "out" / "mentions" / "*.parquet")["event_code"].to_list() == ["111"]


@pytest.mark.parametrize(
    ("content", "exit_code"),
    [
        ('{"id": "a", "text": "France condemned Russia."}\n{broken\n', 0),
        ("{broken\n", 2),
    ],
)
def test_code_exit_codes_for_bad_input(tmp_path, content, exit_code):
    src = tmp_path / "in.jsonl"
    src.write_text(content)
    result = run("code", str(src), "-o", str(tmp_path / "out"), "-c", str(MINI), "-q")
    assert result.exit_code == exit_code, result.output


def test_missing_input_path_is_exit_2(tmp_path):
    result = run("code", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 2
    assert "nope.txt" in result.output


def test_bad_codebook_stops_before_any_output(tmp_path):
    book = tmp_path / "book"
    shutil.copytree(MINI, book)
    (book / "verbs.yaml").write_text('"999":\n  - explode\n"111":\n  - condemn {T} {T}\n')
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "France condemned Russia."}) + "\n")
    result = run("code", str(src), "-o", str(tmp_path / "out"), "-c", str(book))
    assert result.exit_code == 1
    assert not (tmp_path / "out").exists()
    assert "verbs.yaml:1:" in result.output and "verbs.yaml:4:" in result.output


def test_codebook_check_ok_and_problems(tmp_path):
    ok = run("codebook", "check", str(MINI))
    assert ok.exit_code == 0 and ok.output.startswith("ok: mini")
    book = tmp_path / "book"
    shutil.copytree(MINI, book)
    (book / "nouns.yaml").write_text('"041":\n  - call between {T} and {S}\n')
    bad = run("codebook", "check", str(book))
    assert bad.exit_code == 1
    assert "nouns.yaml:2:" in bad.output


def test_codebook_check_default_and_stats():
    assert run("codebook", "check").exit_code == 0
    stats = run("codebook", "stats")
    assert stats.exit_code == 0
    assert "verb_patterns" in stats.output and "19" in stats.output


def test_explain_shows_actors_pattern_location_and_events():
    result = run(
        "explain",
        "Iraqi Prime Minister Mohammed Shia al-Sudani denounced Israel on Tuesday.",
        "--date",
        "2024-11-20",
        "-c",
        str(MINI),
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Mohammed Shia al-Sudani" in out and "IRQGOV" in out
    assert "verbs.yaml:" in out  # the pattern's file and line
    assert "IRQGOV (Mohammed Shia al-Sudani) -> ISR (Israel): 111" in out
    assert "2024-11-19" in out


def test_explain_rejects_a_bad_date():
    assert run("explain", "x", "--date", "20/11/2024").exit_code == 2


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.startswith("eventcoder ")


def test_installed_console_script_finds_the_embedded_codebook(tmp_path):
    script = shutil.which("eventcoder", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("eventcoder is not installed in this environment (pip install . first)")
    done = subprocess.run([script, "codebook", "check"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: eventcoder-default")
