"""The README documents every CLI command and option (as sqlite-utils' tests/test_docs.py does)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main

from eventcoder.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command under ``command`` with its path of names (typer ships its own click: no isinstance)."""
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from commands(sub, (*path, name))


CLI = typer.main.get_command(app)
COMMANDS = [(" ".join(path), c) for path, c in commands(CLI) if path and not hasattr(c, "commands")]
# (command, the spellings of one option: a boolean flag's two are one option)
OPTIONS = sorted({(name, "/".join(o for o in (*p.opts, *p.secondary_opts) if o.startswith("--")))
                  for name, c in [("", CLI), *COMMANDS] for p in c.params
                  if any(o.startswith("--") for o in p.opts) and "--help" not in p.opts})


@pytest.mark.parametrize("name", [name for name, _ in COMMANDS])
def test_every_command_has_a_readme_section(name: str) -> None:
    assert f"eventcoder {name}" in README, f"README has no `eventcoder {name}`"


@pytest.mark.parametrize(("name", "option"), OPTIONS)
def test_every_option_is_in_the_readme(name: str, option: str) -> None:
    spellings = option.split("/")
    assert any(s in README for s in spellings), f"README never mentions {option} (of `eventcoder {name}`)"
