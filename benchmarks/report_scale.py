"""Benchmark of the HTML report on a synthetic dataset of a million events.

Synthesises a dataset directory in the shape ``eventcoder code`` writes
(events, mentions, actors, articles, rejects, manifest): dates over three
years with a rising trend, actor codes of 150 countries times 12 roles plus
organisations, 5,000 named actors, 30,000 places, the default codebook's
event codes, all drawn from Zipf-like laws so a few dyads and places dominate
as in news; one sentence per mention. Then, in a fresh subprocess each time,
it runs ``write_report`` and reports the median wall time, the child's peak
RSS, the page's size and the fact table's row count.

    python benchmarks/report_scale.py                    # 1,000,000 events, 3 runs
    python benchmarks/report_scale.py --events 100000 --repeat 1
    python benchmarks/report_scale.py --keep DIR         # keep the dataset (and the page) in DIR

The dataset is written to a temporary directory (about 200 MB for a million
events) unless ``--keep`` names one; it is not meant to be committed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import polars as pl

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

ROLES = ("GOV", "MIL", "REB", "OPP", "CVL", "COP", "PTY", "JUD", "LEG", "MED", "BUS", "UAF")
HOWS = ("dictionary", "agent", "context", "coreference", "title", "unknown", "fuzzy")
HOW_WEIGHTS = (0.5, 0.15, 0.18, 0.08, 0.03, 0.04, 0.02)
PRECISIONS = ("day", "week", "month", "year")
WORDS = ("forces", "talks", "border", "capital", "ceasefire", "protest", "aid", "province", "officials",
         "sanctions", "convoy", "election", "minister", "militants", "village", "statement")  # fmt: skip


def _zipf(rng: np.random.Generator, n: int, size: int, a: float = 1.15) -> np.ndarray:
    """``size`` draws of 0..n-1, rank k with weight 1/(k+1)^a."""
    weights = 1.0 / np.arange(1, n + 1) ** a
    return rng.choice(n, size=size, p=weights / weights.sum())


def synthesise(out: Path, n_events: int, seed: int = 7) -> None:
    """Write a dataset of ``n_events`` events (and about 1.1 mentions each) to ``out``."""
    from eventcoder import load_codebook

    rng = np.random.default_rng(seed)
    book = load_codebook()
    codes = [c for c in book.codes.values() if len(c.code) >= 3]
    countries = sorted({e.entry.code for ps in book.phrases.values() for e in ps if e.entry.kind == "country"})[:150]
    actor_codes = [c + r for c in countries for r in ROLES] + ["IGOUNO", "IGOEUREEC", "NGOHRW", "IGOAFRAU"]
    first = date(2022, 1, 1)
    days = (np.sqrt(rng.random(n_events)) * 1095).astype(int)  # more events later, as coverage grows
    src = _zipf(rng, len(actor_codes), n_events)
    tgt = _zipf(rng, len(actor_codes), n_events)
    code = _zipf(rng, len(codes), n_events, 0.9)
    place = _zipf(rng, 30_000, n_events, 1.05)
    located = rng.random(n_events) < 0.7
    place_country = rng.integers(0, len(countries), 30_000)
    lat, lon = rng.uniform(-45, 65, 30_000).round(4), rng.uniform(-120, 150, 30_000).round(4)
    event_ids = [f"{k:016x}" for k in range(n_events)]
    quad = np.array([c.quad_class for c in codes])[code]
    events = (
        pl.DataFrame(
            {
                "event_id": event_ids,
                "event_date": [first + timedelta(days=int(d)) for d in days],
                "source_code": np.array(actor_codes)[src],
                "target_code": np.array(actor_codes)[tgt],
                "event_code": np.array([c.code for c in codes])[code],
                "root": np.array([c.code[:2] for c in codes])[code],
                "quad_class": quad.astype(np.int8),
                "goldstein": np.array([c.goldstein for c in codes])[code],
                "num_mentions": (1 + rng.poisson(0.1, n_events)).astype(np.int32),
                "first_article_id": [f"A{k // 5:07d}" for k in range(n_events)],
                "location_name": np.char.add("Town ", place.astype(str)),
                "admin1": np.char.add("Region ", (place % 997).astype(str)),
                "country_code": np.array(countries)[place_country[place]],
                "latitude": lat[place],
                "longitude": lon[place],
                "_located": located,
                "fatalities": np.where((quad == 4) & (rng.random(n_events) < 0.3), rng.poisson(3, n_events), -1),
                "mention_ids": [[f"m{k:015x}"] for k in range(n_events)],
            }
        )
        .with_columns(  # fmt: skip
            pl.when("_located").then(pl.col("location_name", "admin1", "country_code", "latitude", "longitude")),
            pl.col("fatalities").replace(-1, None).cast(pl.Int32),
        )
        .drop("_located")
    )
    _write(out, "events", events)
    _write(out, "mentions", _mentions(rng, events, n_events))
    named = pl.DataFrame({
        "actor_id": [f"n{k:015x}" for k in range(5000)],
        "canonical_name": [f"Named Actor {k}" for k in range(5000)],
        "actor_code": np.array(actor_codes)[rng.integers(0, len(actor_codes), 5000)],
        "variants": [[f"Named Actor {k}", f"N. Actor {k}"] for k in range(5000)],
        "mention_count": rng.integers(1, 500, 5000), "origin": ["codebook"] * 5000,
    })  # fmt: skip
    _write(out, "actors", named)
    n_articles = n_events // 5 + 1
    articles = pl.DataFrame({
        "article_id": [f"A{k:07d}" for k in range(n_articles)], "source": ["Wire"] * n_articles,
        "url": [f"https://news.example/{k}" for k in range(n_articles)],
        "title": [f"Article {k}" for k in range(n_articles)], "status": ["ok"] * n_articles,
    })  # fmt: skip
    _write(out, "articles", articles)
    rejects = pl.DataFrame({"kind": ["invalid_json"] * 40 + ["no_text"] * 12, "reason": ["bad line"] * 52})
    _write(out, "rejects", rejects)
    counts = {"events": n_events, "mentions": n_events, "articles": n_articles, "rejects": 52}
    manifest = {"format": "eventcoder.dataset", "format_version": 1, "version": "synthetic", "row_counts": counts}
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def _mentions(rng: np.random.Generator, events: pl.DataFrame, n: int) -> pl.DataFrame:
    how = rng.choice(len(HOWS), size=(2, n), p=HOW_WEIGHTS)
    named = rng.random((2, n)) < 0.4
    who = rng.integers(0, 5000, (2, n))
    words = np.array(WORDS)[rng.integers(0, len(WORDS), (4, n))]
    sentence = [f"{a} {b} near {c} {d}, {k} said." for k, (a, b, c, d) in enumerate(words.T)]
    frame = {
        "mention_id": events.get_column("mention_ids").list.first(), "event_id": events.get_column("event_id"),
        "article_id": events.get_column("first_article_id"), "sentence_text": sentence,
        "date_precision": np.array(PRECISIONS)[rng.choice(4, n, p=(0.8, 0.05, 0.1, 0.05))],
        "pattern_id": events.get_column("event_code") + ":synthetic", "verb_text": ["said"] * n,
    }  # fmt: skip
    for side, k in (("source", 0), ("target", 1)):
        frame[f"{side}_how"] = np.array(HOWS)[how[k]]
        ids = [f"n{w:015x}" if m else None for w, m in zip(who[k], named[k], strict=True)]
        frame[f"{side}_actor_id"] = pl.Series(ids, dtype=pl.String)
        frame[f"{side}_key"] = np.where(named[k], "actor:synthetic", "code:synthetic")
        frame[f"{side}_text"] = events.get_column(f"{side}_code")
    return pl.DataFrame(frame)


def _write(out: Path, table: str, frame: pl.DataFrame) -> None:
    (out / table).mkdir(parents=True, exist_ok=True)
    frame.write_parquet(out / table / "part-00000.parquet", compression="zstd")


# Peak RSS from /proc (VmHWM): getrusage's ru_maxrss survives exec, so a child would report its parent's peak.
_CHILD = """
import json, sys, time
t = time.perf_counter()
from eventcoder.report import write_report
path = write_report(sys.argv[1], sys.argv[2])
seconds = time.perf_counter() - t
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "rss_mb": peak / 1024}))
"""


def run_once(dataset: Path, page: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", _CHILD, str(dataset), str(page)], env=env, check=True,
                          capture_output=True, text=True)  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the dataset and the page here, and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = args.keep or Path(scratch)
        dataset, page = root / "synthetic", root / "synthetic.report.html"
        started = time.perf_counter()
        if not (dataset / "manifest.json").is_file():
            synthesise(dataset, args.events, args.seed)
        made = time.perf_counter() - started
        runs = [run_once(dataset, page) for _ in range(args.repeat)]
        from eventcoder.report.encode import unpack

        text = page.read_text(encoding="utf-8")
        blob = text.split('id="ec-data">', 1)[1].split("</script>", 1)[0]
        header, facts = unpack(blob)
        print(
            f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cpus, "
            f"Python {platform.python_version()}"
        )
        print(f"dataset: {args.events:,} events, synthesised in {made:.1f} s")
        print(
            f"page: {page.stat().st_size / 1e6:.2f} MB ({len(blob) / 1e6:.2f} MB of it data); "
            f"{len(facts['n']):,} fact rows, {len(header['detail']['columns']['date']):,} listed events"
        )  # type: ignore[index]
        print(
            f"build: median {statistics.median(r['seconds'] for r in runs):.1f} s over {len(runs)} run(s), "
            f"peak RSS {max(r['rss_mb'] for r in runs):.0f} MB"
        )


if __name__ == "__main__":
    main()
