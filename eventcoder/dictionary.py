"""The data dictionary: what every column of every table means.

One source for the README's data dictionary, the column comments that
``eventcoder load`` writes into a database, and the variable labels of
panels: ``dictionary.md`` beside this module, a Markdown table per table.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

__all__ = ["column_descriptions", "dictionary_text", "table_descriptions"]

_HEADING = re.compile(r"^### `(\w+)`: (.+)$")
_ROW = re.compile(r"^\| `(\w+)` \| (.+) \|$")


def dictionary_text() -> str:
    """The dictionary as Markdown (the README quotes it)."""
    return resources.files("eventcoder").joinpath("dictionary.md").read_text(encoding="utf-8")


@cache
def _parsed() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    tables: dict[str, str] = {}
    columns: dict[str, dict[str, str]] = {}
    current: str | None = None
    for line in dictionary_text().splitlines():
        if heading := _HEADING.match(line):
            current = heading.group(1)
            tables[current] = heading.group(2)
            columns[current] = {}
        elif (row := _ROW.match(line)) and current is not None:
            columns[current][row.group(1)] = row.group(2).replace("`", "")
    return tables, columns


def table_descriptions() -> dict[str, str]:
    """What one row of each table is, by table name."""
    return dict(_parsed()[0])


def column_descriptions(table: str) -> dict[str, str]:
    """What each column of ``table`` means, by column name ({} for an unknown table)."""
    return dict(_parsed()[1].get(table, {}))
