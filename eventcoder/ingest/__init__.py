"""The input layer: files, directories and stdin in; Articles and Rejects out.

``read_inputs`` is a generator over every input, in the order given, so a
corpus of any size flows through in constant memory. Bad input never stops a
run and is never dropped silently: each unreadable file or record becomes a
``Reject`` that says where and why, and reading goes on with the next one.
Text formats are decoded record by record, so one bad byte costs one record.
A file inside an input directory that is in no input format (a README) is
not data: it is yielded as a ``SkippedFile``, for the run to report.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TextIO

from eventcoder.errors import InputError
from eventcoder.ingest.csvfile import read_csv
from eventcoder.ingest.jsondoc import read_json
from eventcoder.ingest.jsonl import read_jsonl, read_jsonl_binary, read_jsonl_lines
from eventcoder.ingest.parquetfile import read_parquet
from eventcoder.ingest.records import MAX_RECORD_BYTES, file_reject, record_to_article
from eventcoder.ingest.txt import article_from_txt, read_txt
from eventcoder.model import Article, Reject, RejectKind, SkippedFile

__all__ = [
    "MAX_RECORD_BYTES",
    "READERS",
    "STDIN",
    "Item",
    "article_from_txt",
    "check_inputs",
    "input_files",
    "read_file",
    "read_inputs",
    "record_to_article",
]

Reader = Callable[[Path], Iterator[Article | Reject]]
Item = Article | Reject | SkippedFile
"""What reading the inputs yields."""

READERS: Mapping[str, Reader] = MappingProxyType(
    {
        ".txt": read_txt,
        ".jsonl": read_jsonl,
        ".ndjson": read_jsonl,
        ".json": read_json,
        ".csv": read_csv,
        ".parquet": read_parquet,
    }
)
"""File extension (lower case) -> reader, read-only. Anything else is rejected."""

STDIN = "-"
"""The path that means "JSON Lines from standard input"."""


def read_inputs(paths: Sequence[str | Path], stdin: TextIO | None = None) -> Iterator[Item]:
    """Read every input in order: files, directories (recursively) and ``-``.

    Paths are checked before anything is read, so a typo fails at once with
    an InputError naming every missing path, not after an hour of coding.
    ``-`` reads JSON Lines from ``stdin`` (``sys.stdin`` when not given).
    """
    check_inputs(paths)
    return _read_all(list(paths), stdin if stdin is not None else sys.stdin)


def check_inputs(paths: Sequence[str | Path]) -> None:
    """Raise InputError when no input is given or some input is missing, naming every missing one."""
    if not paths:
        raise InputError("no inputs given")
    missing = [str(path) for path in paths if str(path) != STDIN and _is_missing(Path(path))]
    if missing:
        raise InputError(f"input not found: {', '.join(missing)}")


def _read_all(paths: list[str | Path], stdin: TextIO) -> Iterator[Item]:
    for path in paths:
        if str(path) == STDIN:
            yield from _read_stdin(stdin)
            continue
        for entry in input_files(Path(path)):
            if isinstance(entry, Path):
                yield from read_file(entry)
            else:
                yield entry


def input_files(path: Path) -> Iterator[Path | Reject | SkippedFile]:
    """The files an input path stands for, in reading order: itself, or a directory's files.

    Directory entries that cannot be listed are Rejects, files in no input
    format SkippedFiles (see :func:`_directory_files`).
    """
    if path.is_dir():
        yield from _directory_files(path)
    else:
        yield path


def read_file(path: Path) -> Iterator[Article | Reject]:
    """Read one file with the reader for its extension; a file named as an input in no known format is a Reject."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        reason = f"unsupported file type {suffix or '(no extension)'!r}"
        yield file_reject(path, RejectKind.UNSUPPORTED_FILE, reason)
        return
    try:
        yield from reader(path)
    except OSError as err:
        yield file_reject(path, RejectKind.UNREADABLE, f"could not be read: {err.strerror or err}")


def _directory_files(root: Path) -> Iterator[Path | Reject | SkippedFile]:
    """Every visible file under ``root``, sorted by relative path.

    Sorting makes the article order, and so the output, the same on every
    machine. Hidden files and directories (".git", ".DS_Store") are not
    inputs and are skipped; files in no input format are SkippedFiles; a
    subdirectory that cannot be listed is a Reject.
    """
    entries: list[tuple[tuple[str, ...], Path, OSError | None]] = []

    def unreadable(err: OSError) -> None:
        where = Path(err.filename) if err.filename else root
        entries.append((where.relative_to(root).parts, where, err))

    for directory, subdirectories, files in os.walk(root, onerror=unreadable):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        for name in files:
            if not name.startswith("."):
                path = Path(directory, name)
                entries.append((path.relative_to(root).parts, path, None))
    for _, path, error in sorted(entries, key=lambda entry: entry[0]):
        if error is not None:
            reason = f"directory could not be listed: {error.strerror or error}"
            yield file_reject(path, RejectKind.UNREADABLE, reason)
        elif path.suffix.lower() not in READERS:
            yield SkippedFile(str(path))
        else:
            yield path


def _read_stdin(stdin: TextIO) -> Iterator[Article | Reject]:
    """JSON Lines from stdin, decoded line by line from its bytes when it has them."""
    binary = getattr(stdin, "buffer", None)
    try:
        if binary is not None:
            yield from read_jsonl_binary(binary, name="<stdin>", stem="stdin")
        else:
            yield from read_jsonl_lines(stdin, name="<stdin>", stem="stdin")
    except OSError as err:
        yield file_reject("<stdin>", RejectKind.UNREADABLE, f"could not be read: {err.strerror or err}")


def _is_missing(path: Path) -> bool:
    """True only when the path is absent; other stat errors (permissions) are
    left for the reader to report as a Reject."""
    try:
        path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False
