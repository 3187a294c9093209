"""One writer at a time per dataset: an exclusive lock file beside it.

Two runs that append to one dataset at once would each stage a copy of it
and the second swap would throw the first run's articles away. So every
writer holds ``.{name}.lock`` (in the dataset's parent directory) from
before it reads the dataset until its swap is done.

The lock is a ``flock`` taken through ``filelock``: the kernel (or the NFS
lock manager) releases it when its holder dies, so a killed run never leaves
a stale lock, and the file left behind is harmless. While held, the file
holds the holder's pid, host and start time as JSON, for the message a
waiting writer prints. On a filesystem without ``flock`` the lock falls back
to ``filelock``'s soft lock (``.{name}.lock.soft``, holding pid and host),
whose dead holders on this host are recognised and broken.
"""

from __future__ import annotations

import errno
import json
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import filelock

from eventcoder.errors import DatasetLockedError, OutputError

__all__ = ["DatasetLock", "LockHolder", "lock_path"]

_NO_FLOCK = {errno.ENOSYS, errno.ENOLCK, errno.EOPNOTSUPP, getattr(errno, "ENOTSUP", errno.EOPNOTSUPP)}


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who holds a dataset's lock, as far as its lock file says."""

    pid: int | None
    host: str | None
    since: str | None

    def __str__(self) -> str:
        who = f"process {self.pid}" if self.pid is not None else "another process"
        where = f" on {self.host}" if self.host else ""
        when = f" since {self.since}" if self.since else ""
        return f"{who}{where}{when}"


def lock_path(out: Path) -> Path:
    """The lock file of the dataset ``out``: hidden, beside it."""
    return out.parent / f".{out.name}.lock"


class DatasetLock:
    """The exclusive writer lock of one dataset directory."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = lock_path(out)
        self._lock: filelock.BaseFileLock | None = None

    def acquire(self, *, wait: bool = True, on_wait: Callable[[LockHolder], None] | None = None) -> None:
        """Take the lock; when another writer holds it, wait (telling ``on_wait`` once) or raise DatasetLockedError."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = self._take(filelock.FileLock(self.path, on_acquired=_write_holder, thread_local=False),
                              wait, on_wait)
        except OSError as exc:
            if exc.errno not in _NO_FLOCK:
                raise OutputError(f"cannot lock {self.path}: {exc}") from exc
            lock = self._take(filelock.SoftFileLock(f"{self.path}.soft", thread_local=False), wait, on_wait)
        self._lock = lock

    def release(self) -> None:
        """Let the next writer in; safe to call when not held."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def holder(self) -> LockHolder:
        """What the lock file says about its holder (the last one, if it is free)."""
        for path in (self.path, Path(f"{self.path}.soft")):
            try:
                return _parse_holder(path.read_text(encoding="utf-8", errors="replace"))
            except OSError:
                continue
        return LockHolder(None, None, None)

    def _take(
        self, lock: filelock.BaseFileLock, wait: bool, on_wait: Callable[[LockHolder], None] | None
    ) -> filelock.BaseFileLock:
        try:
            lock.acquire(timeout=0)
            return lock
        except filelock.Timeout:
            holder = self.holder()
        if not wait:
            raise DatasetLockedError(f"{self.out} is being written by {holder}")
        if on_wait is not None:
            on_wait(holder)
        lock.acquire(timeout=-1)
        return lock


def _write_holder(fd: int) -> None:
    """Record this process in the lock file it now holds (called by filelock with the locked descriptor)."""
    record = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "since": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    data = (json.dumps(record) + "\n").encode()
    os.ftruncate(fd, 0)
    os.pwrite(fd, data, 0)


def _parse_holder(text: str) -> LockHolder:
    """Read our JSON record, or the soft lock's "pid, host" lines."""
    try:
        record = json.loads(text)
    except ValueError:
        lines = [line.strip() for line in text.splitlines()]
        first = lines[0] if lines else ""
        return LockHolder(int(first) if first.isdigit() else None, lines[1] if len(lines) > 1 else None, None)
    if not isinstance(record, dict):
        return LockHolder(None, None, None)
    pid, host, since = record.get("pid"), record.get("host"), record.get("since")
    return LockHolder(
        pid if isinstance(pid, int) else None,
        host if isinstance(host, str) else None,
        since if isinstance(since, str) else None,
    )
