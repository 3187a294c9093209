"""The local engine against the Dask engine (LocalCluster), 1 and 2 workers, on the throughput corpus.

Each configuration runs `python -m eventcoder code CORPUS --engine E --workers N`
in a fresh subprocess; the configurations take turns within each repetition,
so a drift of the machine's speed hits them alike. Reports the median wall
time, sentences per second, the CPU seconds of the whole process tree, and
the peak RSS of the driver (the `eventcoder`
process) and of its largest worker process (a pool process, or a Dask
worker or nanny), sampled every 0.1 s with psutil. The corpus is the one
`throughput.py` builds.

`--postprocess N ...` also times the driver's post-processing alone (actor
clustering, events, manifest) on synthetic corpora of N mentions, each in a
fresh child (`postprocess.py`), copying the corpus as coded by the first
local run.

    python benchmarks/scale.py                       # 20,000 sentences, 3 repetitions
    python benchmarks/scale.py --sentences 100000 --repeat 3 --postprocess 1000000 --json scale.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_SEED, REPO, ensure_corpus, read_counts, run_child  # noqa: E402

CONFIGS = (("local", 1), ("local", 2), ("dask", 1), ("dask", 2))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=20000, help="corpus size in sentences (default 20000)")
    parser.add_argument("--articles-per-file", type=int, default=500, help="articles per JSONL file (default 500)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions; medians are reported (default 3)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus random seed")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs eventcoder")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every number as JSON")
    parser.add_argument("--postprocess", type=int, nargs="*", default=[], metavar="MENTIONS",
                        help="also time the driver's post-processing on this many synthetic mentions")
    parser.add_argument("--configs", nargs="*", default=[f"{e}x{w}" for e, w in CONFIGS], metavar="ENGINExN",
                        help="configurations to run (default: localx1 localx2 daskx1 daskx2; none: skip them)")
    return parser.parse_args(argv)


def run_sampled(command: Sequence[str], env: dict[str, str], log: Path) -> tuple[float, float, float, float, int]:
    """Run ``command``; return wall and CPU seconds, peak RSS (MiB) of it and of its largest descendant, status.

    The CPU seconds are the child's and those of every descendant it waited
    for (the pool or Dask worker processes), from os.wait4. Other work on the
    machine moves them less than wall time, but contention inflates them too.
    """
    import psutil

    driver = worker = 0
    with log.open("wb") as sink:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=env, cwd=REPO)
        watched = psutil.Process(proc.pid)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            try:
                driver = max(driver, watched.memory_info().rss)
                for child in watched.children(recursive=True):
                    worker = max(worker, child.memory_info().rss)
            except psutil.Error:
                pass  # a process ended between the listing and the reading
            time.sleep(0.1)
        wall = time.perf_counter() - started
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, driver / 2**20, worker / 2**20, os.waitstatus_to_exitcode(status)


def run_once(corpus: Path, engine: str, workers: int, workdir: Path, python: str, keep: Path | None = None
             ) -> dict[str, Any]:
    """One run of one configuration: wall seconds, sentences, peak RSS of the driver and of one worker."""
    out = workdir / f"{engine}-{workers}"
    command = [python, "-m", "eventcoder", "code", str(corpus), "--out", str(out), "--overwrite", "--quiet",
               "--engine", engine, "--workers", str(workers)]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    log = workdir / f"{engine}-{workers}.log"
    wall, cpu, driver, worker, status = run_sampled(command, env, log)
    if status != 0:
        raise SystemExit(f"`{' '.join(command)}` exited with {status}:\n{log.read_text(errors='replace')}")
    counts, _, _ = read_counts(out)
    if keep is not None and not keep.exists():
        shutil.move(out, keep)
    shutil.rmtree(out, ignore_errors=True)
    return {"wall_seconds": round(wall, 3), "cpu_seconds": round(cpu, 2), "sentences": int(counts["sentences"]),
            "driver_rss_mib": round(driver, 1), "worker_rss_mib": round(worker, 1)}


def summary(runs: list[dict[str, Any]]) -> dict[str, float]:
    wall = statistics.median(r["wall_seconds"] for r in runs)
    cpu = statistics.median(r["cpu_seconds"] for r in runs)
    return {"median_wall_seconds": round(wall, 2), "sentences_per_second": round(runs[0]["sentences"] / wall),
            "median_cpu_seconds": round(cpu, 2), "sentences_per_cpu_second": round(runs[0]["sentences"] / cpu),
            "driver_rss_mib": round(max(r["driver_rss_mib"] for r in runs)),
            "worker_rss_mib": round(max(r["worker_rss_mib"] for r in runs))}


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    corpus, _ = ensure_corpus(args.sentences, args.seed, args.articles_per_file, regenerate=False)
    configs = [(name.split("x")[0], int(name.split("x")[1])) for name in args.configs]
    runs: dict[tuple[str, int], list[dict[str, Any]]] = {c: [] for c in configs}
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="eventcoder-scale-") as tmp:
        base = Path(tmp) / "base"
        for repetition in range(args.repeat if configs else 0):
            for engine, workers in configs:
                run = run_once(corpus, engine, workers, Path(tmp), args.python, base if engine == "local" else None)
                runs[(engine, workers)].append(run)
                print(f"  run {repetition + 1}/{args.repeat} {engine} x{workers}: {run['wall_seconds']:.2f}s",
                      file=sys.stderr)
        if configs:
            figures["rows"] = report_runs(corpus, runs, args.repeat)
            figures["runs"] = {f"{e} x{w}": r for (e, w), r in runs.items()}
        if args.postprocess:
            if not base.exists():
                run_once(corpus, "local", 1, Path(tmp), args.python, base)
            figures["postprocess"] = [postprocess(base, n, Path(tmp), args.python) for n in args.postprocess]
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


def report_runs(corpus: Path, runs: dict[tuple[str, int], list[dict[str, Any]]], repeat: int) -> dict[str, Any]:
    """Print the table of runs and the two ratios the issue sets targets for; return the rows."""
    rows = {f"{engine} x{workers}": summary(found) for (engine, workers), found in runs.items()}
    first = next(iter(runs.values()))[0]
    print(f"corpus {corpus.name}: {first['sentences']:,} sentences, {repeat} repetition(s)")
    print(f"{'engine':<10} {'wall s':>8} {'sent/s':>8} {'CPU s':>8} {'sent/CPU s':>10} {'driver MiB':>11} "
          f"{'worker MiB':>11}")
    for name, row in rows.items():
        print(f"{name:<10} {row['median_wall_seconds']:>8.2f} {row['sentences_per_second']:>8,} "
              f"{row['median_cpu_seconds']:>8.2f} {row['sentences_per_cpu_second']:>10,} "
              f"{row['driver_rss_mib']:>11,} {row['worker_rss_mib']:>11,}")
    if {"local x1", "dask x1", "dask x2"} <= rows.keys():
        local_1, dask_1, dask_2 = (rows[k]["median_wall_seconds"] for k in ("local x1", "dask x1", "dask x2"))
        cpu_ratio = rows["dask x1"]["median_cpu_seconds"] / rows["local x1"]["median_cpu_seconds"]
        print(f"dask x2 speed-up over dask x1: {dask_1 / dask_2:.2f}x; dask x1 overhead over local x1: "
              f"{100 * (dask_1 / local_1 - 1):+.0f}% (wall), {100 * (cpu_ratio - 1):+.0f}% (CPU)")
    return rows


def postprocess(base: Path, mentions: int, workdir: Path, python: str) -> dict[str, Any]:
    """The driver's post-processing of ``mentions`` synthetic mentions, in a child: seconds, peak RSS."""
    out = workdir / f"post-{mentions}.json"
    command = [python, str(Path(__file__).with_name("postprocess.py")), str(base), str(mentions), "--json", str(out)]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    log = workdir / f"post-{mentions}.log"
    wall, rss, status = run_child(command, env, log)
    if status != 0:
        raise SystemExit(f"`{' '.join(command)}` exited with {status}:\n{log.read_text(errors='replace')}")
    found = {**json.loads(out.read_text()), "child_wall_seconds": round(wall, 2), "peak_rss_mib": round(rss)}
    print(f"post-processing {found['mentions']:,} mentions ({found['events']:,} events, {found['actors']:,} actors): "
          f"{found['seconds']:.1f}s, peak RSS {found['peak_rss_mib']:,} MiB (child wall {wall:.1f}s with staging)")
    return found


if __name__ == "__main__":
    raise SystemExit(main())
