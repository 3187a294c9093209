"""Issue 11, item 4: two writers of one dataset take turns, and neither loses the other's articles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import polars as pl
import pytest

from eventcoder.errors import DatasetLockedError
from eventcoder.export.lock import DatasetLock, LockHolder
from eventcoder.export.writer import DatasetWriter

REPO = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "data" / "mini_codebook"
TIMEOUT = 60


def ids(out: Path) -> list[str]:
    return sorted(pl.read_parquet(out / "articles" / "*.parquet")["article_id"].to_list())


def write(out: Path, article_ids: list[str], **flags: bool) -> None:
    with DatasetWriter(out, **flags) as writer:
        writer.write_part("articles", {"article_id": article_ids})
        writer.finish({"run": ",".join(article_ids)})


def test_a_second_appender_waits_and_keeps_the_first_ones_articles(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(out, ["a0"])
    told: list[LockHolder] = []
    first_open, second_waiting = threading.Event(), threading.Event()

    def second() -> None:
        assert first_open.wait(TIMEOUT)

        def on_wait(holder: LockHolder) -> None:
            told.append(holder)
            second_waiting.set()

        with DatasetWriter(out, append=True, on_wait=on_wait) as writer:
            new = sorted({*writer.existing_ids("articles", "article_id"), "c1"} - {"a0", "b1"})
            writer.write_part("articles", {"article_id": new})
            writer.finish({"run": "second"})

    thread = threading.Thread(target=second)
    thread.start()
    with DatasetWriter(out, append=True) as writer:
        first_open.set()
        assert second_waiting.wait(TIMEOUT), "the second writer did not wait for the first"
        writer.write_part("articles", {"article_id": ["b1"]})
        writer.finish({"run": "first"})
    thread.join(TIMEOUT)
    assert ids(out) == ["a0", "b1", "c1"]
    assert [h.pid for h in told] == [os.getpid()]


def test_no_wait_fails_at_once_naming_the_holder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(out, ["a0"])
    lock = DatasetLock(out)
    lock.acquire()
    try:
        with pytest.raises(DatasetLockedError) as caught, DatasetWriter(out, append=True, wait=False):
            pass
    finally:
        lock.release()
    assert f"process {os.getpid()}" in str(caught.value)
    assert ids(out) == ["a0"]


def run_cli(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-m", "eventcoder", "code", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def jsonl(path: Path, prefix: str, count: int) -> Path:
    lines = [json.dumps({"id": f"{prefix}{n}", "text": f"France condemned Russia on day {n}."}) for n in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_appending_processes_lose_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_cli(str(jsonl(tmp_path / "a.jsonl", "a", 5)), "--out", str(out), "-q", "-c", str(MINI))
    assert first.wait(TIMEOUT) == 0, first.communicate()
    appenders = [
        run_cli(str(jsonl(tmp_path / f"{p}.jsonl", p, 30)), "--out", str(out), "--append", "-q", "-c", str(MINI),
                "--batch-size", "5")
        for p in ("b", "c")
    ]
    for child in appenders:
        assert child.wait(TIMEOUT) == 0, child.communicate()
    assert ids(out) == sorted([f"a{n}" for n in range(5)] + [f"{p}{n}" for p in "bc" for n in range(30)])
    manifest = json.loads((out / "manifest.json").read_text())
    assert len(manifest["runs"]) == 3


def test_the_cli_says_it_waits_and_no_wait_exits_2(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(out, ["a0"])
    source = jsonl(tmp_path / "b.jsonl", "b", 2)
    lock = DatasetLock(out)
    lock.acquire()
    try:
        refused = run_cli(str(source), "--out", str(out), "--append", "-q", "--no-wait", "-c", str(MINI))
        _, err = refused.communicate(timeout=TIMEOUT)
        assert refused.returncode == 2 and "EC303" in err
        waiter = run_cli(str(source), "--out", str(out), "--append", "-q", "-c", str(MINI))
        assert waiter.stderr is not None
        line = waiter.stderr.readline()
        assert line.startswith(f"waiting: {out} is being written by process {os.getpid()}"), line
        time.sleep(0.2)
        assert waiter.poll() is None
    finally:
        lock.release()
    assert waiter.wait(TIMEOUT) == 0
    assert ids(out) == ["a0", "b0", "b1"]
