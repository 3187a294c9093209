"""One article per id: what keeps a rerun or a repeated record from duplicating rows.

An id the dataset already holds (``--append``) is skipped and counted per
input file: coding it again would duplicate its rows. An id read twice in
one run is a data error in the input, so the second record is a Reject that
names where the first one was; it is never dropped silently.
"""

from __future__ import annotations

from collections import Counter

from eventcoder.ingest.records import reject_at
from eventcoder.model import Article, Location, Reject, RejectKind


class UniqueIds:
    """Lets each article id through once; ``coded`` holds the ids already in the dataset.

    ``claimed`` maps ids that an earlier part of the input (another
    partition of a cluster run) read first to where it read them.
    """

    def __init__(self, coded: set[str] | frozenset[str] | None = None, claimed: dict[str, str] | None = None) -> None:
        self._coded = coded or set()
        self._first: dict[str, str] = dict(claimed or {})
        self.skipped: Counter[str] = Counter()
        """Articles skipped because the dataset holds their id, per input file."""

    @property
    def coded(self) -> frozenset[str]:
        """The ids already in the dataset."""
        return frozenset(self._coded)

    def check(self, article: Article) -> Article | Reject | None:
        """The article when its id is new, a Reject when this run read the id before, else None (skipped)."""
        where = place(article)
        key = article.article_id
        if key in self._coded:
            self.skipped[where.file] += 1
            return None
        first = self._first.get(key)
        if first is not None:
            reason = f"article id {key!r} repeats the id of the record at {first}"
            return reject_at(where, RejectKind.DUPLICATE_ID, reason)
        self._first[key] = str(where)
        return article


def place(article: Article) -> Location:
    """Where an article was read, as a duplicate's Reject names it."""
    return article.location or Location(article.origin or "<input>", "record")
