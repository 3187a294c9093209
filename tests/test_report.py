"""Tests for eventcoder.report: one self-contained HTML page per dataset."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from eventcoder import code_corpus, load_codebook
from eventcoder.errors import DatasetError
from eventcoder.report import render_report, write_report

MINI = Path(__file__).parent / "data" / "mini_codebook"
CHROMIUM = next(
    (
        p
        for p in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser"))
        if p and Path(p).exists()
    ),
    None,
)


def _events(n: int = 12, start: date = date(2024, 11, 1), step: int = 1, **extra: Any) -> pl.DataFrame:
    places = [("Baghdad", 33.34, 44.40), ("Kyiv", 50.45, 30.52), (None, None, None)]
    rows = []
    for k in range(n):
        name, lat, lon = places[k % 3]
        rows.append(
            {
                "event_id": f"{k:016x}",
                "event_date": start + timedelta(days=k * step),
                "source_code": "IRQGOV" if k % 2 else "USAGOV",
                "target_code": "IRN",
                "event_code": ["042", "111", "190", "057"][k % 4],
                "quad_class": [1, 3, 4, 2][k % 4],
                "goldstein": [1.9, -2.0, -10.0, 8.0][k % 4],
                "num_mentions": 1 + k % 3,
                "source_name": "Iraqi government" if k % 2 else "White House",
                "target_name": "Iran",
                "location_name": name,
                "latitude": lat,
                "longitude": lon,
                **extra,
            }
        )
    return pl.DataFrame(rows)


def _actors() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "actor_id": ["a", "b", "c"],
            "canonical_name": ["Iran", "White House", "<b>Bold</b> & co"],
            "actor_code": ["IRN", "USAGOV", "UAF"],
            "variants": [["Iran", "Tehran"], ["White House"], ["x"]],
            "mention_count": [12, 6, 1],
            "origin": ["codebook", "codebook", "unknown"],
        }
    )


def test_report_is_self_contained() -> None:
    html = render_report(_events(), _actors(), {"version": "0.1.0", "row_counts": {"articles": 3}})
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)  # nothing fetched
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert html.count("<svg") == 2  # the timeline and the map


def test_report_sections() -> None:
    html = render_report(_events(), _actors(), {"row_counts": {"articles": 3, "mentions": 20}})
    for heading in ("Events per day by QuadClass", "Located events", "Top dyads", "Top actors"):
        assert f"<h2>{heading}</h2>" in html
    assert "<b>3</b>articles" in html and "<b>20</b>mentions" in html
    assert "Tehran" in html  # variants are listed
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in html  # names are escaped
    assert "<code>IRQGOV</code> Iraqi government" in html


def test_map_draws_one_point_per_place() -> None:
    html = render_report(_events(12), _actors())
    assert html.count("<circle") == 2  # Baghdad and Kyiv; a third of the events have no place
    assert "8 of 12 events have a location" in html
    assert 'fill="#d9d4c7"' in html  # the land mask


def test_timeline_counts_days_or_weeks() -> None:
    daily = render_report(_events(10), _actors())
    assert "one bar per day" in daily and "2024-11-01: 1 verbal cooperation" in daily
    weekly = render_report(_events(40, step=7), _actors())
    assert "one bar per week (from Monday)" in weekly


def test_empty_dataset() -> None:
    html = render_report(pl.DataFrame(), pl.DataFrame())
    assert "No dated events." in html and "No events." in html and "No actors." in html


def test_write_report_from_a_coded_dataset(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    records = [
        {
            "id": f"a{i}",
            "text": "France met with Germany. Iranian militias attacked Israeli troops.",
            "published": f"2024-11-{10 + i}",
            "source": "Reuters",
        }
        for i in range(3)
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    code_corpus([source], tmp_path / "out", load_codebook(MINI))
    target = tmp_path / "report" / "index.html"
    write_report(tmp_path / "out", target)
    html = target.read_text(encoding="utf-8")
    assert "codebook mini 1" in html
    assert "<code>IRNUAF</code> Iranian militias" in html
    assert not list(target.parent.glob(".*.tmp"))
    assert target.stat().st_size < 200_000


def test_write_report_needs_a_dataset(tmp_path: Path) -> None:
    with pytest.raises(DatasetError):
        write_report(tmp_path, tmp_path / "report.html")


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_report(_events(30), _actors()), encoding="utf-8")
    shot = tmp_path / "shot.png"
    assert CHROMIUM is not None
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1200,1600",
            page.as_uri(),
        ],
        check=False,
        capture_output=True,
        timeout=120,
    )
    assert shot.is_file()
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a blank page compresses to a few kilobytes
