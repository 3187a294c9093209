"""The HTML page: a static template, its stylesheet and scripts (``assets/``), and the data blob.

The page is drawn in the browser from the packed data (``encode.py``), so
one filter change recounts every panel without a server. Everything is
inline, and the page's Content-Security-Policy forbids every fetch, so it
renders offline and cannot leak a request. The assets are plain files,
read with :mod:`importlib.resources`; the only substitution is of four
placeholders, so no template engine is needed.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from importlib import resources

__all__ = ["SCRIPTS", "render_page"]

SCRIPTS = ("data.js", "aggregate.js", "charts.js", "map.js", "panels.js", "app.js")  # in dependency order
_QUADS = ((1, "Verbal cooperation", "#4e9a06"), (2, "Material cooperation", "#3465a4"),
          (3, "Verbal conflict", "#f5a623"), (4, "Material conflict", "#cc0000"))  # fmt: skip


def render_page(title: str, data: str) -> str:
    """The page titled ``title`` holding ``data`` (the base64 text of :func:`~eventcoder.report.encode.pack`)."""
    template, css, js = _assets()
    legend = "".join(f'<span><i style="background:{colour}"></i>{label}</span>' for _, label, colour in _QUADS)
    parts = {"{{TITLE}}": escape(title), "{{CSS}}": css, "{{LEGEND}}": legend, "{{JS}}": js}
    page = template
    for placeholder, value in parts.items():
        page = page.replace(placeholder, value)
    head, tail = page.split("{{DATA}}")  # the data last: it is by far the largest part
    return head + data + tail


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str, str]:
    js = "\n".join(_asset(name) for name in SCRIPTS)
    if "</script" in js.lower():
        raise AssertionError("an inline script may not contain '</script'")  # pragma: no cover
    return _asset("page.html"), _asset("report.css"), js


def _asset(name: str) -> str:
    return resources.files("eventcoder.report").joinpath("assets", name).read_text(encoding="utf-8")
