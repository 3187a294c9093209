"""Tests for the dataset writer and the atomic swap beneath it."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, assume, given, settings

from eventcoder.errors import DatasetError, OutputError, OutputExistsError
from eventcoder.export.schema import MENTIONS, TABLES
from eventcoder.export.writer import DatasetWriter, conform
from eventcoder.fs import atomic
from eventcoder.fs.atomic import remove_stale_staging, staging_dir, swap_into_place

REPO = Path(__file__).resolve().parents[2]
FORMAT_KEYS = {"format": "eventcoder.dataset", "format_version": 1}
SUBPROCESS_TIMEOUT = 60


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path, with its bytes."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def siblings(out: Path) -> list[str]:
    """What is beside ``out``, but for its lock file, which stays (a free lock is harmless)."""
    return sorted(p.name for p in out.parent.iterdir() if p.name != f".{out.name}.lock")


def make_dataset(out: Path, article_ids: list[str], **flags: bool) -> Path:
    with DatasetWriter(out, **flags) as writer:
        writer.write_part(
            "articles", {"article_id": article_ids, "status": ["ok"] * len(article_ids)}
        )
        writer.write_part(
            "mentions", {"mention_id": [f"{a}-m" for a in article_ids], "article_id": article_ids}
        )
        writer.write_part(
            "rejects", {"origin": ["in.jsonl"], "locator": ["line 3"], "reason": ["bad json"]}
        )
        return writer.finish(
            {"run": ",".join(article_ids), "finished": datetime(2024, 5, 1, 12, 30)}
        )


def read_column(out: Path, table: str, column: str) -> list[Any]:
    return sorted(
        pl.scan_parquet(out / table / "*.parquet").select(column).collect().to_series().to_list()
    )


# -- choosing the target ------------------------------------------------------


@pytest.mark.parametrize(
    ("setup", "flags", "error"),
    [
        ("dataset", {}, OutputExistsError),
        ("other", {}, OutputExistsError),
        ("other", {"overwrite": True}, DatasetError),  # never replace a non-dataset
        ("other", {"append": True}, DatasetError),
        ("missing", {"append": True}, DatasetError),
        ("empty", {"append": True}, DatasetError),
        ("file", {}, OutputError),
        ("file", {"overwrite": True}, OutputError),
        ("missing", {"overwrite": True, "append": True}, ValueError),
    ],
)
def test_refuses_target(
    tmp_path: Path, setup: str, flags: dict[str, bool], error: type[Exception]
) -> None:
    out = tmp_path / "out"
    if setup == "dataset":
        make_dataset(out, ["a1"])
    elif setup == "other":
        out.mkdir()
        (out / "notes.txt").write_text("precious")
    elif setup == "empty":
        out.mkdir()
    elif setup == "file":
        out.write_text("precious")
    before = snapshot(tmp_path)
    with pytest.raises(error):
        DatasetWriter(out, **flags)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("setup", "flags"),
    [
        ("missing", {}),
        ("missing-parent", {}),
        ("empty", {}),
        ("missing", {"overwrite": True}),
        ("empty", {"overwrite": True}),
        ("dataset", {"overwrite": True}),
    ],
)
def test_accepts_target(tmp_path: Path, setup: str, flags: dict[str, bool]) -> None:
    out = tmp_path / "deep" / "out" if setup == "missing-parent" else tmp_path / "out"
    if setup == "empty":
        out.mkdir()
    elif setup == "dataset":
        make_dataset(out, ["old1", "old2"])
    assert make_dataset(out, ["new"], **flags) == out
    assert read_column(out, "articles", "article_id") == ["new"]
    assert siblings(out) == ["out"]


def test_overwrite_replaces_every_table(tmp_path: Path) -> None:
    out = tmp_path / "out"
    make_dataset(out, ["old1", "old2"])
    with DatasetWriter(out, overwrite=True) as writer:
        writer.write_part("articles", {"article_id": ["new"]})
        writer.finish({"run": "new"})
    assert read_column(out, "articles", "article_id") == ["new"]
    assert read_column(out, "mentions", "mention_id") == []
    assert read_column(out, "rejects", "reason") == []
    assert json.loads((out / "manifest.json").read_text()) == {"run": "new", **FORMAT_KEYS}


# -- appending ----------------------------------------------------------------


def test_append_keeps_old_parts_and_reports_ids(tmp_path: Path) -> None:
    out = tmp_path / "out"
    make_dataset(out, ["a1", "a2"])
    old_part = out / "articles" / "part-00000.parquet"
    old_bytes = old_part.read_bytes()
    with DatasetWriter(out, append=True) as writer:
        assert writer.previous_manifest is not None
        assert writer.previous_manifest["run"] == "a1,a2"
        assert writer.existing_ids("articles", "article_id") == {"a1", "a2"}
        assert writer.existing_ids("mentions", "mention_id") == {"a1-m", "a2-m"}
        assert writer.existing_ids("events", "event_id") == set()  # events are recomputed
        staged_part = writer.staging / "articles" / "part-00000.parquet"
        assert staged_part.stat().st_ino == old_part.stat().st_ino  # hardlinked
        writer.write_part("articles", {"article_id": ["a3"]})
        assert writer.existing_ids("articles", "article_id") == {"a1", "a2", "a3"}
        assert writer.row_counts()["articles"] == 3
        assert read_column(out, "articles", "article_id") == ["a1", "a2"]  # not yet swapped
        writer.finish({"run": "append"})
    assert sorted(p.name for p in (out / "articles").iterdir()) == [
        "part-00000.parquet",
        "part-00001.parquet",
    ]
    assert (out / "articles" / "part-00000.parquet").read_bytes() == old_bytes
    assert read_column(out, "articles", "article_id") == ["a1", "a2", "a3"]
    assert read_column(out, "rejects", "reason") == ["bad json"]
    assert siblings(out) == ["out"]


def test_append_conforms_parts_of_an_older_schema(tmp_path: Path) -> None:
    out = tmp_path / "out"
    make_dataset(out, ["a1"])
    old = pa.table({"article_id": ["a0"], "status": ["ok"]})  # fewer columns
    pq.write_table(old, out / "articles" / "part-00001.parquet")
    with DatasetWriter(out, append=True) as writer:
        assert writer.existing_ids("articles", "article_id") == {"a0", "a1"}
        writer.finish({})
    assert pq.read_schema(out / "articles" / "part-00001.parquet").names == TABLES["articles"].names


def test_append_refuses_a_foreign_part(tmp_path: Path) -> None:
    out = tmp_path / "out"
    make_dataset(out, ["a1"])
    pq.write_table(pa.table({"surprise": [1]}), out / "articles" / "part-00001.parquet")
    before = snapshot(tmp_path)
    with pytest.raises(DatasetError, match="surprise"), DatasetWriter(out, append=True):
        pass
    assert snapshot(tmp_path) == before


# -- what a run writes --------------------------------------------------------


def test_empty_run_writes_every_table_with_its_schema(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with DatasetWriter(out) as writer:
        writer.finish({"started": date(2024, 1, 2), "finished": datetime(2024, 1, 2, 3, 4, 5)})
    assert sorted(p.name for p in out.iterdir()) == sorted([*TABLES, "manifest.json"])
    for table, schema in TABLES.items():
        frame = pl.scan_parquet(out / table / "*.parquet").collect()
        assert frame.height == 0
        assert frame.columns == schema.names
        arrow = ds.dataset(out / table).to_table()
        assert arrow.num_rows == 0
        assert [(f.name, f.type) for f in arrow.schema] == [(f.name, f.type) for f in schema]
    text = (out / "manifest.json").read_text()
    assert json.loads(text) == {"finished": "2024-01-02T03:04:05", "started": "2024-01-02", **FORMAT_KEYS}
    assert text.index('"finished"') < text.index('"started"')  # sorted keys


def test_parts_are_numbered_and_zstd(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with DatasetWriter(out) as writer:
        for i in range(3):
            writer.write_part("mentions", {"mention_id": [f"m{i}"], "event_code": ["0231"]})
        assert writer.scan("mentions").select(pl.len()).collect().item() == 3
        writer.finish({})
    parts = sorted(p.name for p in (out / "mentions").iterdir())
    assert parts == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    meta = pq.ParquetFile(out / "mentions" / parts[0]).metadata
    assert meta.row_group(0).column(0).compression == "ZSTD"
    assert ds.dataset(out / "mentions").to_table().num_rows == 3


@pytest.mark.parametrize(
    "data",
    [
        pa.table({"actor_id": ["x"], "variants": [["X", "Ex"]], "mention_count": [2]}),
        pl.DataFrame({"actor_id": ["x"], "variants": [["X", "Ex"]], "mention_count": [2]}),
        {"actor_id": ["x"], "variants": [["X", "Ex"]], "mention_count": [2]},
    ],
    ids=["arrow", "polars", "dict"],
)
def test_write_table_replaces_earlier_parts(tmp_path: Path, data: Any) -> None:
    out = tmp_path / "out"
    with DatasetWriter(out) as writer:
        writer.write_part("actors", {"actor_id": ["old1"]})
        writer.write_part("actors", {"actor_id": ["old2"]})
        writer.write_table("actors", data)
        writer.finish({})
    frame = pl.read_parquet(out / "actors" / "*.parquet")
    assert frame.select("actor_id", "variants", "mention_count").rows() == [("x", ["X", "Ex"], 2)]


def test_write_view_adds_a_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with DatasetWriter(out) as writer:
        writer.write_view("gdelt", pl.DataFrame({"GLOBALEVENTID": [1]}))
        with pytest.raises(ValueError):
            writer.write_view("events", pl.DataFrame({"a": [1]}))
        with pytest.raises(ValueError):
            writer.write_view("../escape", pl.DataFrame({"a": [1]}))
        writer.finish({})
    assert pl.read_parquet(out / "gdelt" / "*.parquet").to_dicts() == [{"GLOBALEVENTID": 1}]


@pytest.mark.parametrize(
    ("table", "data", "column"),
    [
        ("mentions", {"mention_id": ["m1"], "nonsense": [1]}, "nonsense"),
        ("mentions", {"event_code": [231]}, "event_code"),  # a number is not a CAMEO code
        ("mentions", {"quad_class": [300]}, "quad_class"),
        ("mentions", {"fatalities": [1.5]}, "fatalities"),
        ("mentions", {"event_date": ["not a date"]}, "event_date"),
        ("mentions", {"mention_id": ["m1", "m2"], "article_id": ["a1"]}, "article_id"),
        ("mentions", pa.table({"event_code": pa.array([231])}), "event_code"),
        ("actors", {"variants": [[1, 2]]}, "variants"),
        ("articles", pl.DataFrame({"article_id": ["a"], "extra": [1]}), "extra"),
    ],
)
def test_bad_columns_raise_value_error_naming_them(
    tmp_path: Path, table: str, data: Any, column: str
) -> None:
    with DatasetWriter(tmp_path / "out") as writer, pytest.raises(ValueError, match=repr(column)):
        writer.write_part(table, data)


def test_unknown_table_raises(tmp_path: Path) -> None:
    with DatasetWriter(tmp_path / "out") as writer, pytest.raises(ValueError, match="unknown"):
        writer.write_part("nope", {})


def test_writer_is_unusable_outside_its_block(tmp_path: Path) -> None:
    writer = DatasetWriter(tmp_path / "out")
    with pytest.raises(RuntimeError):
        writer.write_part("articles", {"article_id": ["a"]})


# -- failure leaves the previous dataset --------------------------------------


@pytest.mark.parametrize("flags", [{"overwrite": True}, {"append": True}])
def test_exception_in_block_leaves_previous_dataset(tmp_path: Path, flags: dict[str, bool]) -> None:
    out = tmp_path / "out"
    make_dataset(out, ["a1", "a2"])
    before = snapshot(out)
    with pytest.raises(RuntimeError, match="boom"), DatasetWriter(out, **flags) as writer:
        writer.write_part("articles", {"article_id": ["new"]})
        raise RuntimeError("boom")
    assert snapshot(out) == before
    assert siblings(out) == ["out"]


def test_block_left_without_finish_discards_the_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with DatasetWriter(out) as writer:
        writer.write_part("articles", {"article_id": ["a"]})
    assert siblings(out) == []


def test_unserialisable_manifest_leaves_previous_dataset(tmp_path: Path) -> None:
    out = tmp_path / "out"
    make_dataset(out, ["a1"])
    before = snapshot(out)
    with pytest.raises(TypeError), DatasetWriter(out, overwrite=True) as writer:
        writer.finish({"bad": object()})
    assert snapshot(out) == before
    assert siblings(out) == ["out"]


CHILD = """
import sys, time
from pathlib import Path
from eventcoder.export.writer import DatasetWriter

out, how = Path(sys.argv[1]), sys.argv[2]
if how == "pause":
    with DatasetWriter(out, overwrite=True) as writer:
        writer.write_part("articles", {"article_id": ["new"]})
        print("STAGED", flush=True)
        time.sleep(600)
else:
    print("READY", flush=True)
    i = 0
    while True:
        tag = "ab"[i % 2]
        with DatasetWriter(out, overwrite=True) as writer:
            for n in range(i % 3 + 1):
                writer.write_part("articles", {"article_id": [tag]})
            writer.finish({"tag": tag, "parts": i % 3 + 1})
        i += 1
"""


def start_child(tmp_path: Path, out: Path, how: str) -> subprocess.Popen[str]:
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    path = os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path}
    return subprocess.Popen(
        [sys.executable, str(script), str(out), how],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def wait_for_line(child: subprocess.Popen[str], expected: str) -> None:
    """Read one line from the child, failing after SUBPROCESS_TIMEOUT seconds."""
    assert child.stdout is not None
    ready, _, _ = select.select([child.stdout], [], [], SUBPROCESS_TIMEOUT)
    assert ready, f"child printed nothing in {SUBPROCESS_TIMEOUT}s"
    line = child.stdout.readline()
    assert line.strip() == expected, f"child said {line!r}"


def kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=SUBPROCESS_TIMEOUT)


def test_kill_between_staging_and_swap_leaves_previous_dataset(tmp_path: Path) -> None:
    out = tmp_path / "data" / "out"  # the child script stays out of out.parent
    make_dataset(out, ["a1"])
    before = snapshot(out)
    child = start_child(tmp_path, out, "pause")
    try:
        wait_for_line(child, "STAGED")
    finally:
        kill(child)
    assert snapshot(out) == before
    leftovers = [name for name in siblings(out) if name != "out"]
    assert len(leftovers) == 1 and leftovers[0].startswith(".out.tmp-")
    # The next run removes what the killed one left.
    make_dataset(out, ["next"], overwrite=True)
    assert siblings(out) == ["out"]


@pytest.mark.parametrize("delay", [0.0, 0.005, 0.02, 0.05, 0.1, 0.2])
def test_kill_at_any_moment_leaves_a_whole_dataset(tmp_path: Path, delay: float) -> None:
    out = tmp_path / "data" / "out"  # the child script stays out of out.parent
    make_dataset(out, ["a1"])
    child = start_child(tmp_path, out, "loop")
    try:
        wait_for_line(child, "READY")
        time.sleep(delay)
    finally:
        kill(child)
    manifest = json.loads((out / "manifest.json").read_text())
    if "tag" not in manifest:  # killed before the first swap: the previous one
        assert read_column(out, "articles", "article_id") == ["a1"]
        return
    files = sorted(p.name for p in (out / "articles").iterdir())
    assert files == [f"part-{n:05d}.parquet" for n in range(manifest["parts"])]
    assert read_column(out, "articles", "article_id") == [manifest["tag"]] * manifest["parts"]
    assert sorted(p.name for p in out.iterdir()) == sorted([*TABLES, "manifest.json"])
    remove_stale_staging(out)
    assert siblings(out) == ["out"]


# -- the swap itself ----------------------------------------------------------


def fill(directory: Path, text: str) -> None:
    directory.mkdir(exist_ok=True)
    (directory / "file.txt").write_text(text)


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "fallback"])
@pytest.mark.parametrize("existing", [True, False], ids=["replace", "create"])
def test_swap_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool, existing: bool
) -> None:
    if not exchange:
        monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    out = tmp_path / "out"
    if existing:
        fill(out, "old")
    staged = staging_dir(out)
    assert staged.parent == tmp_path and staged.name.startswith(".out.tmp-")
    fill(staged, "new")
    swap_into_place(staged, out)
    assert (out / "file.txt").read_text() == "new"
    assert siblings(out) == ["out"]


def test_remove_stale_staging_restores_an_interrupted_fallback(tmp_path: Path) -> None:
    out = tmp_path / "out"
    dead = 2**22 + 12345  # above the default pid_max of most systems
    aside = tmp_path / f".out.old-{dead}-abcd"
    fill(aside, "old")
    fill(tmp_path / f".out.tmp-{dead}-efgh", "new, never swapped in")
    fill(tmp_path / f".out.tmp-{os.getpid()}-live", "a run in progress")
    fill(tmp_path / ".other.tmp-1-x", "not ours")
    removed = remove_stale_staging(out)
    assert [p.name for p in removed] == [f".out.tmp-{dead}-efgh"]
    assert (out / "file.txt").read_text() == "old"
    assert siblings(out) == [".other.tmp-1-x", f".out.tmp-{os.getpid()}-live", "out"]


# -- round trip ---------------------------------------------------------------


def _values(field: pa.Field) -> st.SearchStrategy[Any]:
    t = field.type
    if field.name.endswith("_code") and pa.types.is_string(t):
        return st.from_regex(r"\A0[0-9]{1,3}\Z") | st.from_regex(r"\A[A-Z]{3}(GOV|MIL)?\Z")
    if pa.types.is_string(t):
        return st.text(alphabet=st.characters(codec="utf-8"), max_size=20)
    if pa.types.is_date32(t):
        return st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
    if pa.types.is_int8(t):
        return st.integers(-128, 127)
    if pa.types.is_int32(t):
        return st.integers(-(2**31), 2**31 - 1)
    if pa.types.is_floating(t):
        return st.floats(allow_nan=False)
    raise AssertionError(f"no strategy for {t}")


MENTION_ROW = st.fixed_dictionaries({f.name: st.none() | _values(f) for f in MENTIONS})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(MENTION_ROW, max_size=15),
    dropped=st.sets(st.sampled_from(MENTIONS.names)),
)
def test_mentions_round_trip(rows: list[dict[str, Any]], dropped: set[str]) -> None:
    assume(len(dropped) < len(MENTIONS.names))  # with no column at all the row count is unknowable
    columns = {name: [row[name] for row in rows] for name in MENTIONS.names if name not in dropped}
    expected = {name: columns.get(name, [None] * len(rows)) for name in MENTIONS.names}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        with DatasetWriter(out) as writer:
            writer.write_part("mentions", columns)
            writer.finish({})
        frame = pl.scan_parquet(out / "mentions" / "*.parquet").collect()
        assert frame.to_dict(as_series=False) == expected
        assert frame.schema["event_code"] == pl.String
        assert frame.schema["event_date"] == pl.Date
        table = ds.dataset(out / "mentions").to_table()
        assert table.to_pydict() == expected


def test_conform_fills_missing_columns_with_nulls() -> None:
    table = conform({"mention_id": ["m1"]}, MENTIONS)
    assert table.schema == MENTIONS
    assert table.column("fatalities").to_pylist() == [None]
