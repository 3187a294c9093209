"""Run the batch function in this process, or in a pool of local processes.

Both paths call the same pure ``code_batch``; a pool only changes where it
runs. The codebook is sent to each worker once, not with every batch; what
is derived from it (name index, gazetteer) is built once per process.

The codebook and what is derived from it live for the whole run, so they are
built first and then frozen out of the cyclic garbage collector's scans
(``gc.freeze``), and the collector runs every 100,000 allocations instead of
every 700: coding makes many short-lived objects and almost no cycles, and
the default settings spent about 5% of a run walking the same objects again.

Workers exit with their parent (:mod:`eventcoder.engine.stop`), and when the
run stops early (an error, a signal, the caller closing the iterator) the
pool is stopped at once: queued batches are cancelled and running workers
are terminated, not waited for.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager

from ..actors.resolve import actor_names
from ..codebook import Codebook
from ..coder import code_article
from ..enrich.geo import gazetteer_for
from ..model import Article, CodedArticle
from .stop import die_with_parent, reset_signals_in_worker

_GC_THRESHOLDS = (100_000, 50, 100)
_WORKER_CODEBOOK: list[Codebook] = []  # set once per worker process by _init_worker


def code_batch(articles: list[Article], codebook: Codebook) -> list[CodedArticle]:
    """Code one batch of articles: the unit of work of every engine."""
    return [code_article(a, codebook) for a in articles]


def _prepare(codebook: Codebook) -> None:
    """Raise the GC's thresholds, build what every article needs from the codebook, then freeze the heap."""
    gc.set_threshold(*_GC_THRESHOLDS)
    gazetteer_for(codebook)
    actor_names(codebook)
    gc.freeze()


@contextmanager
def _long_lived(codebook: Codebook) -> Iterator[None]:
    """:func:`_prepare` for the block, undone afterwards."""
    thresholds = gc.get_threshold()
    _prepare(codebook)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _init_worker(codebook: Codebook, parent: int) -> None:
    die_with_parent(parent)
    reset_signals_in_worker()
    _prepare(codebook)  # the worker process ends with the pool: nothing to undo
    _WORKER_CODEBOOK.append(codebook)


def _code_in_worker(articles: list[Article]) -> list[CodedArticle]:
    return code_batch(articles, _WORKER_CODEBOOK[0])


def run_batches(batches: Iterable[list[Article]], codebook: Codebook, workers: int = 1) -> Iterator[list[CodedArticle]]:
    """Code batches in order; ``workers`` > 1 uses a process pool, at most 2 batches ahead each."""
    if workers <= 1:
        with _long_lived(codebook):
            for batch in batches:
                yield code_batch(batch, codebook)
        return
    pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(codebook, os.getpid()))
    try:
        pending: list[Future[list[CodedArticle]]] = []
        for batch in batches:
            pending.append(pool.submit(_code_in_worker, batch))
            if len(pending) >= 2 * workers:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and terminate the workers now, rather than wait for their batches."""
    # Before Python 3.14 the executor has no public way to stop running workers;
    # read them before shutdown() forgets them.
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        process.terminate()
    for process in workers:
        process.join(timeout=5)
