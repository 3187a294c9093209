"""Cluster a corpus's actors so that each real actor is listed once.

After all batches are written, every actor key of the mentions (a codebook
entry ``actor:...``, a composed code ``code:IRQGOV``, an unresolved name
``name:...``) is mapped to a cluster: all spellings of one actor
(``Mohammed Shia al-Sudani``, ``Muhammad Shia al-Sudani``, ``Mohammed
al-Sudani``) become one row of ``actors/`` listing them as variants.

The clustering, over folded names (see :mod:`eventcoder.actors.names`):

1. keys whose names fold alike are joined;
2. names that agree and score at least ``threshold`` with
   :func:`eventcoder.actors.fuzzy.name_score` are joined; candidate pairs
   come from blocks (tokens, their first and last
   three letters, see :func:`~eventcoder.actors.fuzzy.block_keys`) compared
   with rapidfuzz's ``cdist``, each name keeping its best few partners per
   block, so the work grows with the corpus, not with its square; pairs are
   taken in the order of that screening score (then by name), and a pair
   already in one cluster is not scored;
3. a key known only by one word (``Sudani``) joins the one cluster whose
   name ends with that word, if exactly one does.

Two rules are never broken: a cluster holds at most one codebook actor
(``actor:`` key) and at most one country. Only ``actor:`` and ``name:`` keys
are clustered; composed codes (``code:IRQGOV``) stay as they are.

The result is deterministic (inputs are sorted, ties broken alphabetically,
so the order of the input rows does not matter) and idempotent: replacing
each key by its cluster id and clustering again changes nothing. The
cluster id is a member key: the codebook actor if there is one, else the
most mentioned key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import polars as pl
from rapidfuzz import fuzz, process

from ..codebook.names import FUZZY_THRESHOLD
from ..stableid import actor_id
from .fuzzy import block_keys, name_score
from .names import DEFAULT_FOLDER, NameFolder

CLUSTERED_PREFIXES = ("actor:", "name:")
# Candidate pairs are first screened in bulk by rapidfuzz (C++), then checked
# one by one with name_score. The screen is fuzz.ratio of the names and of
# their sorted tokens (reordered names: "blinken antony"), the better of the
# two; the lowest same-actor pair of the labelled set of
# tests/actors/test_fuzzy.py scores 66.7 ("vladimir vladimirovich putin" /
# "vladimir putin"); 55 leaves room for two variants that each differ from
# the actor's name. fuzz.ratio is the fastest scorer of cdist.
PREFILTER_SCORER = fuzz.ratio
PREFILTER_CUTOFF = 55
# Each name is screened against its best few partners of each block only.
PAIRS_PER_NAME = 8
# Blocks larger than this are compared in overlapping windows of sorted names.
MAX_BLOCK = 1_000
# Mentions whose code the codebook gave to this very actor: their code wins.
_RESOLVED = ("dictionary", "coreference", "folded", "fuzzy")
# "title" is a name the codebook does not know, coded by the title before it ("Iraqi lawmaker X").
_ORIGIN = {"dictionary": "codebook", "agent": "codebook", "title": "unknown",
           "coreference": "codebook", "folded": "fuzzy", "fuzzy": "fuzzy", "unknown": "unknown"}


@dataclass(frozen=True)
class Clustering:
    """The clusters of a corpus's actors.

    ``keys``: one row per input key (key, cluster_id, actor_id,
    canonical_name, variants, mention_count, origin), the cluster's values
    repeated on each of its keys. ``clusters``: one row per cluster, in the
    shape of the ``actors/`` table (actor_id, canonical_name, actor_code,
    country_code, role, variants, mention_count, origin) plus cluster_id and
    keys. ``actor_id`` is :func:`eventcoder.stableid.actor_id` of the cluster id.
    """

    keys: pl.DataFrame
    clusters: pl.DataFrame

    def mapping(self) -> dict[str, str]:
        """key -> cluster id, for remapping mentions."""
        return dict(zip(self.keys["key"].to_list(), self.keys["cluster_id"].to_list(), strict=True))


class _Clusters:
    """Union-find over keys that refuses to join two actors or two countries."""

    def __init__(self, anchors: list[str | None], countries: list[str | None]) -> None:
        self.parent = list(range(len(anchors)))
        self.anchor = list(anchors)
        self.country = list(countries)

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def can_join(self, a: int, b: int) -> bool:
        a, b = self.find(a), self.find(b)
        if a == b:
            return True
        return _compatible(self.anchor[a], self.anchor[b]) and _compatible(self.country[a], self.country[b])

    def join(self, a: int, b: int) -> bool:
        a, b = self.find(a), self.find(b)
        if a == b:
            return True
        if not (_compatible(self.anchor[a], self.anchor[b]) and _compatible(self.country[a], self.country[b])):
            return False
        if b < a:
            a, b = b, a
        self.parent[b] = a
        self.anchor[a] = self.anchor[a] or self.anchor[b]
        self.country[a] = self.country[a] or self.country[b]
        return True


def _compatible(x: str | None, y: str | None) -> bool:
    return x is None or y is None or x == y


def _mode(frame: pl.DataFrame, column: str) -> dict[str, str]:
    """Per key, the value of ``column`` with the most mentions (ties: alphabetical)."""
    best = (
        frame.filter(pl.col(column).is_not_null() & (pl.col(column) != ""))
        .group_by("key", column).agg(pl.col("count").sum())
        .sort(["key", "count", column], descending=[False, True, False])
        .unique("key", keep="first", maintain_order=True)
    )
    return dict(zip(best["key"].to_list(), best[column].to_list(), strict=True))


def cluster_actors(actors: pl.DataFrame, folder: NameFolder = DEFAULT_FOLDER,
                   threshold: float = FUZZY_THRESHOLD, workers: int = -1) -> Clustering:
    """Cluster actor keys by their names; see the module docstring.

    ``actors`` has one row per key and surface name: key, name, and
    optionally code, country, how, count (mentions, default 1) and text (a
    longer surface form, e.g. with a title, kept among the variants).
    """
    frame = _normalise(actors)
    keys = sorted(set(frame["key"].to_list()))
    index = {k: i for i, k in enumerate(keys)}
    country = _mode(frame, "country")
    totals_frame = frame.group_by("key").agg(pl.col("count").sum())
    totals = dict(zip(totals_frame["key"].to_list(), totals_frame["count"].to_list(), strict=True))
    per_name = frame.group_by("key", "name").agg(pl.col("count").sum()).sort("key", "name")

    clusters = _Clusters([k if k.startswith("actor:") else None for k in keys], [country.get(k) for k in keys])
    folded: dict[str, tuple[str, ...]] = {}
    holders: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for key, name in zip(per_name["key"].to_list(), per_name["name"].to_list(), strict=True):
        if not key.startswith(CLUSTERED_PREFIXES):
            continue
        tokens = folded.get(name)
        if tokens is None:
            tokens = folded[name] = folder.tokens(name)
        if tokens:
            holders[tokens].add(index[key])
    usable = _join_same_names(clusters, holders)
    _join_similar_names(clusters, usable, holders, folder, threshold, workers)
    _attach_surnames(clusters, usable, holders, folder)
    return _result(frame, keys, [clusters.find(i) for i in range(len(keys))], totals, folded)


def _normalise(actors: pl.DataFrame) -> pl.DataFrame:
    missing = {"key", "name"} - set(actors.columns)
    if missing:
        raise ValueError(f"cluster_actors needs the columns key and name; missing {sorted(missing)}")
    defaults = {"code": pl.lit(None, pl.String), "country": pl.lit(None, pl.String),
                "how": pl.lit(None, pl.String), "count": pl.lit(1, pl.Int64), "text": pl.lit(None, pl.String)}
    return (
        actors.with_columns([v.alias(k) for k, v in defaults.items() if k not in actors.columns])
        .select(pl.col("key").cast(pl.String), pl.col("name").cast(pl.String),
                pl.col("code").cast(pl.String), pl.col("country").cast(pl.String),
                pl.col("how").cast(pl.String), pl.col("count").cast(pl.Int64).fill_null(1),
                pl.col("text").cast(pl.String))
        .filter(pl.col("key").is_not_null())
        .with_columns(pl.col("name").fill_null(pl.col("text")).fill_null(pl.col("key").str.split(":").list.last()))
    )


def _join_same_names(clusters: _Clusters, holders: dict[tuple[str, ...], set[int]]) -> set[tuple[str, ...]]:
    """Join the keys of each folded name; return the names that name one cluster."""
    usable = set()
    for tokens in sorted(holders):
        members = sorted(holders[tokens])
        anchors = {clusters.anchor[clusters.find(m)] for m in members} - {None}
        countries = {clusters.country[clusters.find(m)] for m in members} - {None}
        if len(anchors) > 1 or len(countries) > 1:
            continue  # "barzani" written for two actors: it joins nothing
        if all(clusters.join(members[0], m) for m in members[1:]):
            usable.add(tokens)
    return usable


def _windows(block: list[int]) -> Iterable[list[int]]:
    if len(block) <= MAX_BLOCK:
        yield block
        return
    step = MAX_BLOCK * 3 // 4
    for start in range(0, len(block) - MAX_BLOCK + step, step):
        yield block[start:start + MAX_BLOCK]


def _join_similar_names(clusters: _Clusters, usable: set[tuple[str, ...]],
                        holders: dict[tuple[str, ...], set[int]], folder: NameFolder,
                        threshold: float, workers: int) -> None:
    names = sorted(t for t in usable if len(t) > 1)
    texts = [" ".join(t) for t in names]
    sorted_texts = [" ".join(sorted(t)) for t in names]
    owner = [min(holders[t]) for t in names]
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, tokens in enumerate(names):
        for key in block_keys(tokens, folder):
            blocks[key].append(i)
    n = len(names)
    found: list[np.ndarray] = []
    for key in sorted(blocks):
        block = blocks[key]
        if len(block) < 2:
            continue
        for window in _windows(block):
            found.append(_best_pairs(window, texts, sorted_texts, workers))
    if not found:
        return
    coded = np.concatenate(found)
    # Each pair once (it may share several blocks); strongest screening score
    # first, then by name order: deterministic whatever the input order.
    coded = np.unique(coded)
    scores, pairs = np.divmod(coded, n * n)
    first, second = np.divmod(pairs[np.argsort((100 - scores) * n * n + pairs)], n)
    find, join = clusters.find, clusters.join
    for a, b in zip(first.tolist(), second.tolist(), strict=True):
        if find(owner[a]) == find(owner[b]):
            continue  # already one cluster: not scored
        if name_score(names[a], names[b], folder) >= threshold:
            join(owner[a], owner[b])


def _best_pairs(window: list[int], texts: list[str], sorted_texts: list[str], workers: int) -> np.ndarray:
    """The best-screening pairs of a block, each coded as ``score * n * n + low * n + high``.

    Each name keeps its PAIRS_PER_NAME best partners scoring at least
    PREFILTER_CUTOFF (ties: the earlier name), which is enough to connect
    the variants of one actor without comparing every pair of them.
    """
    n = len(texts)
    size = len(window)
    choices = [texts[i] for i in window]
    scores = process.cdist(choices, choices, scorer=PREFILTER_SCORER, score_cutoff=PREFILTER_CUTOFF,
                           dtype=np.int64, workers=workers)
    ordered = [sorted_texts[i] for i in window]
    np.maximum(scores, process.cdist(ordered, ordered, scorer=PREFILTER_SCORER, score_cutoff=PREFILTER_CUTOFF,
                                     dtype=np.int64, workers=workers), out=scores)
    np.fill_diagonal(scores, 0)
    k = min(PAIRS_PER_NAME, size - 1)
    # Unique per row: score first, then the earlier column wins a tie.
    ranked = scores * size + (size - 1 - np.arange(size))
    cols = np.argpartition(-ranked, k - 1, axis=1)[:, :k]
    rows = np.repeat(np.arange(size), k)
    cols = cols.ravel()
    best = scores[rows, cols]
    keep = best > 0
    ids = np.asarray(window, dtype=np.int64)
    a, b = ids[rows[keep]], ids[cols[keep]]
    low, high = np.minimum(a, b), np.maximum(a, b)
    coded: np.ndarray = best[keep] * n * n + low * n + high
    return coded


def _attach_surnames(clusters: _Clusters, usable: set[tuple[str, ...]],
                     holders: dict[tuple[str, ...], set[int]], folder: NameFolder) -> None:
    """A key named by one word joins the one cluster whose names end with that word."""
    by_last: dict[str, set[int]] = defaultdict(set)
    for tokens in usable:
        if len(tokens) > 1:
            for member in holders[tokens]:
                by_last[tokens[-1]].add(clusters.find(member))
    singles = sorted(t for t in usable if len(t) == 1 and not folder.is_common(t[0]) and len(t[0]) > 2)
    joins = []
    for (word,) in singles:
        targets = by_last.get(word, set())
        member = min(holders[(word,)])
        if len(targets) == 1:
            target = next(iter(targets))
            if clusters.find(member) != target and clusters.can_join(member, target):
                joins.append((member, target))
    for member, target in joins:
        clusters.join(member, target)


def _result(frame: pl.DataFrame, keys: list[str], roots: list[int], totals: dict[str, int],
            folded: dict[str, tuple[str, ...]]) -> Clustering:
    members: dict[int, list[str]] = defaultdict(list)
    for key, root in zip(keys, roots, strict=True):
        members[root].append(key)
    cluster_of: dict[str, str] = {}
    for group in members.values():
        anchors = [k for k in group if k.startswith("actor:")]
        rep = anchors[0] if anchors else min(group, key=lambda k: (-totals[k], k))
        for k in group:
            cluster_of[k] = rep
    assignment = pl.DataFrame({"key": keys, "cluster_id": [cluster_of[k] for k in keys]},
                              schema={"key": pl.String, "cluster_id": pl.String})
    rows = frame.join(assignment, on="key")
    reps = sorted(set(cluster_of.values()))
    canonical = _canonical_names(rows, folded)
    resolved = rows.filter(pl.col("how").is_in(_RESOLVED))
    cluster_codes = {**_cluster_mode(rows, "code"), **_cluster_mode(resolved, "code")}
    origins = _origins(rows)
    variants = (
        pl.concat([rows.select("cluster_id", pl.col(c).alias("v")) for c in ("name", "text")])
        .drop_nulls().unique().sort("cluster_id", "v")
        .group_by("cluster_id", maintain_order=True).agg(pl.col("v").alias("variants"))
    )
    counts = rows.group_by("cluster_id").agg(pl.col("count").sum().alias("mention_count"),
                                             pl.col("key").unique().sort().alias("keys"))
    table = (
        pl.DataFrame({
            "cluster_id": reps,
            "actor_id": [actor_id(c) for c in reps],
            "canonical_name": [c.split(":", 1)[1] if c.startswith("actor:") else canonical.get(c, c)
                               for c in reps],
            "actor_code": [cluster_codes.get(c) for c in reps],
            "origin": [origins.get(c, "codebook" if c.startswith("actor:") else "unknown") for c in reps],
        }, schema={"cluster_id": pl.String, "actor_id": pl.String, "canonical_name": pl.String,
                   "actor_code": pl.String, "origin": pl.String})
        .join(variants, on="cluster_id", how="left")
        .join(counts, on="cluster_id", how="left")
        .join(_cluster_country(rows), on="cluster_id", how="left")
        .with_columns(pl.col("actor_code").str.slice(3, 3).replace("", None).alias("role"))
        .select("cluster_id", "actor_id", "canonical_name", "actor_code", "country_code", "role", "variants",
                "keys", "mention_count", "origin")
        .sort("cluster_id")
    )
    per_key = (
        assignment.join(table.select("cluster_id", "actor_id", "canonical_name", "variants", "mention_count",
                                     "origin"), on="cluster_id", how="left")
        .sort("key")
    )
    return Clustering(per_key, table)


def _canonical_names(rows: pl.DataFrame, folded: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Per cluster, its most mentioned name of two words or more (else of one word).

    Ties go to the longer name, then alphabetically.
    """
    counts = rows.group_by("cluster_id", "name").agg(pl.col("count").sum())
    names = counts["name"].to_list()
    one_word = pl.Series("one_word", [len(folded.get(n) or n.split()) < 2 for n in names], dtype=pl.Boolean)
    best = (
        counts.with_columns(one_word, pl.col("name").str.len_chars().alias("length"))
        .sort(["cluster_id", "one_word", "count", "length", "name"], descending=[False, False, True, True, False])
        .unique("cluster_id", keep="first", maintain_order=True)
    )
    return dict(zip(best["cluster_id"].to_list(), best["name"].to_list(), strict=True))


def _origins(rows: pl.DataFrame) -> dict[str, str]:
    """Per cluster: codebook if any mention was resolved by the codebook, else fuzzy if any
    was resolved by fuzzy matching, else unknown."""
    rank = {"codebook": 0, "fuzzy": 1, "unknown": 2}
    best: dict[str, str] = {}
    for cid, how in rows.select("cluster_id", "how").unique().rows():
        origin = _ORIGIN.get(how or "", "unknown")
        if cid not in best or rank[origin] < rank[best[cid]]:
            best[cid] = origin
    return best


def _cluster_mode(rows: pl.DataFrame, column: str) -> dict[str, str]:
    return _mode(rows.drop("key").rename({"cluster_id": "key"}), column)


def _cluster_country(rows: pl.DataFrame) -> pl.DataFrame:
    best = _cluster_mode(rows, "country")
    return pl.DataFrame({"cluster_id": list(best), "country_code": list(best.values())},
                        schema={"cluster_id": pl.String, "country_code": pl.String})


def occurrences(mentions: pl.LazyFrame, role_codes: frozenset[str] = frozenset()) -> pl.DataFrame:
    """The input of :func:`cluster_actors` from a mentions dataset.

    Both ends of every mention, grouped by key, name, surface text, code and
    how, with their count; ``country`` is the code's first three letters
    unless they are a role (``role_codes``), IGO or NGO.
    """
    return _grouped(_event_ends(mentions), role_codes)


def actor_occurrences(actor_mentions: pl.LazyFrame, mentions: pl.LazyFrame,
                      role_codes: frozenset[str] = frozenset()) -> pl.DataFrame:
    """The input of :func:`cluster_actors` from every actor phrase of a corpus.

    ``actor_mentions`` (one row per actor phrase, in an event or not) are
    counted; the event ends of ``mentions`` are added only for keys no actor
    phrase has (rows written before actor_mentions existed).
    """
    phrases = actor_mentions.select(pl.col("actor_key").cast(pl.String).alias("key"),
                                    *(pl.col(c).cast(pl.String) for c in _END_COLUMNS[1:]))
    only_ends = _event_ends(mentions).join(phrases.select("key").unique(), on="key", how="anti")
    return _grouped(pl.concat([phrases, only_ends]), role_codes)


_END_COLUMNS = ("key", "name", "text", "code", "how")


def _event_ends(mentions: pl.LazyFrame) -> pl.LazyFrame:
    """The source and target ends of event mentions, one row each, in :data:`_END_COLUMNS`."""
    return pl.concat([
        mentions.select(*(pl.col(f"{side}_{c}").cast(pl.String).alias(c) for c in _END_COLUMNS))
        for side in ("source", "target")
    ])


def _grouped(ends: pl.LazyFrame, role_codes: frozenset[str]) -> pl.DataFrame:
    not_country = [*sorted(role_codes), "IGO", "NGO"]
    prefix = pl.col("code").str.slice(0, 3)
    return (
        ends.filter(pl.col("key").is_not_null() & (pl.col("key") != ""))
        .group_by("key", "name", "text", "code", "how").agg(pl.len().cast(pl.Int64).alias("count"))
        .with_columns(pl.when((pl.col("code").str.len_chars() >= 3) & ~prefix.is_in(not_country))
                      .then(prefix).alias("country"))
        .sort("key", "name", "text", "code", "how")
        .collect()
    )


def remap_actor_mentions(actor_mentions: pl.LazyFrame, ids: pl.DataFrame) -> pl.LazyFrame:
    """``actor_mentions`` with actor_id pointing at the cluster of actor_key (``ids``: key, actor_id)."""
    return _pointed(actor_mentions, ids.lazy(), "actor_key", "actor_id")


def remap_mentions(mentions: pl.LazyFrame, clustering: Clustering | pl.DataFrame) -> pl.LazyFrame:
    """``mentions`` with source/target_actor_id pointing at their clusters.

    ``clustering`` may also be just its ``keys`` frame's key and actor_id columns.
    """
    keys = clustering.keys if isinstance(clustering, Clustering) else clustering
    ids = keys.select("key", "actor_id").lazy()
    out = mentions
    for side in ("source", "target"):
        out = _pointed(out, ids, f"{side}_key", f"{side}_actor_id")
    return out


def _pointed(frame: pl.LazyFrame, ids: pl.LazyFrame, key: str, actor_id: str) -> pl.LazyFrame:
    """``frame`` with ``actor_id`` set to the cluster of ``key`` (``ids``: key, actor_id), row order kept."""
    lookup = ids.select(pl.col("key").alias(key), pl.col("actor_id").alias("_cluster_actor_id"))
    return (
        frame.join(lookup, on=key, how="left", maintain_order="left")
        .with_columns(pl.coalesce("_cluster_actor_id", actor_id).alias(actor_id))
        .drop("_cluster_actor_id")
    )
