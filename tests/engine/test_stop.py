"""Issue 11, item 5: workers never outlive their run, and a signal stops a run cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "data" / "mini_codebook"
WAIT = 20.0

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table in /proc")


def children(pid: int) -> set[int]:
    """The live processes whose parent is ``pid``."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def wait_until(condition: object, seconds: float = WAIT) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def start_run(tmp_path: Path) -> tuple[subprocess.Popen[bytes], Path]:
    """`eventcoder code` with two workers over a corpus that keeps them busy for a long while."""
    corpus = tmp_path / "big.jsonl"
    text = "France condemned Russia on Monday. Iran called on Iraq to act. Israel was attacked by militias. "
    corpus.write_text("".join(json.dumps({"id": f"a{n}", "text": text * 20}) + "\n" for n in range(40_000)))
    out = tmp_path / "data" / "out"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    args = [sys.executable, "-m", "eventcoder", "code", str(corpus), "--out", str(out), "-q", "-c", str(MINI),
            "--workers", "2", "--batch-size", "50"]
    return subprocess.Popen(args, env=env, stderr=subprocess.DEVNULL), out


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGKILL, -9), (signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_workers_end_with_their_parent(tmp_path: Path, signum: int, code: int) -> None:
    parent, out = start_run(tmp_path)
    try:
        assert wait_until(lambda: len(children(parent.pid)) >= 2), "the pool never started"
        workers = children(parent.pid)
        time.sleep(1.0)  # let them get to work
        parent.send_signal(signum)
        assert parent.wait(WAIT) == code
        assert wait_until(lambda: not any(alive(w) for w in workers)), "workers outlived the run"
    finally:
        parent.kill()
        parent.wait()
    if signum != signal.SIGKILL:  # a handled signal also cleans up; kill -9 leaves it to the next run
        assert sorted(p.name for p in out.parent.iterdir()) == [".out.lock"]
