"""Country borders for the report's map, from the TopoJSON shipped in ``data/``.

The borders are Natural Earth's 1:110m countries (public domain, see
``data/README.md``), so the map needs no network and no GIS dependency: the
TopoJSON arcs are decoded here, projected with the Equal Earth projection (an
equal-area projection, so a choropleth does not inflate the high latitudes)
and written as one SVG path per country. Event points are projected by the
same :func:`project`, so they sit on the borders drawn.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pycountry

__all__ = ["MAP_HEIGHT", "MAP_WIDTH", "CountryShape", "country_shapes", "project", "sphere_path"]

MAP_WIDTH = 1000.0
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2
_X_MAX = math.pi / (_M * (_A1 + 3 * _A2 * 0 + 0))  # x at lon 180, lat 0 (theta = 0)
_SCALE = MAP_WIDTH / (2 * _X_MAX)
_THETA_MAX = math.asin(_M)  # theta at the pole
_Y_MAX = _THETA_MAX * (_A1 + _A2 * _THETA_MAX**2 + _THETA_MAX**6 * (_A3 + _A4 * _THETA_MAX**2))
MAP_HEIGHT = round(2 * _Y_MAX * _SCALE, 1)
# Features without an ISO 3166 numeric id in Natural Earth, by their name there.
_UNNUMBERED = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}
_LEFT_OUT = {"ATA"}  # Antarctica: no events, a fifth of the map's height


@dataclass(frozen=True, slots=True)
class CountryShape:
    """One country's outline: ISO 3166 alpha-3 code, Natural Earth name, SVG path in map units."""

    iso3: str
    name: str
    path: str


def project(lon: float, lat: float) -> tuple[float, float]:
    """Map coordinates (x right, y down, in a MAP_WIDTH x MAP_HEIGHT box) of a lon/lat in degrees."""
    lam = math.radians(lon)  # not clamped: a ring across the antimeridian is drawn past the edge, then clipped
    theta = math.asin(_M * math.sin(math.radians(max(-90.0, min(90.0, lat)))))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return MAP_WIDTH / 2 + x * _SCALE, MAP_HEIGHT / 2 - y * _SCALE


@lru_cache(maxsize=1)
def country_shapes() -> tuple[CountryShape, ...]:
    """Every country's projected outline, read once from the shipped TopoJSON."""
    topology = json.loads(resources.files("eventcoder.report").joinpath("data/countries-110m.json").read_bytes())
    arcs = list(_decode_arcs(topology))
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = str(geometry["properties"]["name"])
        iso3 = _iso3(geometry.get("id"), name)
        if iso3 is None or iso3 in _LEFT_OUT:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [part for polygon in polygons for ring in polygon for part in _unwrapped(_ring(ring, arcs))]
        shapes.append(CountryShape(iso3, name, "".join(_svg_ring(r) for r in rings)))
    return tuple(shapes)


def _iso3(numeric: str | None, name: str) -> str | None:
    if numeric is None:
        return _UNNUMBERED.get(name)
    country = pycountry.countries.get(numeric=str(numeric))
    return None if country is None else str(country.alpha_3)


def _decode_arcs(topology: dict[str, object]) -> Iterator[list[tuple[float, float]]]:
    """TopoJSON's quantised, delta-encoded arcs as lists of lon/lat points."""
    transform = topology["transform"]
    assert isinstance(transform, dict)
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    for arc in topology["arcs"]:  # type: ignore[attr-defined]
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        yield points


def _ring(indexes: Sequence[int], arcs: Sequence[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """One ring from its arcs; a negative index ``~i`` is arc ``i`` reversed; shared end points kept once."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _unwrapped(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring crossing the antimeridian (Fiji, Chukotka) made continuous, once on each side of the map.

    Each copy runs past one edge of the map; the page clips both to the outline
    of the globe (:func:`sphere_path`), which leaves the two halves in place.
    """
    if all(abs(b[0] - a[0]) <= 180 for a, b in zip(ring, ring[1:], strict=False)):
        return [ring]
    east = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
    return [east, [(lon - 360, lat) for lon, lat in east]]


def sphere_path() -> str:
    """The outline of the whole globe in map units: the map's ocean and its clip path."""
    edge = [(180.0, float(lat)) for lat in range(-90, 91, 5)] + [(-180.0, float(lat)) for lat in range(90, -91, -5)]
    return _svg_ring(edge)


def _svg_ring(ring: Sequence[tuple[float, float]]) -> str:
    """A closed SVG subpath in relative steps of a tenth of a map unit; repeated points dropped."""
    steps: list[tuple[int, int]] = []
    for lon, lat in ring:
        x, y = project(lon, lat)
        steps.append((round(x * 10), round(y * 10)))
    if len(set(steps)) < 3:
        return ""
    (x0, y0), out = steps[0], []
    for (px, py), (x, y) in zip(steps, steps[1:], strict=False):
        if (x, y) != (px, py):
            out.append(_number(x - px) + _number(y - py, sign=True))
    return f"M{_number(x0)} {_number(y0)}l" + " ".join(out) + "z"


def _number(tenths: int, sign: bool = False) -> str:
    """A tenth-unit integer as SVG number text, shortest form ("-.3", "12", "4.5")."""
    text = f"{abs(tenths) // 10}.{abs(tenths) % 10}".removesuffix(".0").removeprefix("0") or "0"
    text = ("-" if tenths < 0 else "") + text
    return text if not sign or tenths < 0 else " " + text
