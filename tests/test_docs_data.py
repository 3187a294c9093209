"""The data dictionary and the panel definitions are documented where a user reads them (issue 16)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventcoder.cli import app
from eventcoder.dictionary import column_descriptions, dictionary_text, table_descriptions
from eventcoder.export.schema import TABLES
from eventcoder.panels import COLUMN_DEFINITIONS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_column_is_in_the_data_dictionary(table: str) -> None:
    assert table in table_descriptions()
    assert set(column_descriptions(table)) == set(TABLES[table].names)


def test_the_readme_quotes_the_data_dictionary() -> None:
    assert dictionary_text() in README


@pytest.mark.parametrize("column", [c for c in COLUMN_DEFINITIONS if not re.fullmatch(r"root_(0[2-9]|1\d|20)", c)])
def test_every_panel_column_is_defined_in_the_readme(column: str) -> None:
    assert f"| `{column}`" in README


@pytest.mark.parametrize("command", ["load", "panel"])
def test_each_command_has_a_readme_section(command: str) -> None:
    assert f"### `eventcoder {command} DIR" in README
    assert any(c.name == command or getattr(c.callback, "__name__", "") == command for c in app.registered_commands)
