"""Which TABARI files a directory holds: by its ``.project`` file, else by extension.

A ``.project`` file names its dictionaries (``<verbsfile> TABARI.Demo.verbs``,
``<actorsfile>``, ``<agentsfile>``, ``<optionsfile>``) and its text. Without
one, every ``*.verbs``, ``*.actors``, ``*.agents`` and ``*.options`` file of
the directory is read, in name order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ...errors import DictionaryError

KINDS = ("verbs", "actors", "agents", "options")
_TAG = re.compile(r"<(\w+)>\s*(\S+)")


@dataclass(frozen=True)
class TabariFiles:
    """The dictionary files to read, by kind; ``project`` the ``.project`` file that named them."""

    verbs: tuple[Path, ...] = ()
    actors: tuple[Path, ...] = ()
    agents: tuple[Path, ...] = ()
    options: tuple[Path, ...] = ()
    project: Path | None = None
    text: str | None = None  # the text file the project names

    def by_kind(self) -> dict[str, tuple[Path, ...]]:
        return {kind: getattr(self, kind) for kind in KINDS}

    def all(self) -> list[Path]:
        return [p for paths in self.by_kind().values() for p in paths]


def read_project(project: Path) -> TabariFiles:
    """The files a ``.project`` names, looked up beside it; DictionaryError for a missing one."""
    named: dict[str, list[Path]] = {kind: [] for kind in KINDS}
    text = None
    missing: list[str] = []
    for raw in project.read_text(encoding="utf-8", errors="replace").splitlines():
        found = _TAG.match(raw.strip())
        if not found:
            continue
        tag, name = found.group(1).lower(), found.group(2)
        kind = tag.removesuffix("file")
        if kind == "text":
            text = name
        elif kind in KINDS:
            path = project.parent / name
            if path.is_file():
                named[kind].append(path)
            else:
                missing.append(name)
    if missing:
        raise DictionaryError(f"{project} names files that are not beside it: {', '.join(missing)}",
                              "put the dictionaries the .project names in its directory")
    return TabariFiles(verbs=tuple(named["verbs"]), actors=tuple(named["actors"]), agents=tuple(named["agents"]),
                       options=tuple(named["options"]), project=project, text=text)


def find_files(directory: Path) -> TabariFiles:
    """The TABARI files of ``directory``: those its single ``.project`` names, else all by extension."""
    projects = sorted(directory.glob("*.project"))
    if len(projects) == 1:
        return read_project(projects[0])
    found: dict[str, list[Path]] = {kind: [] for kind in KINDS}
    for path in sorted(directory.iterdir()):
        suffix = path.suffix.lower().lstrip(".")
        if path.is_file() and not path.name.startswith(".") and suffix in found:
            found[suffix].append(path)
    if not any(found.values()):
        raise DictionaryError(f"{directory} holds no TABARI dictionary (*.verbs, *.actors, *.agents, *.options "
                              "or one *.project)",
                              "point at a directory of TABARI dictionaries (e.g. --codebook tabari:DIR)")
    return TabariFiles(verbs=tuple(found["verbs"]), actors=tuple(found["actors"]), agents=tuple(found["agents"]),
                       options=tuple(found["options"]))
