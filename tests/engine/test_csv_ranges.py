"""Issue 13 item 2: a CSV file read in byte ranges gives the rows, ids and rejects of a read of the whole file.

Fields hold line breaks, quotes and commas, so split points fall inside
quoted fields; some lines are not valid CSV. The ranges are scanned and
chained as the Dask engine does (:mod:`eventcoder.ingest.csvrange`), here
in this process.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.ingest.csvfile import read_csv, read_csv_range
from eventcoder.ingest.csvrange import SYNC_STARTS, CsvScan, scan_csv, settle

PIECES = ["France condemned Russia.", "Iran", "\n", "\r\n", '"', '""', ",", " said \"no\"", "é", "\n\n", "x"]
field = st.lists(st.sampled_from(PIECES), max_size=6).map("".join)
row = st.tuples(st.one_of(st.none(), field), field, st.sampled_from(["2024-01-02", "", "bad date"]))
junk = st.sampled_from(['"unclosed,field\n', 'a,"b"c,d\n', "\n", "only,one\n", 'x"y,z\n', "\xff\xfe,\n"])


def write_csv(path: Path, rows: list[tuple[str | None, str, str]], junk_at: dict[int, str], bom: bool) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "text", "published"])
    data = bytearray(b"\xef\xbb\xbf" if bom else b"")
    data += buffer.getvalue().encode()
    for i, (article_id, text, date) in enumerate(rows):
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow([article_id or "", text, date])
        data += buffer.getvalue().encode()
        if i in junk_at:
            data += junk_at[i].encode("latin-1")
    path.write_bytes(bytes(data))
    return bytes(data)


def read_in_ranges(path: Path, cuts: list[int]) -> list[object]:
    """Scan each range from its first line, chain the scans, then read each range from its settled start."""
    size = path.stat().st_size
    bounds = sorted({0, *[c for c in cuts if 0 < c < size], size})
    ranges = list(zip(bounds, bounds[1:], strict=False))
    scans = [scan_csv(path, start, stop) for start, stop in ranges]

    def rescan(index: int, start: int, first: CsvScan) -> CsvScan:
        return scan_csv(path, start, ranges[index][1], exact=True, sync=first)

    settled = settle(scans, rescan)
    found: list[object] = []
    for (start, breaks), (_, stop) in zip(settled, ranges, strict=True):
        found.extend(read_csv_range(path, start, stop, breaks))
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(row, min_size=0, max_size=25),
    junk_at=st.dictionaries(st.integers(0, 25), junk, max_size=4),
    bom=st.booleans(),
    cuts=st.lists(st.integers(1, 4000), max_size=12),
)
def test_ranges_read_what_the_whole_file_reads(tmp_path, rows, junk_at, bom, cuts):
    path = tmp_path / "rows.csv"
    write_csv(path, rows, junk_at, bom)
    assert read_in_ranges(path, cuts) == list(read_csv(path))


def test_a_field_straddling_every_cut_is_read_once(tmp_path):
    text = "first paragraph\n" + "\n".join(f"line {i}, with \"quotes\"" for i in range(200)) + "\nlast"
    path = tmp_path / "long.csv"
    write_csv(path, [(None, "short one", ""), (None, text, ""), ("z", "after", "")], {}, False)
    whole = list(read_csv(path))
    assert len(whole) == 3
    assert read_in_ranges(path, list(range(40, path.stat().st_size, 97))) == whole


def test_a_rescan_stops_where_it_meets_the_first_scan(tmp_path):
    rows = [(None, "a\nb\nc", "")] + [(None, f"row {i}", "") for i in range(3 * SYNC_STARTS)]
    path = tmp_path / "sync.csv"
    data = write_csv(path, rows, {}, False)
    inside = data.index(b"b\nc") + 2  # the line "c" is inside the first row's quoted field
    stop = len(data)
    guessed = scan_csv(path, inside, stop)
    true_start = data.index(b'"row 0"') if b'"row 0"' in data else data.index(b",row 0")
    true_start = data.rindex(b"\n", 0, true_start) + 1
    full = scan_csv(path, true_start, stop, exact=True)
    synced = scan_csv(path, true_start, stop, exact=True, sync=guessed)
    assert guessed.first != true_start
    assert (synced.first, synced.end, synced.lines) == (full.first, full.end, full.lines)
    assert synced.starts == ()  # it ended at the first start both scans met


@pytest.mark.parametrize(
    ("header", "expected_kind"),
    [(b"id,t\xffext\n", "not_utf8"), (b"id,title\nx,y\n", "missing_column"), (b'"id,text\n', "missing_column")],
)
def test_a_bad_header_is_one_reject_from_the_first_range(tmp_path, header, expected_kind):
    path = tmp_path / "bad.csv"
    path.write_bytes(header + b"a,b\n" * 50)
    whole = list(read_csv(path))
    assert [r.kind.value for r in whole] == [expected_kind]
    assert read_in_ranges(path, [10, 60, 120]) == whole
