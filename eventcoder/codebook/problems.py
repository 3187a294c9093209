"""The problem collector the codebook readers share: each problem with its file and line."""

from __future__ import annotations

from typing import Any

from ..errors import Problem
from .yamlio import line_of

__all__ = ["Problems", "as_list"]


class Problems:
    """Collects problems as the loader walks the files."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file: str, value: Any, message: str, line: int | None = None) -> None:
        self.items.append(Problem(file, line if line is not None else line_of(value), message))


def as_list(value: Any) -> list[Any]:
    """A YAML value as a list: None is empty, a single value a list of one."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
