"""The codebook a ``--codebook`` value names: YAML, ``petrarch:DIR`` or ``tabari:DIR``."""

from __future__ import annotations

from pathlib import Path

from .codebook import Codebook
from .load import load_codebook
from .petrarch import LoadReport, load_petrarch
from .tabari import load_tabari

PREFIXES = ("petrarch:", "tabari:")


def load_spec_with_report(spec: str | Path | None) -> tuple[Codebook, LoadReport | None]:
    """The codebook ``spec`` names and, for community dictionaries, their load report.

    ``petrarch:DIR`` reads PETRARCH dictionaries, ``tabari:DIR`` (or
    ``tabari:FILE.project``) TABARI's; any other value is an eventcoder YAML
    codebook directory; None or ``""`` is the default codebook.
    """
    if spec is None or str(spec) == "":
        return load_codebook(), None
    text = str(spec)
    if text.startswith("petrarch:"):
        return load_petrarch(Path(text.removeprefix("petrarch:")).expanduser())
    if text.startswith("tabari:"):
        return load_tabari(Path(text.removeprefix("tabari:")).expanduser())
    return load_codebook(Path(text).expanduser()), None


def load_codebook_spec(spec: str | Path | None) -> Codebook:
    """Like :func:`load_spec_with_report`, without the report."""
    return load_spec_with_report(spec)[0]
