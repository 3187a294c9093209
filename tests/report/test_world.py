"""The shipped borders decode to one outline per country, on the same projection as the points."""

from __future__ import annotations

import re

import pycountry
import pytest

from eventcoder.report.world import MAP_HEIGHT, MAP_WIDTH, country_shapes, project, sphere_path


def _rings(path: str) -> list[list[tuple[float, float]]]:
    """Absolute points of each subpath of a path written as ``M x y l dx dy ... z``."""
    rings = []
    for sub in re.findall(r"M[^z]*z", path):
        numbers = [float(v) for v in re.findall(r"-?\d*\.?\d+", sub)]
        x, y, points = numbers[0], numbers[1], [(numbers[0], numbers[1])]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
        rings.append(points)
    return rings


def test_every_country_has_a_code_and_an_outline() -> None:
    shapes = country_shapes()
    assert len(shapes) == 176  # Natural Earth 110m's 177 less Antarctica
    for shape in shapes:
        assert shape.iso3 == "XKX" or pycountry.countries.get(alpha_3=shape.iso3), shape
        assert shape.path.startswith("M") and shape.path.endswith("z")
    codes = {s.iso3 for s in shapes}
    assert {"USA", "RUS", "SDN", "UKR", "IRQ", "FJI", "XKX", "SOM"} <= codes and "ATA" not in codes


def test_no_edge_crosses_the_map() -> None:
    """A ring across the antimeridian (Fiji, Chukotka) would draw a stripe over the whole map."""
    for shape in country_shapes():
        for ring in _rings(shape.path):
            for (x0, _), (x1, _) in zip(ring, ring[1:], strict=False):
                assert abs(x1 - x0) < MAP_WIDTH / 4, shape.iso3


@pytest.mark.parametrize(
    ("lon", "lat", "where"),
    [(0, 0, (MAP_WIDTH / 2, MAP_HEIGHT / 2)), (180, 0, (MAP_WIDTH, MAP_HEIGHT / 2)), (0, 90, (MAP_WIDTH / 2, 0))],
)
def test_projection_frame(lon: float, lat: float, where: tuple[float, float]) -> None:
    assert project(lon, lat) == pytest.approx(where, abs=0.05)


def test_points_fall_inside_their_country() -> None:
    """Baghdad projects inside Iraq's outline's bounding box, Kyiv inside Ukraine's."""
    shapes = {s.iso3: s for s in country_shapes()}
    for iso3, (lon, lat) in {"IRQ": (44.40, 33.34), "UKR": (30.52, 50.45), "BRA": (-47.9, -15.8)}.items():
        points = [p for ring in _rings(shapes[iso3].path) for p in ring]
        x, y = project(lon, lat)
        assert min(p[0] for p in points) < x < max(p[0] for p in points)
        assert min(p[1] for p in points) < y < max(p[1] for p in points)


def test_sphere_outline_spans_the_map() -> None:
    points = _rings(sphere_path())[0]
    assert min(p[0] for p in points) == pytest.approx(0, abs=0.2)
    assert max(p[0] for p in points) == pytest.approx(MAP_WIDTH, abs=0.2)
