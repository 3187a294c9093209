"""Run the batch function in this process, or in a pool of local processes.

Both paths call the same pure ``code_batch``; a pool only changes where it
runs. The codebook is sent to each worker once, not with every batch; what
is derived from it (name index, gazetteer) is built once per process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from ..codebook import Codebook
from ..coder import code_article
from ..enrich.geo import gazetteer_for
from ..model import Article, CodedArticle

_WORKER_CODEBOOK: list[Codebook] = []  # set once per worker process by _init_worker


def code_batch(articles: list[Article], codebook: Codebook) -> list[CodedArticle]:
    """Code one batch of articles: the unit of work of every engine."""
    return [code_article(a, codebook) for a in articles]


def _init_worker(codebook: Codebook) -> None:
    gazetteer_for(codebook)  # built before the first batch, in every worker
    _WORKER_CODEBOOK.append(codebook)


def _code_in_worker(articles: list[Article]) -> list[CodedArticle]:
    return code_batch(articles, _WORKER_CODEBOOK[0])


def run_batches(batches: Iterable[list[Article]], codebook: Codebook, workers: int = 1) -> Iterator[list[CodedArticle]]:
    """Code batches in order; ``workers`` > 1 uses a process pool, at most 2 batches ahead each."""
    if workers <= 1:
        for batch in batches:
            yield code_batch(batch, codebook)
        return
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(codebook,)) as pool:
        pending = []
        for batch in batches:
            pending.append(pool.submit(_code_in_worker, batch))
            if len(pending) >= 2 * workers:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()
