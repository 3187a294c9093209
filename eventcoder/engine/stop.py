"""Stopping cleanly: workers die with their parent, and signals stop a run like an error does.

A worker process must never outlive the run that started it: on Linux each
worker asks the kernel (``prctl(PR_SET_PDEATHSIG)``) to kill it when its
parent dies, even by ``kill -9``; elsewhere a thread in the worker watches
the parent's pid. In the parent, :func:`stop_on_signals` turns SIGTERM,
SIGINT and SIGHUP into :class:`~eventcoder.errors.InterruptedRunError`, so the
``with`` blocks of a run unwind: the pool is stopped and the staging
directory removed, and the dataset stays as it was.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from ..errors import InterruptedRunError

__all__ = ["die_with_parent", "reset_signals_in_worker", "stop_on_signals"]

_PR_SET_PDEATHSIG = 1
_WATCH_SECONDS = 0.5
_SIGNALS = tuple(s for s in (signal.SIGTERM, signal.SIGINT, getattr(signal, "SIGHUP", None)) if s is not None)


def die_with_parent(parent: int) -> None:
    """Make this (worker) process exit as soon as the process ``parent`` is gone.

    SIGKILL is the death signal because a worker writes nothing that needs
    cleaning up. The parent may die before the request is made, so the pid
    is checked once afterwards.
    """
    if not _request_death_signal():
        threading.Thread(target=_watch_parent, args=(parent,), name="watch-parent", daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def _request_death_signal() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def reset_signals_in_worker() -> None:
    """Workers leave SIGINT to the parent (a terminal's Ctrl-C reaches both) and die on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within the block, SIGTERM, SIGINT and SIGHUP raise InterruptedRunError in the main thread.

    Outside the main thread (where Python cannot handle signals) this does
    nothing. The previous handlers are restored afterwards.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.getsignal(signum) or signal.SIG_DFL for signum in _SIGNALS}

    def handle(signum: int, frame: FrameType | None) -> None:
        for restored, handler in previous.items():  # a second signal acts as it would have
            signal.signal(restored, handler)
        raise InterruptedRunError(signum, signal.Signals(signum).name)

    for signum in _SIGNALS:
        signal.signal(signum, handle)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
