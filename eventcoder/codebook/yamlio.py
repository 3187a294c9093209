"""YAML loading that remembers where each value came from.

Codebook problems and `explain` output name file:line, so every string and
mapping read from a codebook file carries the line it was written on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

try:  # the C parser is ~10x faster; fall back where libyaml is missing
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Base = yaml.SafeLoader


class Located(str):
    """A string that knows the line it was read from."""

    __slots__ = ("line",)
    line: int


class LocatedDict(dict[Any, Any]):
    """A mapping that knows the line it starts on."""

    __slots__ = ("line",)
    line: int


class LocatedInt(int):
    """An integer with its line and the text it was written as (``042`` reads as 34)."""

    line: int
    raw: str


class LocatedList(list[Any]):
    __slots__ = ("line",)
    line: int


class _Loader(_Base):  # type: ignore[misc]
    pass


def _string(loader: Any, node: yaml.ScalarNode) -> Located:
    value = Located(loader.construct_scalar(node))
    value.line = node.start_mark.line + 1
    return value


def _integer(loader: Any, node: yaml.ScalarNode) -> LocatedInt:
    value = LocatedInt(yaml.SafeLoader.construct_yaml_int(loader, node))
    value.line = node.start_mark.line + 1
    value.raw = str(node.value)
    return value


def _timestamp(loader: Any, node: yaml.ScalarNode) -> Located:
    """Dates stay text here so that an impossible one is reported, not raised."""
    return _string(loader, node)


def _mapping(loader: Any, node: yaml.MappingNode) -> LocatedDict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = key_node.value
        if isinstance(key, str) and key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} repeats the one on line {seen[key]}; merge the two", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line + 1
    value = LocatedDict(loader.construct_mapping(node, deep=True))
    value.line = node.start_mark.line + 1
    return value


def _sequence(loader: Any, node: yaml.SequenceNode) -> LocatedList:
    value = LocatedList(loader.construct_sequence(node, deep=True))
    value.line = node.start_mark.line + 1
    return value


_Loader.add_constructor("tag:yaml.org,2002:str", _string)
_Loader.add_constructor("tag:yaml.org,2002:int", _integer)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_Loader.add_constructor("tag:yaml.org,2002:map", _mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _sequence)


def load_located(path: Path) -> Any:
    """Parse one YAML file; raises yaml.YAMLError with a position on bad syntax."""
    with path.open("rb") as handle:
        return yaml.load(handle, Loader=_Loader)  # noqa: S506 - a safe loader subclass


def line_of(value: Any, default: int = 1) -> int:
    """The line a loaded value was written on, or ``default``."""
    return getattr(value, "line", default)
