"""Permissions of what eventcoder writes: the user's umask, as any Unix tool's output.

:mod:`tempfile` creates files 0600 and directories 0700 whatever the umask,
which would leave datasets, exports and reports unreadable to a colleague or
a shared project directory. Everything written through
:func:`eventcoder.fs.atomic.replacing` and
:func:`eventcoder.fs.atomic.staging_dir` is given ``0o666 & ~umask``
(files) or ``0o777 & ~umask`` (directories) instead; the user cache keeps
0600 (``private``).

The umask is read from ``/proc/self/status`` where Linux shows it, which
changes nothing. Elsewhere it can only be read by setting it and setting it
back, which for that instant affects files other threads create; that is
done once, on first use, and remembered.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

__all__ = ["dir_mode", "file_mode", "follow_umask", "umask"]

_PRIVATE_FILE = 0o600
_lock = threading.Lock()


def umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return _umask_by_setting()


@lru_cache(maxsize=1)
def _umask_by_setting() -> int:
    with _lock:
        current = os.umask(0o077)
        os.umask(current)
    return current


def file_mode(*, private: bool = False) -> int:
    """The mode of a new file: 0666 less the umask, or 0600 when ``private``."""
    return _PRIVATE_FILE if private else 0o666 & ~umask()


def dir_mode() -> int:
    """The mode of a new directory: 0777 less the umask."""
    return 0o777 & ~umask()


def follow_umask(path: Path, *, directory: bool = False) -> None:
    """Give ``path`` (just made by :mod:`tempfile`) the mode the umask asks for."""
    os.chmod(path, dir_mode() if directory else file_mode())
