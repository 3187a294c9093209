"""TABARI dictionaries as eventcoder codebooks.

``load_tabari(DIR)`` reads the ``.verbs``, ``.actors``, ``.agents`` and
``.options`` files of a directory (those its ``.project`` names, when it has
one) into an in-memory :class:`~eventcoder.codebook.Codebook` and a
:class:`~eventcoder.codebook.petrarch.LoadReport`; ``--codebook tabari:DIR``
calls it; ``import_tabari`` writes the codebook as eventcoder YAML.
"""

from __future__ import annotations

from pathlib import Path

from ...errors import DictionaryError
from ..codebook import Codebook
from ..petrarch.export import ExportReport, export_yaml
from ..petrarch.report import LoadReport
from ..tabari_rules import CodeBy, TabariRules
from .build import build_codebook, cached_build
from .codes import CodeKind, TabariCode, parse_tabari_code
from .options import TabariOptions, apply_command, coder_settings, read_options
from .project import TabariFiles, find_files, read_project
from .records import Expect, TabariRecord, read_tabari_records
from .source import Unsupported

__all__ = [
    "CodeBy",
    "CodeKind",
    "Expect",
    "TabariCode",
    "TabariFiles",
    "TabariOptions",
    "TabariRecord",
    "TabariRules",
    "Unsupported",
    "apply_command",
    "coder_settings",
    "find_files",
    "import_tabari",
    "load_tabari",
    "load_tabari_files",
    "parse_tabari_code",
    "read_options",
    "read_project",
    "read_tabari_records",
]

PREFIX = "tabari:"


def load_tabari(path: Path, *, base: Codebook | None = None, cache: bool = True) -> tuple[Codebook, LoadReport]:
    """The TABARI dictionaries of ``path``: a directory, or a ``.project`` file.

    Raises DictionaryError when there is no such directory or it holds none.
    """
    path = Path(path)
    if path.is_file() and path.suffix.lower() == ".project":
        return load_tabari_files(read_project(path), base=base, cache=cache)
    if not path.is_dir():
        raise DictionaryError(f"{path} is not a directory of TABARI dictionaries",
                              "pass a directory holding *.verbs, *.actors, *.agents, *.options (or a .project)")
    return load_tabari_files(find_files(path), base=base, root=path, cache=cache)


def load_tabari_files(files: TabariFiles, *, base: Codebook | None = None, root: Path | None = None,
                      cache: bool = True) -> tuple[Codebook, LoadReport]:
    """The named TABARI files; with ``cache``, kept on disk keyed by their contents."""
    if cache:
        return cached_build(files, base=base, root=root)
    return build_codebook(files, base=base, root=root)


def import_tabari(path: Path, out_dir: Path, *, overwrite: bool = False) -> tuple[LoadReport, ExportReport]:
    """Convert the TABARI dictionaries of ``path`` into an eventcoder YAML codebook in ``out_dir``."""
    book, report = load_tabari(path)
    return report, export_yaml(book, out_dir, overwrite=overwrite)
