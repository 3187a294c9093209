"""Code a stream of records batch by batch into Parquet parts: the work every engine shares.

The local engine runs :func:`code_records` once over all inputs; the Dask
engine runs it once per partition on a worker, with a sink that writes into
the run's staging directory. Either way the same batches give the same rows.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import polars as pl

from .codebook import Codebook
from .events import assign_event_ids
from .ingest import Item
from .ingest.unique import UniqueIds
from .model import Article, CodedArticle, Reject, SkippedFile
from .rows import actor_mention_rows, article_rows, mention_rows, reject_rows

__all__ = ["REASONS_SHOWN", "BatchRunner", "PartSink", "Progress", "Tally", "code_records", "write_coded"]

# Rejects quoted when no article at all could be read.
REASONS_SHOWN = 5


class PartSink(Protocol):
    """Where a batch's rows go: the dataset writer, or a worker's part writer."""

    def write_part(self, table: str, data: Any) -> None: ...


BatchRunner = Callable[[Iterable[list[Article]], Codebook, int], Iterator[list[CodedArticle]]]
"""Codes batches in order with a number of local processes: the engine's ``run_batches``."""


@dataclass(frozen=True, slots=True)
class Progress:
    """What a progress callback is told after each batch (local) or partition (Dask).

    The totals are None when not known (see :mod:`eventcoder.engine.progress`);
    the local engine counts each input file as a partition.
    """

    articles: int
    sentences: int
    mentions: int
    rejects: int
    skipped: int = 0
    partitions_done: int = 0
    partitions_total: int | None = None
    bytes_done: int = 0
    bytes_total: int | None = None
    articles_total: int | None = None


@dataclass
class Tally:
    """The running counts of one run (or one partition), and the rejects not yet written."""

    ids: UniqueIds
    articles: int = 0
    sentences: int = 0
    mentions: int = 0
    rejects: int = 0
    pending: list[Reject] = field(default_factory=list)
    sample: list[Reject] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    """Articles skipped per input file, for a tally merged from partitions (else see ``ids.skipped``)."""

    def reject(self, reject: Reject) -> None:
        self.pending.append(reject)
        if len(self.sample) < REASONS_SHOWN:
            self.sample.append(reject)

    def flush_rejects(self, sink: PartSink) -> None:
        if self.pending:
            sink.write_part("rejects", reject_rows(self.pending))
            self.rejects += len(self.pending)
            self.pending.clear()

    def progress(self) -> Progress:
        return Progress(self.articles, self.sentences, self.mentions, self.rejects,
                        sum(self.skipped_by_file().values()))

    def skipped_by_file(self) -> Counter[str]:
        return self.ids.skipped + self.skipped


def _articles(records: Iterator[Item], tally: Tally) -> Iterator[Article]:
    """The articles to code: rejects, repeated ids and skipped files are set aside in ``tally``."""
    for record in records:
        if isinstance(record, SkippedFile):
            tally.skipped_files.append(record.path)
            continue
        checked = tally.ids.check(record) if isinstance(record, Article) else record
        if isinstance(checked, Reject):
            tally.reject(checked)
        elif checked is not None:
            yield checked


def write_coded(sink: PartSink, coded: list[CodedArticle], codebook: Codebook, event_mode: str) -> int:
    """Write one coded batch's articles, actor mentions and mentions as parts; return the mention count."""
    sink.write_part("articles", article_rows(coded))
    actor_mentions = actor_mention_rows(coded)
    if actor_mentions["actor_key"]:
        sink.write_part("actor_mentions", actor_mentions)
    mentions = mention_rows(coded, codebook)
    if mentions["mention_id"]:
        frame = assign_event_ids(pl.DataFrame(mentions, strict=False), event_mode)
        sink.write_part("mentions", frame.to_arrow())
    return len(mentions["mention_id"])


def code_records(
    sink: PartSink,
    records: Iterator[Item],
    tally: Tally,
    codebook: Codebook,
    options: dict[str, Any],
    run_batches: BatchRunner,
    progress: Callable[[Progress], None] | None = None,
) -> None:
    """Code the articles batch by batch, writing each batch's rows (and the rejects met so far) as parts.

    ``options`` gives ``batch_size``, ``event_mode`` and ``workers`` (local
    processes; a Dask worker passes 1). The engine passes its ``run_batches``,
    so this module does not import the engine that imports it.
    """
    stream = _articles(records, tally)
    batches = iter(lambda: list(itertools.islice(stream, options["batch_size"])), [])
    for coded in run_batches(batches, codebook, options["workers"]):
        tally.mentions += write_coded(sink, coded, codebook, options["event_mode"])
        tally.flush_rejects(sink)
        tally.articles += len(coded)
        tally.sentences += sum(c.n_sentences for c in coded)
        if progress is not None:
            progress(tally.progress())
    tally.flush_rejects(sink)
