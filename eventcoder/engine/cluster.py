"""The Dask engine: partitions coded by the workers of a dask.distributed cluster.

The driver lists the inputs and plans partitions (:mod:`.partitions`); it
ships no article text. Each worker reads its partition, codes it with the
same batch function as the local engine and writes Parquet parts straight
into the run's staging directory, which must be on storage every worker sees
at the same path. A part's number is fixed by its partition and batch, and
each attempt at a partition writes into a directory of its own, of which the
driver commits only the attempt whose result it receives (:mod:`.attempts`),
so a task Dask runs again (its worker died) adds no rows and leaves no files.
What needs the whole corpus (ids read twice, actor clustering, event
aggregation) runs afterwards on the driver, as in a local run.

An id read in two partitions is kept in the first: the later partitions are
coded again with that id claimed, so their records of it become the same
duplicate-id Rejects a local run writes. Inputs rarely repeat ids, so this
costs nothing in the usual run.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ..codebook import Codebook
from ..coding import REASONS_SHOWN, Progress, Tally, code_records
from ..errors import ClusterError, MissingExtraError
from ..export.writer import DatasetWriter, write_part_file
from ..ingest.csvrange import CsvScan, scan_csv, settle
from ..ingest.unique import UniqueIds, place
from ..model import Article, Reject
from .attempts import clear_attempts, commit_attempt, new_attempt, prepare_attempts
from .books import BookRef, resolve, ship_codebook
from .local import run_batches
from .partitions import (
    Partition,
    PieceKind,
    count_jobs,
    count_range,
    csv_jobs,
    partition_bytes,
    plan_partitions,
    read_partition,
    with_breaks,
    with_csv_starts,
)
from .progress import parquet_rows
from .spec import EngineSpec

__all__ = ["code_on_dask", "require_dask"]

PARTS_PER_PARTITION = 100_000
"""Part numbers reserved per partition and table (a partition writes one part per batch)."""
_CONNECT_SECONDS = 30


def require_dask() -> Any:
    """The ``distributed`` module, or MissingExtraError naming the extra to install."""
    try:
        import distributed
    except ImportError as exc:
        raise MissingExtraError(
            "--engine dask needs dask.distributed, which is not installed: pip install 'eventcoder[dask]'",
            hint="pip install 'eventcoder[dask]' (or use --engine local)",
        ) from exc
    return distributed


@dataclass(frozen=True, slots=True)
class _Job:
    """What every partition task shares besides the codebook."""

    staging: str
    first_part: int
    batch_size: int
    event_mode: str


@dataclass(frozen=True, slots=True)
class _Done:
    """What a worker reports for one partition."""

    index: int
    articles: int
    sentences: int
    mentions: int
    rejects: int
    skipped: dict[str, int]
    sample: tuple[Reject, ...]
    parts: dict[str, tuple[str, ...]]
    attempt: str
    """The directory the attempt wrote into (:mod:`.attempts`); ``parts`` are in it until committed."""


@dataclass
class _Parts:
    """A worker's sink: parts numbered from the partition's own block of part numbers."""

    staging: Path
    base: int
    written: dict[str, list[str]] = field(default_factory=dict)

    def write_part(self, table: str, data: Any) -> None:
        paths = self.written.setdefault(table, [])
        if len(paths) >= PARTS_PER_PARTITION:
            raise ValueError(f"a partition wrote more than {PARTS_PER_PARTITION} parts of {table}")
        paths.append(str(write_part_file(self.staging, table, self.base + len(paths), data)))


def _code_partition(
    partition: Partition, book: Codebook | BookRef, coded: frozenset[str], claimed: dict[str, str], job: _Job
) -> _Done:
    """The task: read, code and write one partition on a worker."""
    attempt = new_attempt(Path(job.staging), partition.index)
    sink = _Parts(attempt, job.first_part + partition.index * PARTS_PER_PARTITION)
    tally = Tally(UniqueIds(coded, claimed))
    options = {"batch_size": job.batch_size, "event_mode": job.event_mode, "workers": 1}
    code_records(sink, read_partition(partition), tally, resolve(book), options, run_batches)
    parts = {table: tuple(paths) for table, paths in sink.written.items()}
    return _Done(partition.index, tally.articles, tally.sentences, tally.mentions, tally.rejects,
                 dict(tally.ids.skipped), tuple(tally.sample), parts, str(attempt))


def _first_places(partition: Partition, ids: frozenset[str], coded: frozenset[str]) -> dict[str, str]:
    """The task: where ``partition`` first reads each of ``ids`` (its kept record of it)."""
    found: dict[str, str] = {}
    for record in read_partition(partition):
        if isinstance(record, Article) and record.article_id in ids and record.article_id not in coded:
            found.setdefault(record.article_id, str(place(record)))
    return found


@contextmanager
def _client(spec: EngineSpec) -> Iterator[Any]:
    """A client of the cluster at ``spec.scheduler``, or of a LocalCluster of ``spec.workers`` processes."""
    distributed = require_dask()
    cluster = None
    try:
        if spec.scheduler:
            client = distributed.Client(spec.scheduler, timeout=_CONNECT_SECONDS)
        else:
            cluster = distributed.LocalCluster(n_workers=spec.workers, threads_per_worker=1, processes=True,
                                               dashboard_address=":0", silence_logs=logging.ERROR)
            client = distributed.Client(cluster)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler {spec.scheduler or '(LocalCluster)'}: {exc}") from exc
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            # Stopping the workers takes about 2 s of waiting; the driver's
            # post-processing goes on meanwhile (the interpreter waits for
            # this thread before it exits).
            threading.Thread(target=cluster.close, name="eventcoder-close-cluster").start()


def code_on_dask(
    writer: DatasetWriter,
    inputs: Sequence[str | Path],
    tally: Tally,
    codebook: Codebook,
    options: Mapping[str, Any],
    spec: EngineSpec,
    progress: Callable[[Progress], None] | None = None,
) -> None:
    """Code ``inputs`` on the cluster into ``writer``'s staging directory; the counts go to ``tally``."""
    partitions, found = plan_partitions(inputs, spec.partition_bytes, spec.workers)
    job = _Job(str(writer.staging.absolute()), writer.free_part_number(), options["batch_size"], options["event_mode"])
    coded = tally.ids.coded
    prepare_attempts(writer.staging)
    try:
        with _client(spec) as client:
            partitions = _find_csv_rows(client, _count_lines(client, partitions))
            shared = [ship_codebook(client, codebook), *client.scatter([coded], broadcast=True, hash=False)]
            done = _run(client, partitions, {}, shared, job, progress)
            claimed = _claims(client, partitions, done, coded)
            for index in claimed:
                _remove(done.pop(index))
            done.update(_run(client, [partitions[i] for i in claimed], claimed, shared, job, None))
    finally:
        clear_attempts(writer.staging)
    for item in found:
        if isinstance(item, Reject):
            tally.reject(item)
        else:
            tally.skipped_files.append(item.path)
    for index in sorted(done):
        _merge(tally, done[index])
    tally.flush_rejects(writer)


def _count_lines(client: Any, partitions: list[Partition]) -> list[Partition]:
    """Count, on the workers, the line breaks before each JSONL byte range."""
    jobs = count_jobs(partitions)
    if not jobs:
        return partitions
    counts = client.gather([client.submit(count_range, *job, pure=False) for job in jobs])
    return with_breaks(partitions, dict(zip(jobs, counts, strict=True)))


def _find_csv_rows(client: Any, partitions: list[Partition]) -> list[Partition]:
    """Find, on the workers, where the first row of each CSV byte range starts (:mod:`..ingest.csvrange`)."""
    jobs = csv_jobs(partitions)
    if not jobs:
        return partitions
    keys = [(path, start, stop) for path, ranges in jobs.items() for start, stop in ranges]
    scans = dict(zip(keys, client.gather([client.submit(scan_csv, *key, pure=False) for key in keys]), strict=True))
    settled: dict[tuple[str, int, int], tuple[int, int]] = {}
    for path, ranges in jobs.items():
        keyed = [(path, start, stop) for start, stop in ranges]
        found = settle([scans[key] for key in keyed], functools.partial(_rescan, client, keyed))
        settled.update(zip(keyed, found, strict=True))
    return with_csv_starts(partitions, settled)


def _rescan(client: Any, keys: Sequence[tuple[str, int, int]], index: int, start: int, first: CsvScan) -> CsvScan:
    """Scan CSV range ``index`` again from its true row start ``start``, on a worker."""
    path, _, stop = keys[index]
    future = client.submit(scan_csv, path, start, stop, exact=True, sync=first, pure=False)
    result: CsvScan = future.result()
    return result


def _run(
    client: Any,
    partitions: Sequence[Partition],
    claimed: Mapping[int, dict[str, str]],
    shared: list[Any],
    job: _Job,
    progress: Callable[[Progress], None] | None,
) -> dict[int, _Done]:
    """Code ``partitions`` and wait for all; on any error or signal the cluster's work is cancelled."""
    distributed = require_dask()
    book, coded = shared
    futures = [client.submit(_code_partition, p, book, coded, claimed.get(p.index, {}), job, pure=False)
               for p in partitions]
    partitions_by_index = {p.index: p for p in partitions}
    done: dict[int, _Done] = {}
    running = _starting(partitions)
    try:
        for future in distributed.as_completed(futures):
            result: _Done = future.result()
            parts = commit_attempt(Path(job.staging), Path(result.attempt), result.parts)
            done[result.index] = result = dataclasses.replace(result, parts=parts)
            running = dataclasses.replace(
                running, articles=running.articles + result.articles, sentences=running.sentences + result.sentences,
                mentions=running.mentions + result.mentions, rejects=running.rejects + result.rejects,
                skipped=running.skipped + sum(result.skipped.values()), partitions_done=len(done),
                bytes_done=running.bytes_done + partition_bytes(partitions_by_index[result.index]))
            if progress is not None:
                progress(running)
    except BaseException:
        client.cancel(futures)
        raise
    return done


def _starting(partitions: Sequence[Partition]) -> Progress:
    """The progress of a run of ``partitions`` before any is done, with its totals."""
    pieces = [piece for p in partitions for piece in p.pieces]
    parquet = all(piece.kind is PieceKind.ROW_GROUPS or piece.path.lower().endswith(".parquet") for piece in pieces)
    rows = parquet_rows((Path(piece.path), range(piece.start, piece.stop) if piece.kind is PieceKind.ROW_GROUPS
                         else None) for piece in pieces) if parquet else None
    return Progress(0, 0, 0, 0, partitions_total=len(partitions),
                    bytes_total=sum(partition_bytes(p) for p in partitions), articles_total=rows)


def _claims(
    client: Any, partitions: Sequence[Partition], done: Mapping[int, _Done], coded: frozenset[str]
) -> dict[int, dict[str, str]]:
    """Per later partition, the ids an earlier partition read first, with where it read them."""
    owner = {path: d.index for d in done.values() for path in d.parts.get("articles", ())}
    if not owner:
        return {}
    repeated = (pl.scan_parquet(list(owner), include_file_paths="_part")
                .select("article_id", "_part")
                .group_by("article_id").agg(pl.col("_part"))
                .filter(pl.col("_part").list.len() > 1)
                .collect())
    if repeated.is_empty():
        return {}
    holders = {row["article_id"]: sorted({owner[p] for p in row["_part"]}) for row in repeated.iter_rows(named=True)}
    firsts: dict[int, set[str]] = {}
    for article_id, indexes in holders.items():
        firsts.setdefault(indexes[0], set()).add(article_id)
    asked = {i: client.submit(_first_places, partitions[i], frozenset(ids), coded, pure=False)
             for i, ids in firsts.items()}
    places = {article_id: where for future in asked.values() for article_id, where in future.result().items()}
    claimed: dict[int, dict[str, str]] = {}
    for article_id, indexes in holders.items():
        for index in indexes[1:]:
            claimed.setdefault(index, {})[article_id] = places[article_id]
    return claimed


def _remove(done: _Done) -> None:
    """Delete the parts a partition wrote, before it is coded again."""
    for paths in done.parts.values():
        for path in paths:
            os.remove(path)


def _merge(tally: Tally, done: _Done) -> None:
    tally.articles += done.articles
    tally.sentences += done.sentences
    tally.mentions += done.mentions
    tally.rejects += done.rejects
    tally.skipped.update(done.skipped)
    tally.sample.extend(done.sample[: max(0, REASONS_SHOWN - len(tally.sample))])
