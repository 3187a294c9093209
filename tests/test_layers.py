"""Imports point down the layers (issue 12).

The layers, low to high: a module may import its own layer and lower ones, never a higher one.
``KNOWN_DEBT`` lists the upward imports still to remove; the test fails when a new one appears,
and when one listed is gone (so the list only shrinks).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "eventcoder"
LAYERS = [
    {"_version", "errors", "text", "model", "dictionary", "paths", "stableid"},
    {"fs", "cachecodec", "cacheindex", "diskcache"},
    {"codebook"},
    {"actors", "enrich"},
    {"coder", "ingest"},
    {"engine", "coding", "rows", "events", "export", "storage"},
    {"evaluate", "explain", "scoring", "load", "panels", "report", "summary", "suggest", "run"},
    {"cli", "__init__", "__main__"},
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
KNOWN_DEBT: set[tuple[str, str]] = set()  # all paid (issue 12); an entry here must carry its reason


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """The eventcoder modules ``path`` imports, deferred imports included."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            elif node.module and node.module.split(".")[0] == "eventcoder":
                target = node.module
            else:
                continue
            for alias in node.names:  # "from eventcoder import text": the module text
                sub = f"{target}.{alias.name}"
                found.add(sub if _is_module(sub) else target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "eventcoder"}
    return found


def _is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def upward_imports() -> set[tuple[str, str]]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        source = layer_of(module_name(path))
        for target in imported(path):
            to = layer_of(target)
            if RANK[to] > RANK[source]:
                found.add((source, to))
    return found


def test_every_package_has_a_layer():
    packages = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
                if (p.suffix == ".py" or (p / "__init__.py").is_file())}
    assert packages - set(RANK) == set()


def test_imports_point_down():
    found = upward_imports()
    assert found - KNOWN_DEBT == set(), "new upward imports"
    assert KNOWN_DEBT - found == set(), "fixed: remove them from KNOWN_DEBT"
