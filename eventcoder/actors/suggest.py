"""Suggest codebook entries for the names a corpus mentions but cannot resolve.

``suggest_actors(mentions)`` reads a mentions dataset, keeps the actor ends
the coder could not resolve (``how`` is ``unknown``, or ``title`` for a name
coded only by the title before it), groups them by folded
name (so ``Qasim al-Araji`` and ``Qassim al-Araji`` are one suggestion),
and proposes an ``actors.yaml`` entry for each name mentioned at least
``min_count`` times: the most mentioned spelling as name, the others as
variants, a likely country and type, with example sentences. ``to_yaml``
writes them in the flow style of ``codebooks/README.md`` for a codebook
author to review.

The country is voted for by
- a demonym right before the name in its sentence (``Iraqi`` ... ``Qasim
  al-Araji``), 2 votes each; the demonyms come from the codebook
  (:func:`adjectives_of`);
- the country of the actor at the other end of the same event, 1 vote;
- the countries of the other actors of the same articles, 1/2 vote each.
The most voted country wins (ties: alphabetical); no vote, no country.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass

import polars as pl

from ..codebook import Codebook
from ..text import fold
from .fuzzy import FuzzyIndex
from .names import DEFAULT_FOLDER, NameFolder

# A name with one of these words names a group or an organisation, not a person.
GROUP_WORDS = frozenset("""army armies brigade brigades battalion battalions movement party front forces force
    council ministry committee organisation organization union league association group network alliance
    coalition company corporation agency authority bank court corps guard guards militia militias
    mobilization mobilisation federation institute university commission office bureau service
    services police division regiment resistance jihad jaish harakat hizb kataib liwa saraya ansar
    congress assembly parliament senate foundation""".split())
# Mention ends whose name the codebook does not hold (``title``: "Iraqi lawmaker X", coded by the title).
UNRESOLVED = ("unknown", "title")
_WORDS_BEFORE = 4
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_PLAIN = re.compile(r"[^\W\d_][\w. -]*[\w.]|[^\W\d_]")
_YAML_WORDS = frozenset({"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"})


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed ``actors.yaml`` entry for an unresolved name."""

    name: str
    variants: tuple[str, ...]
    country: str | None
    type: str
    count: int
    articles: int
    examples: tuple[str, ...]
    votes: tuple[tuple[str, float], ...] = ()  # country votes, most first

    def entry(self) -> dict[str, object]:
        """The entry as the mapping an actors.yaml line holds."""
        out: dict[str, object] = {"name": self.name}
        if self.variants:
            out["variants"] = list(self.variants)
        if self.country:
            out["country"] = self.country
        out["type"] = self.type
        return out


def adjectives_of(codebook: Codebook) -> dict[str, str]:
    """Folded demonym -> country code, from a codebook's ``adjectives``."""
    out: dict[str, str] = {}
    for phrases in codebook.phrases.values():
        for phrase in phrases:
            entry = phrase.entry
            if entry.kind == "adjective" and entry.country and len(phrase.tokens) == 1:
                out.setdefault(phrase.tokens[0], entry.country)
    return out


def suggest_actors(
    mentions: pl.LazyFrame,
    min_count: int = 2,
    *,
    adjectives: Mapping[str, str] | None = None,
    role_codes: Iterable[str] = (),
    folder: NameFolder = DEFAULT_FOLDER,
    index: FuzzyIndex | None = None,
    max_examples: int = 3,
    places: Container[str] = (),
) -> list[Suggestion]:
    """Frequent unresolved names, most mentioned first (ties: alphabetical).

    ``mentions`` needs article_id, sentence_text and, for both ends,
    ``*_name``, ``*_how`` and ``*_code``. ``adjectives`` maps folded demonyms
    to countries (see :func:`adjectives_of`); ``role_codes`` are codes that
    start without a country (``GOV``); a name ``index`` already resolves is
    not suggested, nor a name ``places`` holds (a town the coder took for a
    name is no person to add). With ``*_actor_id`` columns (a coded dataset, after the
    corpus dedupe), the names of one actor cluster are one suggestion.
    """
    adjectives = dict(adjectives or {})
    not_country = {*role_codes, "IGO", "NGO"}
    clustered = "source_actor_id" in mentions.collect_schema().names()
    sides = []
    for side, other in (("source", "target"), ("target", "source")):
        sides.append(mentions.select(
            pl.col("article_id").cast(pl.String), pl.col("sentence_text").cast(pl.String),
            pl.col(f"{side}_name").cast(pl.String).alias("name"), pl.col(f"{side}_how").cast(pl.String).alias("how"),
            pl.col(f"{other}_code").cast(pl.String).alias("other_code"),
            (pl.col(f"{side}_actor_id") if clustered else pl.lit(None)).cast(pl.String).alias("cluster"),
        ))
    ends = pl.concat(sides).filter(pl.col("how").is_in(UNRESOLVED)).drop("how").drop_nulls("name").collect()
    if ends.is_empty():
        return []
    names = ends["name"].unique().sort().to_list()
    folded = {n: folder.fold(n) for n in names}
    by_name = pl.col("name").replace_strict(folded, return_dtype=pl.String)
    ends = ends.with_columns(pl.coalesce(pl.col("cluster"), by_name).alias("folded")).drop("cluster")
    totals = ends.group_by("folded").agg(pl.len().alias("count"), pl.col("article_id").n_unique().alias("articles"))
    totals = totals.filter(pl.col("count") >= min_count)
    if totals.is_empty():
        return []
    ends = ends.join(totals.select("folded"), on="folded")
    article_countries = _article_countries(mentions, ends["article_id"].unique(), not_country)

    suggestions = []
    groups: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in ends.sort("article_id", "sentence_text", "name").iter_rows(named=True):
        groups[row["folded"]].append(row)
    counts = dict(zip(totals["folded"].to_list(), totals.select("count", "articles").rows(), strict=True))
    for key in sorted(groups):
        rows = groups[key]
        spellings = Counter(str(r["name"]) for r in rows)
        ranked = sorted(spellings, key=lambda s: (len(folder.tokens(s)) < 2, -spellings[s], -len(s), s))
        name = ranked[0]
        if index is not None and index.lookup(name) is not None or name in places:
            continue
        votes = _votes(rows, adjectives, article_countries, not_country)
        country = votes[0][0] if votes else None
        examples: list[str] = []
        for r in rows:
            text = " ".join(str(r["sentence_text"] or "").split())
            if text and text not in examples:
                examples.append(text)
            if len(examples) >= max_examples:
                break
        count, articles = counts[key]
        suggestions.append(Suggestion(name, tuple(ranked[1:]), country, _type_of(name), int(count), int(articles),
                                      tuple(examples), tuple(votes)))
    suggestions.sort(key=lambda s: (-s.count, s.name))
    return suggestions


def _article_countries(mentions: pl.LazyFrame, articles: pl.Series, not_country: set[str]) -> dict[str, Counter[str]]:
    """Per article, the countries of its resolved actors (one count per distinct actor code)."""
    codes = pl.concat([
        mentions.select(pl.col("article_id").cast(pl.String), pl.col(f"{side}_code").cast(pl.String).alias("code"),
                        pl.col(f"{side}_how").cast(pl.String).alias("how"))
        for side in ("source", "target")
    ]).filter(pl.col("article_id").is_in(articles.implode()) & ~pl.col("how").is_in(UNRESOLVED)).drop("how")
    rows = codes.drop_nulls().unique().collect().sort("article_id", "code").rows()
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for article, code in rows:
        country = _country(code, not_country)
        if country:
            out[article][country] += 1
    return out


def _country(code: str | None, not_country: set[str]) -> str | None:
    if not code or len(code) < 3 or not code[:3].isalpha() or not code[:3].isupper() or code[:3] in not_country:
        return None
    return code[:3]


def _votes(rows: list[dict[str, object]], adjectives: Mapping[str, str],
           article_countries: Mapping[str, Counter[str]], not_country: set[str]) -> list[tuple[str, float]]:
    votes: dict[str, float] = defaultdict(float)
    seen_articles = set()
    for r in rows:
        sentence, name = str(r["sentence_text"] or ""), str(r["name"])
        at = sentence.find(name)
        if at > 0 and adjectives:
            for word in _WORD.findall(sentence[:at])[-_WORDS_BEFORE:]:
                country = adjectives.get(fold(word))
                if country:
                    votes[country] += 2
        other = _country(r["other_code"] if isinstance(r["other_code"], str) else None, not_country)
        if other:
            votes[other] += 1
        article = str(r["article_id"])
        if article not in seen_articles:
            seen_articles.add(article)
            for country, n in article_countries.get(article, Counter()).items():
                votes[country] += 0.5 * n
    return sorted(votes.items(), key=lambda cv: (-cv[1], cv[0]))


def _type_of(name: str) -> str:
    words = {fold(w) for w in _WORD.findall(name)}
    if words & GROUP_WORDS or len(words) > 4 or len(words) < 2:
        return "group"
    return "person"


def _scalar(value: str) -> str:
    if _PLAIN.fullmatch(value) and value.lower() not in _YAML_WORDS and ": " not in value and " #" not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


def _flow(entry: Mapping[str, object]) -> str:
    parts = []
    for key, value in entry.items():
        if isinstance(value, list):
            parts.append(f"{key}: [{', '.join(_scalar(str(v)) for v in value)}]")
        else:
            parts.append(f"{key}: {_scalar(str(value))}")
    return "- {" + ", ".join(parts) + "}"


def to_yaml(suggestions: Iterable[Suggestion], max_example_chars: int = 120) -> str:
    """The suggestions as an ``actors.yaml`` file, one flow-style entry a line.

    Each entry is preceded by a comment with its counts, the country votes
    and example sentences. An entry without a likely country is written
    commented out (an actor needs a ``country`` or ``code`` to load).
    """
    lines = [
        "# Suggested actors: names mentioned but not in the codebook (eventcoder actors suggest).",
        "# Review each entry: fix the name, country and type, add a `code` or dated `roles`,",
        "# then move it to an actors*.yaml file of the codebook. See codebooks/README.md.",
    ]
    for s in suggestions:
        lines.append("")
        votes = ", ".join(f"{c} {v:g}" for c, v in s.votes[:3]) or "none"
        lines.append(f"# {s.count} mentions in {s.articles} article(s); country votes: {votes}")
        for example in s.examples:
            example = " ".join(example.split())
            text = example if len(example) <= max_example_chars else example[: max_example_chars - 1] + "…"
            lines.append(f"#   e.g. {text}")
        entry = _flow(s.entry())
        lines.append(entry if s.country else f"# {entry}   # no likely country: add `country` or `code`")
    return "\n".join(lines) + "\n"
