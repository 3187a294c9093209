"""The PETRARCH commands: --codebook petrarch:DIR, codebook import, validate."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from eventcoder.cli import app

FIXTURE = Path(__file__).parent / "data" / "petrarch"
RECORDS = FIXTURE / "records.xml"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def _mentions(out: Path) -> list[tuple[str, str, str]]:
    frame = pl.read_parquet(out / "mentions" / "*.parquet")
    return sorted(zip(frame["source_code"], frame["target_code"], frame["event_code"], strict=True))


def test_code_with_petrarch_dictionaries_says_which_files_were_used(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Avalon restored full diplomatic ties with Lyonesse on Monday.\n", encoding="utf-8")
    result = run("code", str(src), "-o", str(tmp_path / "out"), "-c", f"petrarch:{FIXTURE}", "-q")
    assert result.exit_code == 0, result.output
    assert "verbs: demo.verbs.txt" in result.output
    assert "7 line(s) ignored" in result.output
    assert _mentions(tmp_path / "out") == [("AVL", "LYO", "064")]


def test_import_then_code_gives_equal_output(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Avalon and Lyonesse met on Friday. Arthur Pendragon left for Lyonesse.\n", encoding="utf-8")
    result = run("codebook", "import", "--from", "petrarch", str(FIXTURE), "--out", str(tmp_path / "book"))
    assert result.exit_code == 0, result.output
    assert "read verbs: demo.verbs.txt" in result.output
    assert run("codebook", "check", str(tmp_path / "book")).exit_code == 0
    for name, spec in (("p", f"petrarch:{FIXTURE}"), ("y", str(tmp_path / "book"))):
        assert run("code", str(src), "-o", str(tmp_path / name), "-c", spec, "-q").exit_code == 0
    assert _mentions(tmp_path / "p") == _mentions(tmp_path / "y")
    assert len(_mentions(tmp_path / "p")) == 4


@pytest.mark.parametrize(("args", "code", "text"), [
    (["--from", "keds"], 2, "use --from petrarch or --from tabari"),
    (["--from", "petrarch"], 2, "EC300"),  # the second import into the same directory
])
def test_import_errors(tmp_path, args, code, text):
    assert run("codebook", "import", str(FIXTURE), "--out", str(tmp_path)).exit_code == 0
    result = run("codebook", "import", str(FIXTURE), "--out", str(tmp_path), *args)
    assert result.exit_code == code
    assert text in result.output


def test_check_lists_the_ignored_lines():
    result = run("codebook", "check", f"petrarch:{FIXTURE}")
    assert result.exit_code == 0, result.output
    assert "ignored: 7 line(s)" in result.output
    assert "demo.verbs.txt:38: target before the verb" in result.output


def test_explain_accepts_petrarch_dictionaries():
    result = run("explain", "Avalon gave horses to Lyonesse.", "--date", "1997-01-01", "-c", f"petrarch:{FIXTURE}")
    assert result.exit_code == 0, result.output
    assert "demo.verbs.txt:18" in result.output


def test_missing_dictionaries_exit_2_with_the_error_code(tmp_path):
    result = run("explain", "Avalon gave horses to Lyonesse.", "-c", f"petrarch:{tmp_path / 'none'}")
    assert result.exit_code == 2
    assert "EC110" in result.output


@pytest.mark.parametrize(("args", "code"), [([], 0), (["--min-pass", "0.8"], 0), (["--min-pass", "80%"], 0),
                                            (["--min-pass", "0.95"], 1), (["--min-pass", "2"], 2),
                                            (["--min-pass", "most"], 2)])
def test_validate(args, code):
    result = run("validate", str(RECORDS), *args)
    assert result.exit_code == code, result.output
    if code != 2:
        lines = result.output.strip().splitlines()
        assert lines[-1] == "9 passed, 1 failed"
        assert any(line.startswith("BASIC ") and line.split()[1:3] == ["4", "5"] for line in lines)
        assert "- BASIC-05 [BASIC] Morgana warned Lyonesse." in lines


def test_validate_a_missing_file_exits_2(tmp_path):
    result = run("validate", str(tmp_path / "none.xml"), "--dictionaries", str(FIXTURE))
    assert result.exit_code == 2
    assert "EC120" in result.output


def test_explain_says_when_a_discard_stopped_the_sentence():
    result = run("explain", "Avalon warned Lyonesse before the tournament.", "-c", f"petrarch:{FIXTURE}")
    assert result.exit_code == 0, result.output
    assert "sentence discard 'tournament': the sentence codes nothing" in result.output
    assert result.output.rstrip().endswith("none")
