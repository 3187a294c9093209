"""Gold set for the default codebook: 2020s wire-news sentences in all 20 CAMEO roots (issue 3).

``tests/data/gold/roots.tsv`` holds sentences written for the project, at least
ten per root, with the events a careful CAMEO coder would code:
``SOURCE>TARGET:CODE`` separated by ``;``. A coded event matches an expected
one when its source and target codes are equal to the expected ones and its
event code starts with the expected code (``19`` accepts ``195``). Actor codes
follow the default codebook: ISO3 country plus role (``RUSMIL``), IGO codes
(``IGOUNO``); a role noun takes the country of its sentence's place or of the
sentence's other actors (``police in Nairobi arrested protesters`` ->
``KENCOP>KENOPP``), as the coder gives it from context.

``tests/data/gold/no_events.tsv`` holds sentences that must code nothing:
negated, hypothetical, sports, business, weather, obituaries, statistics,
lifestyle and sentences that name actors without a political event.

The recall test prints a per-root precision/recall table and lists every
missed and false event in its failure message.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from eventcoder import Article, Codebook, code_article, load_codebook

GOLD = Path(__file__).parent / "data" / "gold"
ROOTS = [f"{n:02d}" for n in range(1, 21)]
MIN_PER_ROOT = 10
MIN_OVERALL_RECALL = 0.9
MIN_ROOT_RECALL = 0.7
MIN_OVERALL_PRECISION = 0.85
MIN_ROOT_PRECISION = 0.7


@dataclass(frozen=True, slots=True)
class Event:
    source: str
    target: str
    code: str

    @property
    def root(self) -> str:
        return self.code[:2]

    def matches(self, coded: Event) -> bool:
        """True when ``coded`` is this expected event (codes compared by prefix)."""
        return coded.source == self.source and coded.target == self.target and coded.code.startswith(self.code)

    def __str__(self) -> str:
        return f"{self.source}>{self.target}:{self.code}"


@dataclass(frozen=True, slots=True)
class GoldRow:
    id: str
    root: str
    sentence: str
    published: date
    expected: tuple[Event, ...]


def parse_event(text: str) -> Event:
    """``SOURCE>TARGET:CODE`` -> Event; raises ValueError on a malformed item."""
    actors, sep, code = text.strip().rpartition(":")
    source, arrow, target = actors.partition(">")
    if not (sep and arrow and source and target and code.isdigit() and 2 <= len(code) <= 4):
        raise ValueError(f"malformed expected event {text!r}")
    return Event(source, target, code)


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_roots() -> list[GoldRow]:
    return [
        GoldRow(
            id=r["id"],
            root=r["root"],
            sentence=r["sentence"],
            published=date.fromisoformat(r["published"]),
            expected=tuple(parse_event(e) for e in r["expected"].split(";") if e.strip()),
        )
        for r in read_tsv(GOLD / "roots.tsv")
    ]


ROOT_ROWS = load_roots()
NO_EVENT_ROWS = read_tsv(GOLD / "no_events.tsv")


def coded_events(book: Codebook, article_id: str, sentence: str, published: date) -> set[Event]:
    """The dyadic events coded in ``sentence``; one-sided events (an actor the text does not name) are
    not scored, as in ``../shared/dev/score.py``."""
    result = code_article(Article(article_id, sentence, published=published), book)
    return {Event(m.source.code, m.target.code, m.event_code) for m in result.mentions
            if m.source.code and m.target.code}


@dataclass
class RootScore:
    tp: int = 0  # coded events of this root that match an expected event
    coded: int = 0  # coded events of this root
    found: int = 0  # expected events of this root that some coded event matches
    expected: int = 0  # expected events of this root

    @property
    def precision(self) -> float:
        return self.tp / self.coded if self.coded else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0


@dataclass
class GoldReport:
    by_root: dict[str, RootScore]
    problems: list[str]  # one line per sentence with a missed or a false event

    def total(self) -> RootScore:
        total = RootScore()
        for s in self.by_root.values():
            total.tp += s.tp
            total.coded += s.coded
            total.found += s.found
            total.expected += s.expected
        return total

    def table(self) -> str:
        lines = [
            "",
            "gold roots.tsv: per-root precision and recall of the default codebook",
            f"{'root':<6}{'expected':>9}{'found':>7}{'recall':>8}{'coded':>7}{'correct':>9}{'precision':>11}",
        ]
        rows: Iterable[tuple[str, RootScore]] = [*self.by_root.items(), ("all", self.total())]
        for root, s in rows:
            lines.append(
                f"{root:<6}{s.expected:>9}{s.found:>7}{s.recall:>8.2f}{s.coded:>7}{s.tp:>9}{s.precision:>11.2f}"
            )
        return "\n".join(lines)


def score(book: Codebook, rows: list[GoldRow]) -> GoldReport:
    by_root = {root: RootScore() for root in ROOTS}
    problems = []
    for row in rows:
        coded = coded_events(book, row.id, row.sentence, row.published)
        missed = [e for e in row.expected if not any(e.matches(c) for c in coded)]
        false = sorted((c for c in coded if not any(e.matches(c) for e in row.expected)), key=str)
        for e in row.expected:
            s = by_root.setdefault(e.root, RootScore())
            s.expected += 1
            s.found += e not in missed
        for c in coded:
            s = by_root.setdefault(c.root, RootScore())
            s.coded += 1
            if c not in false:
                s.tp += 1
        if missed or false:
            problems.append(
                f"{row.id} {row.sentence!r} ({row.published}): "
                f"missed [{', '.join(map(str, missed))}] false [{', '.join(map(str, false))}]"
            )
    return GoldReport(by_root, problems)


@pytest.fixture(scope="session")
def book() -> Codebook:
    return load_codebook()


@pytest.fixture(scope="session")
def gold_report(book: Codebook) -> GoldReport:
    return score(book, ROOT_ROWS)


def test_roots_file_is_well_formed(book: Codebook) -> None:
    ids = [r.id for r in ROOT_ROWS]
    assert len(ids) == len(set(ids)), "duplicate ids in roots.tsv"
    per_root = {root: sum(r.root == root for r in ROOT_ROWS) for root in ROOTS}
    assert all(n >= MIN_PER_ROOT for n in per_root.values()), per_root
    for row in ROOT_ROWS:
        assert row.expected, f"{row.id}: no expected event"
        assert any(e.root == row.root for e in row.expected), f"{row.id}: no expected event of root {row.root}"
        for e in row.expected:
            assert any(code.startswith(e.code) for code in book.codes), f"{row.id}: {e.code} is no CAMEO code"


def test_no_events_file_is_well_formed() -> None:
    ids = [r["id"] for r in NO_EVENT_ROWS]
    assert len(ids) == len(set(ids)), "duplicate ids in no_events.tsv"
    assert len(ids) >= 70


def test_gold_recall(gold_report: GoldReport, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print(gold_report.table())
    total = gold_report.total()
    weak = {root: round(s.recall, 2) for root, s in gold_report.by_root.items() if s.recall < MIN_ROOT_RECALL}
    assert total.recall >= MIN_OVERALL_RECALL and not weak, (
        f"overall recall {total.recall:.2f} (need {MIN_OVERALL_RECALL}); "
        f"roots under {MIN_ROOT_RECALL}: {weak}\n" + "\n".join(gold_report.problems)
    )


def test_gold_precision(gold_report: GoldReport) -> None:
    total = gold_report.total()
    weak = {root: round(s.precision, 2) for root, s in gold_report.by_root.items()
            if s.precision < MIN_ROOT_PRECISION}
    assert total.precision >= MIN_OVERALL_PRECISION and not weak, (
        f"overall precision {total.precision:.2f} (need {MIN_OVERALL_PRECISION}); "
        f"roots under {MIN_ROOT_PRECISION}: {weak}\n" + "\n".join(gold_report.problems)
    )


@pytest.mark.parametrize("row", NO_EVENT_ROWS, ids=[r["id"] for r in NO_EVENT_ROWS])
def test_no_event(book: Codebook, row: dict[str, str]) -> None:
    coded = coded_events(book, row["id"], row["sentence"], date.fromisoformat(row["published"]))
    assert not coded, f"{row['sentence']!r} coded {sorted(map(str, coded))}"
