"""Datasets, exports and reports follow the user's umask (issue 11, item 7); the user cache stays 0600."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.fs.atomic import replacing, staging_dir
from eventcoder.fs.perms import dir_mode, file_mode, umask

ROOT = Path(__file__).resolve().parents[2]
_SCRIPT = """
import os, sys
os.umask(int(sys.argv[1], 8))
from eventcoder.cli import app
out, export, report = sys.argv[2:5]
examples = os.path.join(sys.argv[5], "examples", "aid_yemen_prisoners.txt")
for args in (["code", examples, "--out", out, "-q"], ["export", out, "--view", "gdelt", "--to", export],
             ["report", out, "--html", report]):
    try:
        app(args)
    except SystemExit as exc:
        if exc.code:
            raise
"""


def _modes(root: Path) -> set[tuple[str, int]]:
    found = {("dir", stat.S_IMODE(root.stat().st_mode))}
    for path in root.rglob("*"):
        found.add(("dir" if path.is_dir() else "file", stat.S_IMODE(path.stat().st_mode)))
    return found


@pytest.mark.skipif(os.name != "posix", reason="umask is a POSIX notion")
@pytest.mark.parametrize(("mask", "dirs", "files"), [(0o002, 0o775, 0o664), (0o022, 0o755, 0o644),
                                                      (0o077, 0o700, 0o600)])
def test_outputs_follow_the_umask(tmp_path: Path, mask: int, dirs: int, files: int) -> None:
    out, export, report = tmp_path / "run", tmp_path / "gdelt.tsv", tmp_path / "report.html"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", _SCRIPT, oct(mask), str(out), str(export), str(report), str(ROOT)],
                   check=True, env=env, capture_output=True)
    assert _modes(out) == {("dir", dirs), ("file", files)}  # was dirs 0700 and parts 0600
    assert stat.S_IMODE(export.stat().st_mode) == files
    assert stat.S_IMODE(report.stat().st_mode) == files


def test_umask_is_read_without_changing_it() -> None:
    before = os.umask(0o027)
    try:
        assert umask() == 0o027
        assert (file_mode(), dir_mode(), file_mode(private=True)) == (0o640, 0o750, 0o600)
        assert umask() == 0o027
    finally:
        os.umask(before)


@pytest.mark.skipif(os.name != "posix", reason="umask is a POSIX notion")
def test_private_files_and_staging(tmp_path: Path) -> None:
    before = os.umask(0o002)
    try:
        with replacing(tmp_path / "cache.json", private=True) as temporary:
            temporary.write_text("{}", encoding="utf-8")
        assert stat.S_IMODE((tmp_path / "cache.json").stat().st_mode) == 0o600
        assert stat.S_IMODE(staging_dir(tmp_path / "out").stat().st_mode) == 0o775
    finally:
        os.umask(before)
