"""The analyst's report of a dataset: one self-contained, offline HTML page.

``write_report(DIR)`` writes ``DIR.report.html`` beside the dataset. The data
work is done in polars (``events``, ``dims``, ``facts``, ``detail``,
``quality``: aggregation only), packed into one compressed blob
(``encode``), and drawn by the page's inline scripts (``page`` and
``assets/``), which recount every panel when a filter changes.
"""

from eventcoder.report.build import Payload, default_report_path, render_report, report_payload, write_report
from eventcoder.report.detail import MAX_LISTED
from eventcoder.report.tables import Tables, read_tables

__all__ = [
    "MAX_LISTED",
    "Payload",
    "Tables",
    "default_report_path",
    "read_tables",
    "render_report",
    "report_payload",
    "write_report",
]
