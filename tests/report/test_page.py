"""The page is one self-contained file: inline scripts and styles, nothing fetched, data embedded."""

from __future__ import annotations

import re

import pytest

from eventcoder.report import Tables, render_report, report_payload
from eventcoder.report.encode import unpack
from eventcoder.report.page import SCRIPTS, render_page


@pytest.fixture()
def html(tables: Tables) -> str:
    return render_report(tables, title="report <of> & co")


def test_nothing_is_fetched(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r"""\s(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<link" not in html and "@import" not in html
    assert set(re.findall(r"url\(([^)]*)\)", html)) <= {"#sphere"}  # the map's clip path, inside the page
    for call in ("fetch(", "XMLHttpRequest", "import(", "WebSocket", "EventSource", "sendBeacon"):
        assert call not in html
    # and the browser is told to refuse any request the page might still make
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';' in html


def test_scripts_and_styles_are_inline(html: str) -> None:
    assert html.count("<script") == 2  # the data blob and the code
    assert '<script type="application/octet-stream" id="ec-data">' in html
    assert "<style>" in html and "function summarise(" in html and "function initMap(" in html
    assert len(SCRIPTS) == 6


def test_title_is_escaped(html: str) -> None:
    assert "<title>report &lt;of&gt; &amp; co</title>" in html and "report <of>" not in html


def test_the_blob_holds_the_payload(tables: Tables, html: str) -> None:
    blob = html.split('id="ec-data">', 1)[1].split("</script>", 1)[0]
    header, columns = unpack(blob)
    payload = report_payload(tables, title="report <of> & co")
    assert header == payload.header
    assert {k: v.tolist() for k, v in columns.items()} == payload.facts.to_dict(as_series=False)


def test_data_cannot_close_its_script() -> None:
    page = render_page("t", "QUJD")
    assert page.count("</script>") == 2
