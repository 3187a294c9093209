"""`eventcoder code`: read inputs, code them in batches, write the dataset.

Memory stays flat: articles stream from the readers in batches, each batch's
rows go to a Parquet part file, and events and actors are aggregated at the
end from the written parts by polars.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

import polars as pl

from . import __version__
from .actors.dedupe import actor_occurrences, cluster_actors, remap_actor_mentions, remap_mentions
from .actors.resolve import actor_names
from .codebook import Codebook
from .engine import run_batches
from .errors import InputError
from .events import EVENT_MODES, aggregate_events, assign_event_ids, event_key
from .export.writer import DatasetWriter
from .ingest import read_inputs
from .model import Article, Reject
from .rows import actor_mention_rows, article_rows, mention_rows, reject_rows

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


@dataclass(frozen=True, slots=True)
class Progress:
    """What a progress callback is told after each batch."""

    articles: int
    sentences: int
    mentions: int
    rejects: int


@dataclass(frozen=True)
class RunResult:
    out: Path
    articles: int
    skipped: int
    sentences: int
    mentions: int
    events: int
    actors: int
    rejects: int
    seconds: float
    manifest: dict[str, Any] = field(default_factory=dict)


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
    stdin: TextIO | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> RunResult:
    """Code every article of ``inputs`` into the dataset directory ``out``.

    Raises InputError when no input record could be read at all, and the
    writer's errors when ``out`` exists without ``overwrite``/``append``.
    """
    if event_mode not in EVENT_MODES:
        raise ValueError(f"unknown event mode {event_mode!r}; expected one of {EVENT_MODES}")
    started = datetime.now(timezone.utc)
    records = read_inputs(list(inputs), stdin=stdin)
    counts = {"articles": 0, "skipped": 0, "sentences": 0, "mentions": 0, "rejects": 0}
    with DatasetWriter(Path(out), overwrite=overwrite, append=append) as writer:
        seen = writer.existing_ids("articles", "article_id") if append else set()
        rejects: list[Reject] = []

        def articles() -> Iterator[Article]:
            for record in records:
                if isinstance(record, Reject):
                    rejects.append(record)
                elif record.article_id in seen:
                    counts["skipped"] += 1
                else:
                    seen.add(record.article_id)
                    yield record

        stream = articles()
        batches = iter(lambda: list(itertools.islice(stream, batch_size)), [])
        for coded in run_batches(batches, codebook, workers):
            writer.write_part("articles", article_rows(coded))
            actor_mentions = actor_mention_rows(coded)
            if actor_mentions["actor_key"]:
                writer.write_part("actor_mentions", actor_mentions)
            mentions = mention_rows(coded, codebook)
            if mentions["mention_id"]:
                frame = assign_event_ids(pl.DataFrame(mentions, strict=False), event_mode)
                writer.write_part("mentions", frame.to_arrow())
            if rejects:
                writer.write_part("rejects", reject_rows(rejects))
                counts["rejects"] += len(rejects)
                rejects.clear()
            counts["articles"] += len(coded)
            counts["sentences"] += sum(c.n_sentences for c in coded)
            counts["mentions"] += len(mentions["mention_id"])
            if progress is not None:
                progress(Progress(counts["articles"], counts["sentences"], counts["mentions"], counts["rejects"]))
        if rejects:
            writer.write_part("rejects", reject_rows(rejects))
            counts["rejects"] += len(rejects)
        if counts["articles"] == 0 and counts["skipped"] == 0:
            raise InputError(
                f"no article could be read from {', '.join(map(str, inputs))} ({counts['rejects']} record(s) rejected)"
            )
        n_events, n_actors = _aggregate(writer, codebook, event_mode, append)
        finished = datetime.now(timezone.utc)
        run = {
            "started": started,
            "finished": finished,
            "inputs": [str(p) for p in inputs],
            "parameters": {
                "event_mode": event_mode,
                "batch_size": batch_size,
                "workers": workers,
                "append": append,
                "overwrite": overwrite,
            },
            "counts": dict(counts),
        }
        previous = (writer.previous_manifest or {}).get("runs", []) if append else []
        manifest = {
            "tool": "eventcoder",
            "version": __version__,
            "codebook": {
                "name": codebook.name,
                "version": codebook.version,
                "content_hash": codebook.content_hash,
                "path": str(codebook.root),
            },
            "inputs": run["inputs"],
            "started": started,
            "finished": finished,
            "parameters": run["parameters"],
            "row_counts": writer.row_counts(),
            "runs": [*previous, run],
        }
        writer.finish(manifest)
    return RunResult(
        Path(out),
        counts["articles"],
        counts["skipped"],
        counts["sentences"],
        counts["mentions"],
        n_events,
        n_actors,
        counts["rejects"],
        (finished - started).total_seconds(),
        manifest,
    )
