"""Real-style news sentences coded with the full Phoenix dictionaries (issue 5's scoring, in small).

Each sentence lists the events a careful coder would give it as (source
country, target country, CAMEO root); precision and recall are counted on
those triples. Skipped when PETRARCH's dictionaries are not in ../shared.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from eventcoder.codebook.petrarch import PetrarchFiles, load_petrarch_files
from eventcoder.coder import code_article
from eventcoder.model import Article

CHECKS = Path(__file__).parent / "data" / "petrarch" / "phoenix_checks.jsonl"
DICTIONARIES = Path(__file__).resolve().parent.parent.parent / "shared" / "petrarch2" / "dictionaries"
ACTORS = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")

pytestmark = pytest.mark.skipif(not (DICTIONARIES / "CAMEO.2.0.txt").is_file(),
                                reason=f"PETRARCH's Phoenix dictionaries are not in {DICTIONARIES}")


def test_phoenix_dictionaries_code_real_style_sentences():
    files = PetrarchFiles(verbs=(DICTIONARIES / "CAMEO.2.0.txt",), actors=tuple(DICTIONARIES / a for a in ACTORS),
                          agents=(DICTIONARIES / "Phoenix.agents.txt",),
                          discards=(DICTIONARIES / "Phoenix.discards.txt",))
    book, _ = load_petrarch_files(files)
    right = wrong = missed = 0
    misses = []
    for line in CHECKS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        coded = code_article(Article(row["id"], row["text"], published=date(2023, 6, 1)), book)
        got = {(m.source.country, m.target.country, m.event_code[:2]) for m in coded.mentions}
        want = {tuple(e) for e in row["events"]}
        right, wrong, missed = right + len(got & want), wrong + len(got - want), missed + len(want - got)
        if got != want:
            misses.append(f"{row['id']}: got {sorted(got, key=str)}, want {sorted(want)}")
    assert right / (right + wrong) >= 0.85, misses
    assert right / (right + missed) >= 0.85, misses
