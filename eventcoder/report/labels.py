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

from eventcoder.codebook import Codebook, load_codebook
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
    """Each country code's everyday name: ISO 3166's common or plain name, else the codebook's.

    ISO's "Iran, Islamic Republic of" gives way to its common name "Iran";
    a code ISO does not know (CAMEO's ``KSV``) or an inverted ISO name
    ("Congo, The Democratic Republic of the") takes the codebook's shortest
    name that is not an acronym, preferring names of two words or more
    ("DR Congo" rather than "Congo", which names the other Congo too).
    """
    spelled: dict[str, set[str]] = {}
    for phrases in codebook.phrases.values():
        for phrase in phrases:
            entry = phrase.entry
            if entry.kind == "country" and entry.key == f"country:{entry.code}":
                spelled.setdefault(entry.code, set()).add(entry.name)
    names: dict[str, str] = {}
    for code, options in spelled.items():
        known = pycountry.countries.get(alpha_3=code)
        official = str(getattr(known, "common_name", None) or known.name) if known else ""
        if official and "," not in official:
            names[code] = official
            continue
        words = [n for n in options if "." not in n and not n.isupper()] or sorted(options)
        names[code] = min(words, key=lambda n: (" " not in n, len(n), n))
    return names


def _role_labels(codebook: Codebook) -> dict[str, str]:
    """Role segment -> label ("MIL" -> "Military"), from the codebook's ``acled`` section when it has one."""
    for doc in codebook.data.get("acled") or []:
        section = doc.get("acled") if isinstance(doc, Mapping) else None
        table = section.get("role_labels") if isinstance(section, Mapping) else None
        if isinstance(table, Mapping):
            return {str(k): str(v) for k, v in table.items()}
    return {role: role for role in codebook.role_codes}
