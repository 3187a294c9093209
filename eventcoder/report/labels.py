"""Names the report shows for codes, read from the dataset's codebook.

The dataset holds codes (``SDNMIL``, ``190``, pattern ids); an analyst reads
"Sudan · Military", "Use conventional military force" and the codebook line
that coded an event. All of it comes from the codebook: its event taxonomy,
its country entries, its role labels (the ``acled`` data section) and the
file:line of every pattern.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
import yaml

from eventcoder.codebook import Codebook, load_codebook
from eventcoder.codebook.yamlio import load_located
from eventcoder.errors import EventcoderError

__all__ = ["Labels", "labels_for", "dataset_codebook"]

# Code prefixes naming organisations rather than a country (CAMEO).
ORGANISATION_PREFIXES = ("IGO", "NGO", "MNC")


@dataclass(frozen=True)
class Labels:
    """Labels by code: events, countries, roles, and each pattern's file:line."""

    events: Mapping[str, str] = field(default_factory=dict)
    countries: Mapping[str, str] = field(default_factory=dict)
    roles: Mapping[str, str] = field(default_factory=dict)
    patterns: Mapping[str, str] = field(default_factory=dict)

    def country(self, iso3: str | None) -> str:
        """The short name of a country code; the code itself when unknown."""
        if not iso3:
            return ""
        if iso3 in self.countries:
            return self.countries[iso3]
        known = pycountry.countries.get(alpha_3=iso3)
        return str(getattr(known, "common_name", None) or known.name) if known else iso3

    def split_code(self, code: str) -> tuple[str | None, list[str]]:
        """An actor code as (country or None, role segments): ``SDNMIL`` -> ("SDN", ["MIL"])."""
        head = code[:3]
        is_country = head in self.countries or (
            head not in self.roles and pycountry.countries.get(alpha_3=head) is not None
        )
        country = head if is_country and not head.startswith(ORGANISATION_PREFIXES) else None
        rest = code[3:] if country else code
        return country, [rest[i : i + 3] for i in range(0, len(rest), 3)]

    def actor(self, code: str) -> str:
        """A readable name of an actor code: "Sudan · Military", "Iran", "Military (no country)"."""
        country, roles = self.split_code(code)
        named = " ".join(self.roles.get(r, r) for r in roles)
        if country is None:
            return f"{named} (no country)" if roles and all(r in self.roles for r in roles) else code
        return f"{self.country(country)} · {named}" if named else self.country(country)


def dataset_codebook(manifest: Mapping[str, Any]) -> Codebook | None:
    """The codebook the dataset was coded with (the manifest's path), else the default; None if neither loads."""
    recorded = (manifest.get("codebook") or {}).get("path")
    for path in (recorded, None):
        if path is not None and not (Path(path) / "codebook.yaml").is_file():
            continue
        try:
            return load_codebook(path)
        except EventcoderError:
            continue
    return None


def labels_for(codebook: Codebook | None) -> Labels:
    """Every label the report needs from ``codebook`` (empty tables without one)."""
    if codebook is None:
        return Labels()
    patterns: dict[str, str] = {}
    for table in (codebook.verbs, codebook.nouns):
        for alternatives in table.values():
            for pattern in alternatives:
                patterns.setdefault(pattern.pattern_id, str(pattern.where))
    return Labels(
        events={c.code: c.label for c in codebook.codes.values()},
        countries=_country_names(codebook),
        roles=_role_labels(codebook),
        patterns=patterns,
    )


def _country_names(codebook: Codebook) -> dict[str, str]:
    """Each country code's everyday name: the ``name`` of its entry in the codebook's countries files.

    The compiled codebook keeps every spelling but not which one is the
    name ("Russia", not "Russian Federation" nor "Russian"), so the files are
    read again, as the export views read the taxonomy. Codes they lack fall
    back to ISO 3166 in :meth:`Labels.country`.
    """
    names: dict[str, str] = {}
    for file in sorted(Path(codebook.root).glob("countries*.yaml")):
        try:
            doc = load_located(file) or {}
        except (OSError, yaml.YAMLError):
            continue
        for item in doc.get("countries") or [] if isinstance(doc, Mapping) else []:
            if isinstance(item, Mapping) and item.get("code") and item.get("name"):
                names.setdefault(str(item["code"]), str(item["name"]))
    if "KSV" in names:  # geonames, hence the places, write Kosovo as XKX; CAMEO's actors as KSV
        names.setdefault("XKX", names["KSV"])
    return names


def _role_labels(codebook: Codebook) -> dict[str, str]:
    """Role segment -> label ("MIL" -> "Military"), from the codebook's ``acled`` section when it has one."""
    if codebook.acled is not None and codebook.acled.role_labels:
        return dict(codebook.acled.role_labels)
    return {role: role for role in codebook.role_codes}
