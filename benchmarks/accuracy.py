"""Accuracy of the default codebook on the shared development data, in one command.

Codes ``../shared/dev/articles.jsonl`` and ``../shared/acled-dev/acled_dev.jsonl``
with ``python -m eventcoder code`` in a subprocess (the checkout on
PYTHONPATH), then prints:

- dev: F1, precision and recall overall and per CAMEO root, scored with
  :func:`eventcoder.evaluate_dataset` (the method of ``../shared/dev/score.py``);
- ACLED: the share of notes that yield at least one event mention; the
  agreement of the ACLED view's event_type and sub_event_type with ACLED's own
  coding, with an event_type confusion table; fatalities; place country and
  admin1 (the rules are below and in benchmarks/README.md);
- PETRARCH: the pass count of ``eventcoder validate`` on
  ``petrarch2/text/PETR.UnitTest.records.xml``.

    python benchmarks/accuracy.py [--shared DIR] [--json FILE] [--codebook DIR]

ACLED rules. The notes are coded with ``--dedupe article`` so that every event
belongs to one note (``one-a-day`` would merge the same-day events of two
notes). A note's *event* is its ACLED-view row with the most mentions, ties
broken by the earliest first mention in the note (sentence, then character),
then by event id; a note without a view row is predicted ``none``. Type
agreement is over all notes (``none`` disagrees with every ACLED type) and,
apart, over the notes that have an event. Fatalities: over the notes whose
ACLED fatalities are above 0, the share whose largest mention toll equals
ACLED's. Places: over the notes whose event is located, the event's place
country (ISO3) against ACLED's country name mapped to ISO3 with pycountry,
and its admin1 against ACLED's admin1, both names accent- and case-folded.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import polars as pl
import pycountry

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from eventcoder import evaluate_dataset  # noqa: E402
from eventcoder.export.reader import read_table  # noqa: E402

ACLED_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
NONE = "none"
# ACLED country names pycountry does not know by that name.
ACLED_COUNTRIES = {
    "Democratic Republic of Congo": "COD",
    "Republic of Congo": "COG",
    "Ivory Coast": "CIV",
    "Palestine": "PSE",
    "Russia": "RUS",
    "Turkey": "TUR",
    "Kosovo": "XKX",
}
_SUMMARY = re.compile(r"(\d+) passed, (\d+) failed")


# -- running eventcoder ---------------------------------------------------------------------


def eventcoder(python: str, *args: str) -> str:
    """Run ``python -m eventcoder ARGS`` with the checkout on PYTHONPATH; its standard output."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([python, "-m", "eventcoder", *args], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"eventcoder {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def code(python: str, source: Path, out: Path, codebook: Path | None, dedupe: str = "one-a-day") -> Path:
    book = ["--codebook", str(codebook)] if codebook else []
    eventcoder(python, "code", str(source), "--out", str(out), "--overwrite", "--quiet", "--dedupe", dedupe, *book)
    return out


# -- dev: gold CAMEO events -------------------------------------------------------------------


def dev_figures(python: str, dev: Path, work: Path, codebook: Path | None) -> dict[str, Any]:
    score = evaluate_dataset(dev / "gold.jsonl", code(python, dev / "articles.jsonl", work / "dev", codebook))
    return {
        "f1": score.f1,
        "precision": score.precision,
        "recall": score.recall,
        "required": score.required,
        "predicted": len(score.predictions),
        "per_root": {
            r.root: {
                "required": r.required,
                "recall": r.recall,
                "predicted": r.predicted,
                "precision": r.precision,
                "f1": r.f1,
            }
            for r in score.per_root()
        },
    }


# -- ACLED: real notes and ACLED's own coding ---------------------------------------------------


def acled_figures(python: str, acled_dir: Path, work: Path, codebook: Path | None) -> dict[str, Any]:
    run = code(python, acled_dir / "acled_dev.jsonl", work / "acled", codebook, dedupe="article")
    view_file = work / "acled_view.parquet"
    book = ["--codebook", str(codebook)] if codebook else []
    eventcoder(python, "export", str(run), "--view", "acled", "--to", str(view_file), *book)
    gold = pl.read_csv(acled_dir / "acled_dev.csv", infer_schema_length=0).select(
        pl.col("event_id_cnty").alias("article_id"),
        pl.col("event_type").alias("gold_type"),
        pl.col("sub_event_type").alias("gold_sub"),
        pl.col("country").alias("gold_country"),
        pl.col("admin1").alias("gold_admin1"),
        pl.col("fatalities").cast(pl.Float64).cast(pl.Int64).alias("gold_fatalities"),
    )
    notes = gold.join(note_events(run, pl.read_parquet(view_file)), on="article_id", how="left")
    notes = notes.join(note_tolls(run), on="article_id", how="left")
    return {
        "notes": notes.height,
        "notes_with_mentions": notes_with_mentions(run, notes),
        "event_type": agreement(notes, "gold_type", "event_type"),
        "sub_event_type": agreement(notes, "gold_sub", "sub_event_type"),
        "confusion": confusion(notes),
        "fatalities": fatalities(notes),
        "place": places(notes),
    }


def note_events(run: Path, view: pl.DataFrame) -> pl.DataFrame:
    """Per note, its chosen ACLED-view event (see the module docstring) with the event's place."""
    events = read_table(run, "events").select(
        "event_id", pl.col("first_article_id").alias("article_id"), "num_mentions", "country_code", "admin1"
    )
    first = (
        read_table(run, "mentions")
        .sort("sentence_index", "char_start")
        .group_by("event_id", maintain_order=True)
        .agg(pl.col("sentence_index").first(), pl.col("char_start").first())
    )
    return (
        view.select(pl.col("event_id_cnty").str.tail(16).alias("event_id"), "event_type", "sub_event_type")
        .join(events, on="event_id")
        .join(first, on="event_id", how="left")
        .sort(
            ["article_id", "num_mentions", "sentence_index", "char_start", "event_id"],
            descending=[False, True, False, False, False],
        )
        .group_by("article_id", maintain_order=True)
        .first()
    )


def note_tolls(run: Path) -> pl.DataFrame:
    """Per note, the largest death toll of its mentions (null when none states one)."""
    return read_table(run, "mentions").group_by("article_id").agg(pl.col("fatalities").max().alias("our_fatalities"))


def notes_with_mentions(run: Path, notes: pl.DataFrame) -> dict[str, Any]:
    articles = read_table(run, "articles")
    coded = set(articles.filter(pl.col("n_mentions") > 0)["article_id"].to_list())
    hits = sum(1 for a in notes["article_id"].to_list() if a in coded)
    return _ratio(hits, notes.height)


def agreement(notes: pl.DataFrame, gold: str, ours: str) -> dict[str, Any]:
    with_event = notes.filter(pl.col(ours).is_not_null())
    same = with_event.filter(pl.col(ours) == pl.col(gold)).height
    return {"all_notes": _ratio(same, notes.height), "notes_with_event": _ratio(same, with_event.height)}


def confusion(notes: pl.DataFrame) -> dict[str, dict[str, int]]:
    """``{ACLED event_type: {our event_type or 'none': notes}}``."""
    table = {gold: dict.fromkeys((*ACLED_TYPES, NONE), 0) for gold in ACLED_TYPES}
    for gold, ours in notes.select("gold_type", "event_type").iter_rows():
        row = table.setdefault(gold, dict.fromkeys((*ACLED_TYPES, NONE), 0))
        row[ours or NONE] = row.get(ours or NONE, 0) + 1
    return table


def fatalities(notes: pl.DataFrame) -> dict[str, Any]:
    deadly = notes.filter(pl.col("gold_fatalities") > 0)
    exact = deadly.filter(pl.col("our_fatalities") == pl.col("gold_fatalities")).height
    return {**_ratio(exact, deadly.height), "with_a_toll": deadly.filter(pl.col("our_fatalities").is_not_null()).height}


def places(notes: pl.DataFrame) -> dict[str, Any]:
    located = notes.filter(pl.col("country_code").is_not_null())
    rows = located.select("country_code", "admin1", "gold_country", "gold_admin1").iter_rows()
    country = admin1 = 0
    for ours, our_admin1, gold_country, gold_admin1 in rows:
        country += ours == iso3(gold_country)
        admin1 += bool(our_admin1) and fold(our_admin1) == fold(gold_admin1 or "")
    return {
        "located_notes": located.height,
        "country": _ratio(country, located.height),
        "admin1": _ratio(admin1, located.height),
    }


def iso3(name: str | None) -> str | None:
    """ACLED's country name as ISO 3166 alpha-3."""
    if not name:
        return None
    if name in ACLED_COUNTRIES:
        return ACLED_COUNTRIES[name]
    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        folded = fold(name)
        found = [c for c in pycountry.countries if fold(getattr(c, "name", "")) == folded]
        return str(found[0].alpha_3) if found else None


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


# -- PETRARCH validation --------------------------------------------------------------------


def petrarch_figures(python: str, petrarch: Path) -> dict[str, Any]:
    out = eventcoder(
        python,
        "validate",
        str(petrarch / "text" / "PETR.UnitTest.records.xml"),
        "--dictionaries",
        str(petrarch / "dictionaries"),
        "--no-failures",
    )
    found = _SUMMARY.findall(out)
    if not found:
        raise SystemExit(f"eventcoder validate printed no 'N passed, N failed' line:\n{out[-500:]}")
    passed, failed = map(int, found[-1])
    return _ratio(passed, passed + failed)


# -- printing ---------------------------------------------------------------------------------


def render(figures: Mapping[str, Any]) -> str:
    dev, acled, petrarch = figures["dev"], figures["acled"], figures["petrarch"]
    lines = [
        f"dev ({dev['required']} required gold events, {dev['predicted']} coded): "
        f"F1 {dev['f1']:.3f}  P {dev['precision']:.3f}  R {dev['recall']:.3f}",
        f"  {'root':<6}{'required':>9}{'recall':>8}{'coded':>7}{'precision':>11}{'f1':>7}",
    ]
    lines += [
        f"  {root:<6}{r['required']:>9}{_num(r['recall']):>8}{r['predicted']:>7}{_num(r['precision']):>11}"
        f"{_num(r['f1']):>7}"
        for root, r in dev["per_root"].items()
    ]
    lines += [
        "",
        f"ACLED ({acled['notes']} notes)",
        f"  notes with at least one event mention  {_frac(acled['notes_with_mentions'])}",
        *(
            f"  {k:<15} agreement  {_frac(acled[k]['all_notes'])} of all notes; "
            f"{_frac(acled[k]['notes_with_event'])} of notes with an ACLED-view event"
            for k in ("event_type", "sub_event_type")
        ),
        f"  fatalities exact (ACLED > 0)           {_frac(acled['fatalities'])}; "
        f"{acled['fatalities']['with_a_toll']} of them with a toll",
        f"  place country (located notes)          {_frac(acled['place']['country'])}",
        f"  place admin1 (located notes)           {_frac(acled['place']['admin1'])}",
        "",
        "  event_type confusion (rows ACLED, columns ours)",
        *confusion_lines(acled["confusion"]),
        "",
        f"PETRARCH validation: {petrarch['hits']} passed, {petrarch['total'] - petrarch['hits']} failed "
        f"({petrarch['share']:.1%})",
    ]
    return "\n".join(lines)


def confusion_lines(table: Mapping[str, Mapping[str, int]]) -> list[str]:
    columns = [*ACLED_TYPES, NONE]
    short = {c: c.split("/")[0].split()[0][:8] for c in columns}
    lines = ["  " + f"{'':<28}" + "".join(f"{short[c]:>10}" for c in columns)]
    for gold, row in table.items():
        lines.append("  " + f"{gold[:27]:<28}" + "".join(f"{row.get(c, 0):>10}" for c in columns))
    return lines


def _ratio(hits: int, total: int) -> dict[str, Any]:
    return {"hits": hits, "total": total, "share": hits / total if total else None}


def _frac(r: Mapping[str, Any]) -> str:
    share = "n/a" if r["share"] is None else f"{r['share']:.3f}"
    return f"{share} ({r['hits']}/{r['total']})"


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared data directory")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--codebook", type=Path, help="codebook directory (default: the embedded one)")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs python -m eventcoder")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    shared = args.shared.resolve()
    with tempfile.TemporaryDirectory(prefix="eventcoder-accuracy-") as tmp:
        work = Path(tmp)
        figures = {
            "codebook": str(args.codebook) if args.codebook else "embedded default",
            "dev": dev_figures(args.python, shared / "dev", work, args.codebook),
            "acled": acled_figures(args.python, shared / "acled-dev", work, args.codebook),
            "petrarch": petrarch_figures(args.python, shared / "petrarch2"),
        }
    print(render(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
