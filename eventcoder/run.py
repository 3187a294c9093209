"""`eventcoder code`: read inputs, code them in batches, write the dataset.

Memory stays flat: articles stream from the readers in batches, each batch's
rows go to a Parquet part file, and events and actors are aggregated at the
end from the written parts by polars. Each article id is coded once
(:mod:`eventcoder.ingest.unique`); a signal stops the run like an error, so
the dataset is left as it was (:mod:`eventcoder.engine.stop`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

import polars as pl

from ._version import __version__
from .actors.dedupe import actor_occurrences, cluster_actors, remap_actor_mentions, remap_mentions
from .actors.resolve import actor_names
from .codebook import Codebook
from .coding import Progress, Tally
from .engine import Engine, EngineSpec
from .engine.runner import check_engine, code_inputs
from .engine.spec import DEFAULT_PARTITION_BYTES
from .engine.stop import stop_on_signals
from .errors import InputError
from .events import EVENT_MODES, aggregate_events, event_key
from .export.lock import LockHolder
from .export.partition import PartitionBy
from .export.writer import DatasetWriter
from .ingest import check_inputs
from .ingest.unique import UniqueIds
from .model import Location
from .paths import run_paths
from .storage import RunLocation, run_location

__all__ = ["DEFAULT_BATCH_SIZE", "Progress", "RunResult", "code_corpus"]

# Articles coded per batch, and so per Parquet part of articles/, mentions/ and
# actor_mentions/: large enough that per-part costs vanish, small enough that
# a batch's rows stay a few tens of MiB.
DEFAULT_BATCH_SIZE = 500
# Rows of the actors table per Parquet part.
ACTORS_PER_PART = 100_000
# Events are aggregated from the written mentions in hash buckets of
# about this many mentions each, so the memory of aggregation stays bounded
# however large the corpus is.
MENTIONS_PER_BUCKET = 20_000


def _dedupe_actors(writer: DatasetWriter, codebook: Codebook, appended: bool) -> int:
    """Cluster the corpus's actors, write ``actors/`` (one row per cluster), point mentions at the clusters.

    Runs after all batches, on every written actor phrase (``actor_mentions/``,
    in an event or not), so the result does not depend on batch size or input
    order. Memory holds the distinct actor surface forms and one part at a
    time. Returns the actor count.

    This run wrote each actor id as the id of its own key, so the parts need
    rewriting only when some key joined another key's cluster, or when parts
    of an earlier run (``appended``) may hold the ids of an older clustering.
    """
    names = actor_names(codebook)
    found = actor_occurrences(writer.scan("actor_mentions"), writer.scan("mentions"), codebook.role_codes)
    clustering = cluster_actors(found, names.folder, names.fuzzy.threshold)
    ids = clustering.keys.select("key", "actor_id")
    if appended or not clustering.keys.filter(pl.col("key") != pl.col("cluster_id")).is_empty():
        writer.rewrite_parts("mentions", lambda part: remap_mentions(part.lazy(), ids).collect())
        writer.rewrite_parts("actor_mentions", lambda part: remap_actor_mentions(part.lazy(), ids).collect())
    table = clustering.clusters.select(
        "actor_id", "canonical_name", "actor_code", "country_code", "role", "variants", "mention_count", "origin"
    )
    for start in range(0, table.height, ACTORS_PER_PART):
        writer.write_part("actors", table.slice(start, ACTORS_PER_PART).to_arrow())
    return table.height


def _aggregate(writer: DatasetWriter, codebook: Codebook, event_mode: str, appended: bool) -> tuple[int, int]:
    """Write the actors table, then the events table one part per bucket; return their row counts."""
    n_actors = _dedupe_actors(writer, codebook, appended)
    mentions = writer.scan("mentions")
    total = mentions.select(pl.len()).collect().item()
    buckets = max(1, -(-total // MENTIONS_PER_BUCKET))
    event_bucket = pl.concat_str([pl.col(c).cast(pl.String) for c in event_key(event_mode)],
                                 ignore_nulls=True).hash() % buckets
    n_events = 0
    for bucket in range(buckets):
        events = aggregate_events(mentions.filter(event_bucket == bucket), event_mode)
        writer.write_part("events", events.to_arrow())
        n_events += events.height
    return n_events, n_actors


@dataclass(frozen=True)
class RunResult:
    """What one run did; the counts are this run's, not the dataset's (see its manifest for those)."""

    out: Path | str
    """The dataset's directory, or its URL when it is remote."""
    articles: int
    skipped: int
    sentences: int
    mentions: int
    events: int
    actors: int
    rejects: int
    seconds: float
    manifest: dict[str, Any] = field(default_factory=dict)
    skipped_by_file: dict[str, int] = field(default_factory=dict)
    """Articles skipped because the dataset already held their id, per input file."""
    skipped_files: tuple[str, ...] = ()
    """Files in input directories that are in no input format (a README), not read."""


def _nothing_read(inputs: Sequence[str | Path], tally: Tally) -> InputError:
    """The error of a run that found no article, quoting the first rejects' reasons."""
    reasons = "".join(f"\n  {Location(r.origin, r.locator)}: {r.reason}" for r in tally.sample)
    left = tally.rejects - len(tally.sample)
    more = f"\n  ... and {left} more" if left > 0 else ""
    return InputError(
        f"no article could be read from {', '.join(map(str, inputs))} ({tally.rejects} record(s) rejected)"
        f"{reasons}{more}"
    )


def code_corpus(
    inputs: Sequence[str | Path],
    out: str | Path,
    codebook: Codebook,
    *,
    overwrite: bool = False,
    append: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    event_mode: str = "one-a-day",
    workers: int = 1,
    engine: Engine = Engine.LOCAL,
    scheduler: str | None = None,
    partition_bytes: int = DEFAULT_PARTITION_BYTES,
    partition_by: PartitionBy | None = None,
    stdin: TextIO | None = None,
    progress: Callable[[Progress], None] | None = None,
    wait: bool = True,
    on_wait: Callable[[LockHolder], None] | None = None,
) -> RunResult:
    """Code every article of ``inputs`` into the dataset directory ``out``.

    Raises InputError when no input record could be read at all, the
    writer's errors when ``out`` exists without ``overwrite``/``append`` or is
    not a dataset, DatasetLockedError when another run writes ``out`` and
    ``wait`` is false (else ``on_wait`` is told who, and the run waits), and
    InterruptedRunError when a signal stops the run. ``engine`` picks where
    batches are coded (``workers`` local processes, or a Dask cluster at
    ``scheduler``, a LocalCluster of ``workers`` processes without one);
    MissingExtraError when the Dask extra is not installed; StreamError for
    ``-`` as ``out``. ``out`` and inputs may be fsspec URLs (``s3://b/run``):
    the run codes into a local spool and commits to the prefix with the
    manifest last (:mod:`eventcoder.storage`); MissingExtraError when the
    scheme's backend is missing, RemotePathError for a scheme fsspec does not
    know. ``partition_by`` splits mentions/ and events/ by event date
    (:mod:`eventcoder.export.partition`); an append keeps the dataset's.
    """
    if event_mode not in EVENT_MODES:
        raise ValueError(f"unknown event mode {event_mode!r}; expected one of {EVENT_MODES}")
    run_paths(inputs, out)  # `--out -` is refused before anything is read
    spec = EngineSpec(engine, workers, scheduler, partition_bytes)
    check_engine(spec)
    options = {"event_mode": event_mode, "batch_size": batch_size, "workers": workers, "append": append,
               "overwrite": overwrite, "engine": engine.value, "scheduler": scheduler}
    if partition_by is not None:
        options["partition_by"] = partition_by.value
    with run_location(inputs, out, overwrite=overwrite, append=append) as where:
        check_inputs(list(where.inputs))
        result = _code(where, inputs, codebook, spec, options, stdin, progress, wait, on_wait, partition_by)
        with stop_on_signals():  # a signal mid-commit leaves a prefix readers refuse, and the spool is removed
            where.commit()
    return result if where.target is None else replace(result, out=where.target.url)


def _code(
    where: RunLocation,
    inputs: Sequence[str | Path],
    codebook: Codebook,
    spec: EngineSpec,
    options: dict[str, Any],
    stdin: TextIO | None,
    progress: Callable[[Progress], None] | None,
    wait: bool,
    on_wait: Callable[[LockHolder], None] | None,
    partition_by: PartitionBy | None,
) -> RunResult:
    """One run into the local dataset ``where.out``, reading ``where.inputs`` (``inputs`` as the user gave them)."""
    started = datetime.now(timezone.utc)
    append, overwrite = bool(options["append"]), bool(options["overwrite"])
    event_mode = str(options["event_mode"])
    with stop_on_signals(), DatasetWriter(
        where.out, overwrite=overwrite, append=append, wait=wait, on_wait=on_wait, partition_by=partition_by
    ) as writer:
        if writer.partition_by is not None:
            options["partition_by"] = writer.partition_by.value  # an append keeps the dataset's layout
        tally = Tally(UniqueIds(writer.existing_ids("articles", "article_id") if append else None))
        code_inputs(spec, writer, where.inputs, stdin, tally, codebook, options, progress)
        skipped_by_file = {where.origins.get(k, k): n for k, n in tally.skipped_by_file().items()}
        skipped = sum(skipped_by_file.values())
        if tally.articles == 0 and skipped == 0:
            raise _nothing_read(inputs, tally)
        if where.origins:
            _name_origins(writer, where.origins)
        n_events, n_actors = _aggregate(writer, codebook, event_mode, append)
        finished = datetime.now(timezone.utc)
        counts = {"articles": tally.articles, "skipped": skipped, "sentences": tally.sentences,
                  "mentions": tally.mentions, "rejects": tally.rejects}
        skipped_files = [_origin(f, where.origins) for f in tally.skipped_files]
        run = {"started": started, "finished": finished, "inputs": [str(p) for p in inputs], "parameters": options,
               "counts": counts, "skipped_by_file": skipped_by_file, "skipped_files": skipped_files}
        manifest = _manifest(writer, codebook, run)
        writer.finish(manifest)
    return RunResult(
        Path(where.out), tally.articles, skipped, tally.sentences, tally.mentions, n_events, n_actors, tally.rejects,
        (finished - started).total_seconds(), manifest, dict(skipped_by_file), tuple(skipped_files),
    )


def _origin(text: str, origins: dict[str, str]) -> str:
    """``text`` with a remote input's local copy named by its URL."""
    for local, url in origins.items():
        if text.startswith(local):
            return url + text[len(local):]
    return text


def _name_origins(writer: DatasetWriter, origins: dict[str, str]) -> None:
    """Name remote inputs by their URLs, not their local copies, in the origin columns."""
    def rename(part: pl.DataFrame) -> pl.DataFrame:
        column = pl.col("origin")
        for local, url in origins.items():
            column = pl.when(column.str.starts_with(local)).then(
                pl.lit(url) + column.str.slice(len(local))).otherwise(column)
        return part.with_columns(column.alias("origin"))

    for table in ("articles", "rejects"):
        writer.rewrite_parts(table, rename)


def _manifest(writer: DatasetWriter, codebook: Codebook, run: dict[str, Any]) -> dict[str, Any]:
    """The dataset's manifest: this run's settings at the top, every run (earlier ones when appending) in ``runs``."""
    previous = (writer.previous_manifest or {}).get("runs", []) if run["parameters"]["append"] else []
    return {
        "tool": "eventcoder",
        "version": __version__,
        "codebook": {
            "name": codebook.name,
            "version": codebook.version,
            "content_hash": codebook.content_hash,
            "path": str(codebook.root),
        },
        "inputs": run["inputs"],
        "started": run["started"],
        "finished": run["finished"],
        "parameters": run["parameters"],
        "row_counts": writer.row_counts(),
        "runs": [*previous, run],
    }
