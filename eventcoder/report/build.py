"""Build the report: aggregate a dataset in polars, then hand the result to the page.

:func:`report_payload` is all the work on data (bins, dimensions, facts, the
listed events, the quality numbers, the map); :func:`render_report` packs it
into the HTML page (``page.py``); :func:`write_report` reads a dataset and
writes that page beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from eventcoder.codebook import Codebook
from eventcoder.errors import OutputError
from eventcoder.fs.atomic import replacing
from eventcoder.report.bins import choose_bins
from eventcoder.report.detail import MAX_LISTED, listed_events
from eventcoder.report.dims import MAX_CODES, MAX_NAMED, MAX_PLACES, build_dimensions, roots
from eventcoder.report.encode import pack
from eventcoder.report.events import event_frame
from eventcoder.report.facts import fact_table, with_indices
from eventcoder.report.labels import dataset_codebook, labels_for
from eventcoder.report.page import render_page
from eventcoder.report.quality import run_quality
from eventcoder.report.tables import Tables, read_tables
from eventcoder.report.world import MAP_WIDTH, country_shapes, project, sphere_path
from eventcoder.storage import open_dataset, output_file, url_of

__all__ = ["Payload", "default_report_path", "render_report", "report_payload", "write_report"]

_SOUTHMOST = -58.0  # latitude where the drawn map ends


@dataclass(frozen=True)
class Payload:
    """What the page shows: a JSON-ready ``header`` and the integer ``facts`` columns."""

    header: dict[str, object]
    facts: pl.DataFrame


def default_report_path(dataset_dir: Path) -> Path:
    """Where a report goes by default: ``DIR.report.html`` beside the dataset ``DIR``.

    Beside, not inside: a dataset directory holds only what eventcoder
    rewrites on every run, and a report written into it would be lost.
    """
    dataset_dir = Path(dataset_dir)
    if not dataset_dir.name:  # "." or "/": name it by the directory it stands for
        dataset_dir = dataset_dir.resolve()
    return dataset_dir.parent / f"{dataset_dir.name}.report.html"


def write_report(
    dataset_dir: str | Path,
    html_path: str | Path | None = None,
    *,
    codebook: Codebook | None = None,
    max_listed: int = MAX_LISTED,
) -> Path | str:
    """Write the HTML report of the dataset at ``dataset_dir`` (by default beside it); return where.

    Labels and pattern lines come from ``codebook``, else from the codebook
    the manifest names, else from the default one. The dataset and the page
    may be fsspec URLs (:mod:`eventcoder.storage`); a remote dataset's page
    goes beside it, as ``URL.report.html``.
    """
    dataset = url_of(dataset_dir)
    if html_path is not None:
        target = url_of(html_path)
    else:
        target = f"{dataset.rstrip('/')}.report.html" if isinstance(dataset, str) else default_report_path(dataset)
    name = dataset.rstrip("/").rsplit("/", 1)[-1] if isinstance(dataset, str) else dataset.name
    with open_dataset(dataset, "report on") as local:
        text = render_report(read_tables(local), codebook, title=f"eventcoder report: {name}", max_listed=max_listed)
    try:
        with output_file(target, "--html") as path, replacing(path) as temporary:
            temporary.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc}") from exc
    return target


def render_report(
    tables: Tables, codebook: Codebook | None = None, *, title: str = "eventcoder report", max_listed: int = MAX_LISTED
) -> str:
    """The report page of ``tables`` as HTML text."""
    payload = report_payload(tables, codebook, title=title, max_listed=max_listed)
    return render_page(title, pack(payload.header, payload.facts))


def report_payload(
    tables: Tables, codebook: Codebook | None = None, *, title: str = "eventcoder report", max_listed: int = MAX_LISTED
) -> Payload:
    """Every number and label of the page, aggregated from ``tables``."""
    book = codebook if codebook is not None else dataset_codebook(tables.manifest)
    labels = labels_for(book)
    events = event_frame(tables).collect()
    dates = events.get_column("event_date").drop_nulls()
    first, last = dates.min(), dates.max()
    bins = choose_bins(first if isinstance(first, date) else None, last if isinstance(last, date) else None)
    dims = build_dimensions(events, tables.actors.collect(), labels)
    indexed = with_indices(events, dims, bins)
    header: dict[str, object] = {
        "title": title,
        "subtitle": _subtitle(tables.manifest),
        "counts": _counts(tables, events.height),
        "bins": {"unit": bins.unit.value, "labels": bins.labels(), "starts": [s.isoformat() for s in bins.starts]},
        "codes": dims.codes,
        "named": dims.named,
        "places": dims.places,
        "eventCodes": dims.event_codes,
        "countries": dims.countries,
        "roots": roots(dims.event_codes, labels),
        "caps": {"codes": MAX_CODES, "named": MAX_NAMED, "places": MAX_PLACES, "listed": max_listed},
        "detail": listed_events(indexed, tables, labels, max_listed),
        "quality": run_quality(tables),
        "world": _world(),
    }
    return Payload(header, fact_table(indexed))


def _counts(tables: Tables, n_events: int) -> dict[str, int]:
    counts = {str(k): int(v) for k, v in (tables.manifest.get("row_counts") or {}).items() if isinstance(v, int)}
    counts["events"] = n_events
    return counts


def _subtitle(manifest: Mapping[str, Any]) -> str:
    book = manifest.get("codebook") or {}
    parts = [
        f"codebook {book.get('name')} {book.get('version', '')}".strip() if book.get("name") else "",
        f"eventcoder {manifest['version']}" if manifest.get("version") else "",
        f"finished {manifest['finished']}" if manifest.get("finished") else "",
    ]
    return " · ".join(p for p in parts if p)


def _world() -> dict[str, object]:
    return {
        "width": MAP_WIDTH,
        "height": round(project(0, _SOUTHMOST)[1], 1),  # Antarctica is left out: stop below Tierra del Fuego
        "sphere": sphere_path(),
        "countries": [{"iso3": s.iso3, "name": s.name, "path": s.path} for s in country_shapes()],
    }
