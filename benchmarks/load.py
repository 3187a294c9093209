"""Load-time and peak-memory benchmark for `eventcoder load` (DuckDB and PostgreSQL).

Codes the throughput corpus (benchmarks/throughput.py, 20,000 sentences)
once, then makes a synthetic dataset of about ``--events`` events by copying
its rows with fresh ids and shifted dates (one part file per copy, as a run
of many batches writes). Each load runs `python -m eventcoder load` in a
fresh child process; the table gives wall seconds, rows written per second
and the child's peak RSS. Runs: a first load into an empty database, the same
load again (a no-op), and the load of the dataset with one more copy added
(what an ``--append`` of 1/N more articles gives). See benchmarks/README.md.

    python benchmarks/load.py                       # 1,000,000 events, DuckDB and PostgreSQL
    python benchmarks/load.py --events 100000 --backends duckdb
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import polars as pl

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests"), str(HERE.parent)]

import throughput  # noqa: E402
from pg_server import PgServer, find_binaries  # noqa: E402

from eventcoder.export.writer import DatasetWriter  # noqa: E402

REPO = HERE.parent
DATA = HERE / "data"
_ID_COLUMNS = {
    "articles": ("article_id",),
    "mentions": ("mention_id", "event_id", "article_id", "source_actor_id", "target_actor_id"),
    "events": ("event_id", "first_article_id"),
    "actors": ("actor_id",),
    "actor_mentions": ("article_id", "actor_id"),
}


def base_dataset(python: str) -> Path:
    """The throughput corpus, coded (kept under benchmarks/data/ for the next run)."""
    corpus, _ = throughput.ensure_corpus(20_000, throughput.DEFAULT_SEED, 500, regenerate=False)
    out = DATA / "load-base"
    if not (out / "manifest.json").is_file():
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        subprocess.run([python, "-m", "eventcoder", "code", str(corpus), "--out", str(out), "--overwrite", "-q"],
                       check=True, env=env, cwd=REPO)  # fmt: skip
    return out


def _copy(frame: pl.DataFrame, table: str, k: int) -> pl.DataFrame:
    """Copy ``k`` of a table: every id suffixed (still unique), dates shifted by ``k`` days."""
    suffix = f"~{k}"
    changes = [pl.col(c) + suffix for c in _ID_COLUMNS.get(table, ()) if c in frame.columns]
    if table == "events":
        changes.append(pl.col("mention_ids").list.eval(pl.element() + suffix))
    for column in ("event_date", "published"):
        if column in frame.columns:
            changes.append(pl.col(column) + pl.duration(days=k))
    return frame.with_columns(changes)


def synthetic(base: Path, copies: int, out: Path) -> dict[str, int]:
    """A dataset of ``copies`` copies of ``base``; return its row counts."""
    tables = {t: pl.read_parquet(base / t / "*.parquet") for t in _ID_COLUMNS}
    if out.exists():
        shutil.rmtree(out)
    with DatasetWriter(out) as writer:
        for k in range(copies):
            for table in ("articles", "mentions", "actor_mentions"):
                writer.write_part(table, _copy(tables[table], table, k))
        for table in ("events", "actors"):
            writer.write_table(table, pl.concat([_copy(tables[table], table, k) for k in range(copies)]))
        counts = writer.row_counts()
        manifest = json.loads((base / "manifest.json").read_text())
        manifest["row_counts"], manifest["synthetic_copies"] = counts, copies
        # the views read the codebook's tables from its path: use this checkout's, not the one that coded the base
        manifest.setdefault("codebook", {})["path"] = str(REPO / "codebooks" / "default")
        writer.finish(manifest)
    return counts


def run_load(python: str, dataset: Path, url: str, log: Path) -> tuple[float, float, dict[str, Any]]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    wall, rss, status = throughput.run_child([python, "-m", "eventcoder", "load", str(dataset), "--db", url],
                                             env, log)  # fmt: skip
    if status != 0:
        raise SystemExit(f"load failed ({status}); see {log}:\n{log.read_text()[-2000:]}")
    return wall, rss, {"output": log.read_text().strip().splitlines()[-4:]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the synthetic dataset")
    parser.add_argument("--backends", nargs="+", default=["duckdb", "postgresql"], choices=["duckdb", "postgresql"])
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--json", type=Path, help="also write every figure as JSON")
    args = parser.parse_args(argv)
    base = base_dataset(args.python)
    per_copy = pl.scan_parquet(base / "events" / "*.parquet").select(pl.len()).collect().item()
    copies = max(1, round(args.events / per_copy))
    work = Path(tempfile.mkdtemp(prefix="eventcoder-load-bench-"))
    first, more = work / "dataset", work / "dataset-plus-one"
    counts = synthetic(base, copies, first)
    synthetic(base, copies + 1, more)
    rows = sum(counts.values())
    print(throughput.machine_line(throughput.machine(args.python)))
    print(f"dataset: {copies} copies of the coded throughput corpus: "
          + ", ".join(f"{t} {n:,}" for t, n in counts.items() if n))  # fmt: skip
    print(f"{'backend':<11}{'load':<22}{'wall s':>8}{'rows/s':>12}{'events/s':>11}{'peak RSS MiB':>14}")
    figures: list[dict[str, Any]] = []
    try:
        for backend in args.backends:
            server, url = None, f"duckdb:///{work / 'bench.duckdb'}"
            if backend == "postgresql":
                binaries, why = find_binaries()
                if binaries is None:
                    print(f"postgresql: skipped ({why})")
                    continue
                server = PgServer(binaries, durable=True).start()
                url = server.url
            try:
                for label, dataset in (("first, empty db", first), ("same again", first), ("one copy more", more)):
                    wall, rss, info = run_load(args.python, dataset, url, work / f"{backend}.log")
                    written = rows if label.startswith("first") else 0
                    rate = f"{written / wall:,.0f}" if written else "-"
                    ev = f"{counts['events'] / wall:,.0f}" if written else "-"
                    print(f"{backend:<11}{label:<22}{wall:>8.1f}{rate:>12}{ev:>11}{rss:>14.1f}")
                    figures.append({"backend": backend, "load": label, "wall_s": wall, "peak_rss_mib": rss, **info})
            finally:
                if server is not None:
                    server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps({"counts": counts, "figures": figures}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
