"""PETRARCH/TABARI dictionaries as eventcoder codebooks.

``load_petrarch(DIR)`` reads a directory of PETRARCH dictionaries (recognised
by file name) into an in-memory :class:`~eventcoder.codebook.Codebook` and a
:class:`LoadReport`; ``load_codebook_spec("petrarch:DIR")`` is what the CLI's
``--codebook`` calls; ``export_yaml`` writes a loaded PETRARCH codebook as an
eventcoder YAML codebook directory.
"""

from __future__ import annotations

from pathlib import Path

from ...errors import DictionaryError
from ..codebook import Codebook
from ..load import load_codebook
from .build import PetrarchFiles, build_codebook, classify_files, kind_of
from .cache import cached_build
from .discards import find_discard
from .export import ExportReport, export_yaml
from .report import LoadReport
from .source import IgnoredLine

__all__ = [
    "ExportReport",
    "IgnoredLine",
    "LoadReport",
    "PetrarchFiles",
    "classify_files",
    "export_yaml",
    "find_discard",
    "import_petrarch",
    "kind_of",
    "load_codebook_spec",
    "load_spec_with_report",
    "load_petrarch",
    "load_petrarch_files",
]

PREFIX = "petrarch:"


def load_petrarch(directory: Path, *, base: Codebook | None = None, cache: bool = True) -> tuple[Codebook, LoadReport]:
    """Every PETRARCH dictionary in ``directory``, recognised by file name.

    ``*verbs*`` or ``CAMEO*`` -> verbs, ``*actors*`` -> actors, ``*agents*``
    -> agents, ``*discards*`` -> discards, ``*Issue*`` -> issues. Raises
    DictionaryError when the directory does not exist or holds none.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise DictionaryError(f"{directory} is not a directory of PETRARCH dictionaries")
    files, unrecognised = classify_files(directory)
    if not files.all():
        raise DictionaryError(f"{directory} holds no PETRARCH dictionary (*verbs*, CAMEO*, *actors*, "
                              "*agents*, *discards*, *Issue*)")
    return load_petrarch_files(files, base=base, root=directory, unrecognised=unrecognised, cache=cache)


def load_petrarch_files(files: PetrarchFiles, *, base: Codebook | None = None, root: Path | None = None,
                        unrecognised: tuple[str, ...] = (), cache: bool = True) -> tuple[Codebook, LoadReport]:
    """The named dictionary files (e.g. those a validation file's ``<Environment>`` lists).

    With ``cache``, the result is kept on disk keyed by the files' contents
    (see :mod:`.cache`); a change to any file or to the reader rebuilds it.
    """
    if cache:
        return cached_build(files, base=base, root=root, unrecognised=unrecognised)
    return build_codebook(files, base=base, root=root, unrecognised=unrecognised)


def load_codebook_spec(spec: str | Path | None) -> Codebook:
    """The codebook a ``--codebook`` value names.

    ``petrarch:DIR`` reads PETRARCH dictionaries; any other value is an
    eventcoder YAML codebook directory; None or ``""`` is the default codebook.
    """
    return load_spec_with_report(spec)[0]


def load_spec_with_report(spec: str | Path | None) -> tuple[Codebook, LoadReport | None]:
    """Like :func:`load_codebook_spec`, with the PETRARCH load report (None for YAML codebooks)."""
    if spec is None or str(spec) == "":
        return load_codebook(), None
    text = str(spec)
    if text.startswith(PREFIX):
        return load_petrarch(Path(text[len(PREFIX):]).expanduser())
    return load_codebook(Path(text).expanduser()), None


def import_petrarch(directory: Path, out_dir: Path, *, overwrite: bool = False) -> tuple[LoadReport, ExportReport]:
    """Convert the PETRARCH dictionaries of ``directory`` into an eventcoder YAML codebook in ``out_dir``.

    The YAML codebook loads with ``load_codebook(out_dir)`` and codes as the
    dictionaries do; ``ExportReport.dropped`` lists anything it cannot hold.
    """
    book, report = load_petrarch(directory)
    return report, export_yaml(book, out_dir, overwrite=overwrite)
