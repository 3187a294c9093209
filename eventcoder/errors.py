"""Every error eventcoder raises, each with a code and a hint at the fix.

Library code raises these; only the CLI prints them and picks exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass


class EventcoderError(Exception):
    """Base class: ``code`` identifies the error, ``hint`` says what to do."""

    code = "EC000"
    hint = ""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.args[0]}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a codebook, located by file and line."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class CodebookError(EventcoderError):
    """The codebook is invalid; ``problems`` lists every problem found."""

    code = "EC100"
    hint = "fix each listed line, then run `eventcoder codebook check PATH`"

    def __init__(self, problems: list[Problem], source: str = "codebook") -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{source} has {len(self.problems)} problem(s):\n{lines}")


class CodebookNotFoundError(EventcoderError):
    code = "EC101"
    hint = "pass a directory holding codebook.yaml, or omit --codebook to use the default"


class InputError(EventcoderError):
    """No input could be read at all."""

    code = "EC200"
    hint = "check the paths; supported inputs are .txt, .jsonl, .json, .csv, .parquet, directories and -"


class OutputExistsError(EventcoderError):
    code = "EC300"
    hint = "pass --overwrite to replace it, --append to add to it, or choose another --out"


class OutputError(EventcoderError):
    code = "EC301"
    hint = "check that the output directory is writable and has free space"


class DatasetError(EventcoderError):
    """An existing output directory is not a complete eventcoder dataset."""

    code = "EC302"
    hint = "point at a directory written by `eventcoder code` (it holds manifest.json)"


class DatasetLockedError(EventcoderError):
    """Another run is writing the dataset and the caller chose not to wait."""

    code = "EC303"
    hint = "wait for the other run to finish, or leave out --no-wait to wait for it"


class IncompleteDatasetError(DatasetError):
    """A remote prefix holding table parts but no complete manifest.json: a run is committing there, or was killed."""

    code = "EC305"
    hint = ("wait for the run writing it to finish, or write it again with `eventcoder code ... --out URL "
            "--overwrite`; a dataset is complete only once its manifest.json is written, last")


class NotADatasetError(DatasetError):
    """A directory to overwrite or append to that is not an eventcoder dataset; it is never emptied."""

    code = "EC304"
    hint = "choose another --out, or move the listed files away if the directory really is a dataset"


class InterruptedRunError(EventcoderError):
    """A signal (SIGTERM, SIGINT, SIGHUP) stopped the run; nothing was written and the workers were stopped."""

    code = "EC500"
    hint = "rerun the same command: the dataset at --out is as it was before this run"

    def __init__(self, signum: int, name: str) -> None:
        super().__init__(f"stopped by {name}")
        self.signum = signum


class RemotePathError(EventcoderError, ValueError):
    """A URL whose scheme no fsspec filesystem serves (``foo://``), or whose filesystem cannot be opened."""

    code = "EC320"
    hint = ("use a scheme fsspec knows (s3://, gs://, abfs://, memory://) with its backend installed "
            "(pip install 'eventcoder[remote]' for s3://), or copy the data to a local path")


class StreamError(EventcoderError, ValueError):
    """``-`` given where a stream cannot serve: a dataset is a directory, a Stata file needs a seekable file."""

    code = "EC321"
    hint = "pass a path; stream a table or view with `eventcoder export DIR --table events --to - --format csv`"


class ClusterError(EventcoderError):
    """The Dask cluster could not be reached or started; nothing was written."""

    code = "EC510"
    hint = ("check --scheduler (tcp://HOST:8786) and that the scheduler runs; workers must read the inputs and "
            "write --out at the same paths as this machine")


class ExportError(EventcoderError, ValueError):
    """A view or file format that eventcoder cannot write."""

    code = "EC400"
    hint = ("use --view gdelt, gdelt-mentions, icews, phoenix or acled (or --table events, mentions, actors, "
            "articles) and a --to file ending in .parquet, .csv, .tsv or .dta (or --format)")


class DictionaryError(EventcoderError):
    """PETRARCH/TABARI dictionaries that cannot be found or read."""

    code = "EC110"
    hint = ("point at a directory holding PETRARCH dictionaries named *verbs* or CAMEO*, *actors*, *agents*, "
            "*discards*, *Issue* (e.g. --codebook petrarch:DIR)")


class ValidationFileError(EventcoderError):
    """A PETRARCH validation records file that cannot be read."""

    code = "EC120"
    hint = "pass a PETRARCH validation XML file (<Validation> with <Environment> and <Sentence> records)"


class GoldFileError(EventcoderError):
    """A gold annotation file that cannot be read (missing, not JSON Lines, or a malformed record)."""

    code = "EC130"
    hint = ("pass a JSON Lines file with one object per article: article_id (or key), events (each with source, "
            "target, code; optional alt_codes, required, symmetric, date, location, fatalities, evidence), "
            "actors (canonical, code, mentions)")


class DatabaseUrlError(EventcoderError, ValueError):
    """A --db address eventcoder cannot use."""

    code = "EC600"
    hint = "use duckdb:///path/events.duckdb (or a path ending .duckdb) or postgresql://user@host/dbname"


class MissingExtraError(EventcoderError):
    """An optional dependency is not installed."""

    code = "EC601"
    hint = "install the extra named in the message, e.g. pip install 'eventcoder[db]'"


class LoadError(EventcoderError):
    """A database load failed; it was rolled back and the database is as it was."""

    code = "EC602"
    hint = "fix the cause in the message and load again: nothing of the failed load was kept"


class PanelError(EventcoderError, ValueError):
    """A panel that cannot be built or written."""

    code = "EC610"
    hint = "see `eventcoder panel --help`: --unit, --period, --codes, --countries, --to FILE.parquet|.csv|.dta"
