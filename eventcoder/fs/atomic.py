"""Replace a dataset directory so that readers see the old one or the new one.

A run is written into a staging directory beside the output (same parent, so
the same filesystem), then swapped into place in one step. On Linux the swap is
``renameat2(RENAME_EXCHANGE)``, which exchanges two directory entries
atomically: if the process is killed at any moment, ``out`` holds either the
complete previous dataset or the complete new one. Where the exchange is not
available (macOS, some network filesystems) the fallback moves the old
directory aside and the new one in; a kill between those two renames leaves
``out`` absent with the old copy beside it, and :func:`remove_stale_staging`
puts it back on the next run.

Names beside ``out``:

- ``.{name}.tmp-{pid}-{random}``: a staging directory, or after a swap the old
  contents waiting to be deleted;
- ``.{name}.old-{pid}-{random}``: the old dataset moved aside by the fallback.

The pid lets a later run tell the leftovers of a killed process from the
staging directory of a run still in progress on the same machine.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import platform
import re
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from eventcoder.fs.perms import file_mode, follow_umask

__all__ = ["remove_stale_staging", "replacing", "staging_dir", "swap_into_place"]

_Renameat2 = Callable[[int, bytes, int, bytes, int], int]

_AT_FDCWD = -100
_RENAME_EXCHANGE = 1 << 1

# renameat2 syscall numbers, for a libc that lacks the wrapper (glibc < 2.28).
_SYS_RENAMEAT2 = {
    "x86_64": 316,
    "amd64": 316,
    "aarch64": 276,
    "arm64": 276,
    "riscv64": 276,
    "i386": 353,
    "i686": 353,
    "armv7l": 382,
    "ppc64le": 357,
    "s390x": 347,
}

# errno values meaning "this system or filesystem cannot exchange": fall back.
_EXCHANGE_UNSUPPORTED = {
    errno.ENOSYS,
    errno.EINVAL,
    errno.EPERM,
    getattr(errno, "ENOTSUP", errno.EOPNOTSUPP),
    errno.EOPNOTSUPP,
}


def staging_dir(out: Path) -> Path:
    """Create and return a fresh, empty directory beside ``out``.

    The parent of ``out`` is created if missing. The name starts with a dot
    so that dataset readers globbing the parent ignore it.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{out.name}.tmp-{os.getpid()}-"
    staged = Path(tempfile.mkdtemp(prefix=prefix, dir=out.parent))
    follow_umask(staged, directory=True)  # mkdtemp makes 0700: a dataset follows the umask
    return staged


def swap_into_place(staged: Path, out: Path) -> None:
    """Make ``staged`` become ``out``, replacing any previous ``out``.

    ``staged`` must be a sibling of ``out`` (see :func:`staging_dir`). The old
    contents of ``out`` are deleted after the swap; a kill during that deletion
    only leaves a stale directory beside ``out`` for the next run to remove.
    """
    staged, out = Path(staged), Path(out)
    if not os.path.lexists(out):
        try:
            os.rename(staged, out)
        except OSError as exc:
            # Someone created a non-empty ``out`` meanwhile: exchange instead.
            if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
        else:
            _fsync_dir(out.parent)
            return
    if _exchange(staged, out):
        _fsync_dir(out.parent)
        # ``staged`` now names the previous dataset.
        shutil.rmtree(staged, ignore_errors=True)
        return
    aside = out.parent / f".{out.name}.old-{os.getpid()}-{secrets.token_hex(4)}"
    os.rename(out, aside)
    try:
        os.rename(staged, out)
    except OSError:
        os.rename(aside, out)  # put the previous dataset back
        raise
    _fsync_dir(out.parent)
    shutil.rmtree(aside, ignore_errors=True)


def remove_stale_staging(out: Path) -> list[Path]:
    """Clean up what killed runs left beside ``out``; return what was removed.

    Directories of a process still running on this machine are left alone. If
    ``out`` is missing but a fallback swap moved the previous dataset aside,
    that dataset is renamed back to ``out`` first (it is not in the result).
    """
    out = Path(out)
    if not out.parent.is_dir():
        return []
    pattern = re.compile(rf"^\.{re.escape(out.name)}\.(tmp|old)-(\d+)-.+$")
    stale: list[tuple[str, Path]] = []
    for entry in out.parent.iterdir():
        match = pattern.match(entry.name)
        if match and entry.is_dir() and not _pid_alive(int(match.group(2))):
            stale.append((match.group(1), entry))
    if not os.path.lexists(out):
        asides = sorted((p for kind, p in stale if kind == "old"), key=_mtime, reverse=True)
        if asides:
            os.rename(asides[0], out)
            _fsync_dir(out.parent)
            stale = [(kind, p) for kind, p in stale if p != asides[0]]
    removed = []
    for _, path in stale:
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def fsync_tree(root: Path) -> None:
    """Flush every file and directory under ``root`` (and ``root``) to disk."""
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(dirpath))


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange ``a`` and ``b``; False when the system cannot."""
    func = _renameat2()
    if func is None:
        return False
    result = func(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in _EXCHANGE_UNSUPPORTED:
        return False
    raise OSError(err, os.strerror(err), str(a), None, str(b))


def _renameat2() -> _Renameat2 | None:
    """A callable ``(olddirfd, old, newdirfd, new, flags) -> int``, or None."""
    if platform.system() != "Linux":
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    except OSError:
        return None
    args = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    wrapper = getattr(libc, "renameat2", None)
    if wrapper is not None:
        wrapper.argtypes = args
        wrapper.restype = ctypes.c_int
        return cast(_Renameat2, wrapper)
    number = _SYS_RENAMEAT2.get(platform.machine().lower())
    syscall = getattr(libc, "syscall", None)
    if number is None or syscall is None:
        return None
    syscall.restype = ctypes.c_long

    def call(olddirfd: int, old: bytes, newdirfd: int, new: bytes, flags: int) -> int:
        return int(
            syscall(
                ctypes.c_long(number),
                ctypes.c_int(olddirfd),
                ctypes.c_char_p(old),
                ctypes.c_int(newdirfd),
                ctypes.c_char_p(new),
                ctypes.c_uint(flags),
            )
        )

    return call


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # e.g. Windows cannot open directories; nothing to flush there
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def replacing(path: Path, *, private: bool = False) -> Iterator[Path]:
    """A temporary file beside ``path`` to write; renamed over ``path`` when the block succeeds.

    Readers of ``path`` see the old file or the complete new one, never a
    part; on an error the temporary file is removed and ``path`` is untouched.
    The file gets the mode the umask asks for (see :mod:`eventcoder.fs.perms`),
    or 0600 when ``private``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(name, file_mode(private=private))
    finally:
        os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
