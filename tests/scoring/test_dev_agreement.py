"""On ../shared/dev, `evaluate_dataset` gives the headline figures of ../shared/dev/score.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder import code_corpus, evaluate_dataset, load_codebook
from eventcoder.scoring import score_to_dict

CHECKOUT = Path(__file__).resolve().parents[2]  # this file is in tests/scoring/
DEV = CHECKOUT.parent / "shared" / "dev"

pytestmark = pytest.mark.skipif(
    not (DEV / "score.py").is_file(), reason="../shared/dev is absent: the dev corpus and score.py live there"
)

HEADLINE = (
    "f1",
    "precision",
    "recall",
    "strict_recall",
    "date_accuracy",
    "place_country_accuracy",
    "place_name_accuracy",
    "fatalities_accuracy",
    "required",
    "predicted",
    "per_root_recall",
    "actors",
)


def test_evaluate_agrees_with_score_py(tmp_path):
    run = code_corpus([str(DEV / "articles.jsonl")], tmp_path / "dev", load_codebook(), overwrite=True).out
    ours = score_to_dict(evaluate_dataset(DEV / "gold.jsonl", run))
    done = subprocess.run(
        [sys.executable, str(DEV / "score.py"), str(DEV / "gold.jsonl"), str(run)],
        capture_output=True,
        text=True,
        check=False,
    )
    text = done.stdout
    theirs = json.loads(text[: text.rindex("}") + 1])
    assert {k: ours[k] for k in HEADLINE} == {k: theirs[k] for k in HEADLINE}
