"""Run the batch function in this process, or in a pool of local processes.

Both paths call the same pure ``code_batch``; a pool only changes where it
runs. The codebook is sent to each worker once, not with every batch, and
each process builds the codebook's gazetteer once and passes it down.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from ..codebook import Codebook
from ..coder import code_article
from ..enrich.geo import Gazetteer, gazetteer_for
from ..model import Article, CodedArticle

_WORKER: list[tuple[Codebook, Gazetteer]] = []  # set once per worker process by _init_worker


def code_batch(articles: list[Article], codebook: Codebook, gazetteer: Gazetteer | None = None) -> list[CodedArticle]:
    """Code one batch of articles: the unit of work of every engine."""
    places = gazetteer if gazetteer is not None else gazetteer_for(codebook)
    return [code_article(a, codebook, places) for a in articles]


def _init_worker(codebook: Codebook) -> None:
    _WORKER.append((codebook, gazetteer_for(codebook)))  # built here: cheaper than pickling it


def _code_in_worker(articles: list[Article]) -> list[CodedArticle]:
    codebook, gazetteer = _WORKER[0]
    return code_batch(articles, codebook, gazetteer)


def run_batches(batches: Iterable[list[Article]], codebook: Codebook, workers: int = 1) -> Iterator[list[CodedArticle]]:
    """Code batches in order; ``workers`` > 1 uses a process pool, at most 2 batches ahead each."""
    if workers <= 1:
        gazetteer = gazetteer_for(codebook)
        for batch in batches:
            yield code_batch(batch, codebook, gazetteer)
        return
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(codebook,)) as pool:
        pending = []
        for batch in batches:
            pending.append(pool.submit(_code_in_worker, batch))
            if len(pending) >= 2 * workers:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()
