"""write_report on a dataset coded end to end: where the page goes, what it holds, typed errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eventcoder import code_corpus, load_codebook, write_report
from eventcoder.errors import DatasetError
from eventcoder.report import default_report_path, read_tables, report_payload
from eventcoder.report.encode import unpack

MINI = Path(__file__).parent.parent / "data" / "mini_codebook"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("coded")
    source = root / "in.jsonl"
    records = [
        {"id": f"a{i}", "text": "France met with Germany. Iranian militias attacked Israeli troops.",
         "published": f"2024-11-{10 + i}", "source": "Reuters", "url": f"https://example.org/{i}"}
        for i in range(3)
    ]  # fmt: skip
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    code_corpus([source], root / "out", load_codebook(MINI))
    return root / "out"


def test_the_page_goes_beside_the_dataset(dataset: Path) -> None:
    written = write_report(dataset)
    assert written == dataset.parent / "out.report.html" == default_report_path(dataset)
    assert not list(dataset.parent.glob(".*.tmp"))
    assert written.stat().st_size < 400_000


@pytest.mark.parametrize(("given", "expected"), [("output/run", "output/run.report.html"), ("run/", "run.report.html")])
def test_default_path(given: str, expected: str) -> None:
    assert default_report_path(Path(given)) == Path(expected)


def test_the_page_names_codes_patterns_and_articles(dataset: Path, tmp_path: Path) -> None:
    target = tmp_path / "report" / "index.html"
    write_report(dataset, target)
    html = target.read_text(encoding="utf-8")
    header, _ = unpack(html.split('id="ec-data">', 1)[1].split("</script>", 1)[0])
    assert header["subtitle"].startswith("codebook mini 1")
    codes = {c["code"]: c["label"] for c in header["codes"]}  # type: ignore[index]
    assert codes["IRNUAF"] == "Iran · UAF"  # the mini codebook has no role labels (no acled section)
    detail = header["detail"]
    assert any(re.fullmatch(r"verbs\.yaml:\d+", p["where"]) for p in detail["patterns"])  # type: ignore[index]
    assert {a["url"] for a in detail["articles"]} == {f"https://example.org/{i}" for i in range(3)}  # type: ignore[index]


def test_max_listed_caps_the_listed_events(dataset: Path) -> None:
    payload = report_payload(read_tables(dataset), max_listed=2)
    assert len(payload.header["detail"]["columns"]["date"]) == 2  # type: ignore[index]
    assert payload.facts.get_column("n").sum() > 2


def test_a_directory_without_events_is_no_dataset(tmp_path: Path) -> None:
    with pytest.raises(DatasetError):
        write_report(tmp_path, tmp_path / "report.html")
