"""Issue 13 item 7: the progress line's done fraction, time left and text (pure functions); what engines report."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventcoder import code_corpus, load_codebook
from eventcoder.coding import Progress
from eventcoder.engine import Engine
from eventcoder.engine.progress import Estimate, describe, estimate

MINI = Path(__file__).parents[1] / "data" / "mini_codebook"


def progress(**fields: int | None) -> Progress:
    counts = {"articles": 0, "sentences": 0, "mentions": 0, "rejects": 0}
    return Progress(**{**counts, **fields})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("p", "elapsed", "expected"),
    [
        (progress(), 10.0, Estimate(None, None)),  # nothing known
        (progress(articles=50), 10.0, Estimate(None, None)),  # counts without totals
        (progress(partitions_done=0, partitions_total=4), 10.0, Estimate(0.0, None)),  # nothing done yet
        (progress(partitions_done=1, partitions_total=4), 10.0, Estimate(0.25, 30.0)),
        (progress(partitions_done=1, partitions_total=4, bytes_done=300, bytes_total=400), 10.0,
         Estimate(0.75, 10 / 3)),  # bytes weigh partitions of unequal size
        (progress(articles=20, rejects=5, skipped=25, articles_total=100, bytes_done=10, bytes_total=400), 8.0,
         Estimate(0.5, 8.0)),  # records, when known, beat bytes
        (progress(articles=120, articles_total=100), 8.0, Estimate(1.0, 0.0)),  # never past the end
        (progress(partitions_done=2, partitions_total=4), 0.0, Estimate(0.5, None)),  # no time yet
        (progress(partitions_done=4, partitions_total=4), 12.0, Estimate(1.0, 0.0)),
    ],
)
def test_estimate(p, elapsed, expected):
    found = estimate(p, elapsed)
    assert found.fraction == pytest.approx(expected.fraction)
    assert found.seconds_left == pytest.approx(expected.seconds_left)


@pytest.mark.parametrize(
    ("p", "elapsed", "expected"),
    [
        (progress(articles=1234, sentences=5678, mentions=90, rejects=1), 3.0,
         "1,234 articles, 5,678 sentences, 90 event mentions, 1 rejects"),
        (progress(articles=10, partitions_done=1, partitions_total=8), 5.0,
         "1/8 partitions, 10 articles, 0 sentences, 0 event mentions, 0 rejects, ETA 0:35"),
        (progress(articles=1000, articles_total=4000, partitions_done=0, partitions_total=2), 1200.0,
         "0/2 partitions, 1,000/4,000 articles, 0 sentences, 0 event mentions, 0 rejects, ETA 1:00:00"),
    ],
)
def test_describe(p, elapsed, expected):
    assert describe(p, elapsed) == expected


@pytest.fixture
def inputs(tmp_path):
    lines = [json.dumps({"text": "France condemned Russia on Monday.", "id": f"j{i}"}) for i in range(30)]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "b.txt").write_text("Iran called on Iraq to act.\n", encoding="utf-8")
    (tmp_path / "dir" / "README").write_text("not data", encoding="utf-8")
    table = pa.table({"text": ["Israel was attacked by Iranian militias."] * 12, "id": [f"p{i}" for i in range(12)]})
    pq.write_table(table, tmp_path / "c.parquet", row_group_size=5)
    pq.write_table(table.slice(0, 7).set_column(1, "id", pa.array([f"q{i}" for i in range(7)])), tmp_path / "d.parquet")
    return tmp_path


@pytest.mark.parametrize(
    ("names", "engine", "articles_total", "partitions_total"),
    [
        (["a.jsonl", "dir"], Engine.LOCAL, None, 2),  # the README is no partition
        (["c.parquet", "d.parquet"], Engine.LOCAL, 19, 2),  # all Parquet: the footers give the records
        (["a.jsonl", "dir", "c.parquet"], Engine.DASK, None, None),
        (["c.parquet", "d.parquet"], Engine.DASK, 19, None),
    ],
)
def test_engines_report_totals_and_end_done(tmp_path, inputs, names, engine, articles_total, partitions_total):
    if engine is Engine.DASK:
        pytest.importorskip("distributed")
    seen: list[Progress] = []
    result = code_corpus([inputs / n for n in names], tmp_path / "out", load_codebook(MINI), batch_size=4,
                         engine=engine, workers=2, partition_bytes=200, progress=seen.append)
    last = seen[-1]
    assert last.articles == result.articles
    assert last.articles_total == articles_total
    assert last.partitions_total is not None and last.partitions_done == last.partitions_total
    if partitions_total is not None:
        assert last.partitions_total == partitions_total
    assert last.bytes_total and last.bytes_done == last.bytes_total
    assert estimate(last, 1.0) == Estimate(1.0, 0.0)
    fractions = [estimate(p, 1.0).fraction or 0.0 for p in seen]
    assert fractions == sorted(fractions)
