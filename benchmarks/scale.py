"""The local engine against the Dask engine (LocalCluster), 1 and 2 workers, on the throughput corpus.

Each configuration runs `python -m eventcoder code CORPUS --engine E --workers N`
in a fresh subprocess; the configurations take turns within each repetition,
so a drift of the machine's speed hits them alike. Reports the median wall
time, sentences per second and peak RSS (the largest of the driver and the
processes it waited for). The corpus is the one `throughput.py` builds.

    python benchmarks/scale.py                       # 20,000 sentences, 3 repetitions
    python benchmarks/scale.py --sentences 100000 --repeat 3 --json scale.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
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
    return parser.parse_args(argv)


def run_once(corpus: Path, engine: str, workers: int, workdir: Path, python: str) -> dict[str, Any]:
    """One run of one configuration: wall seconds, sentences, peak RSS."""
    out = workdir / f"{engine}-{workers}"
    command = [python, "-m", "eventcoder", "code", str(corpus), "--out", str(out), "--overwrite", "--quiet",
               "--engine", engine, "--workers", str(workers)]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    log = workdir / f"{engine}-{workers}.log"
    wall, rss, status = run_child(command, env, log)
    if status != 0:
        raise SystemExit(f"`{' '.join(command)}` exited with {status}:\n{log.read_text(errors='replace')}")
    counts, _, _ = read_counts(out)
    shutil.rmtree(out, ignore_errors=True)
    return {"wall_seconds": round(wall, 3), "sentences": int(counts["sentences"]), "peak_rss_mib": round(rss, 1)}


def summary(runs: list[dict[str, Any]]) -> dict[str, float]:
    wall = statistics.median(r["wall_seconds"] for r in runs)
    return {"median_wall_seconds": round(wall, 2), "sentences_per_second": round(runs[0]["sentences"] / wall),
            "median_peak_rss_mib": round(statistics.median(r["peak_rss_mib"] for r in runs))}


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    corpus, _ = ensure_corpus(args.sentences, args.seed, args.articles_per_file, regenerate=False)
    runs: dict[tuple[str, int], list[dict[str, Any]]] = {c: [] for c in CONFIGS}
    with tempfile.TemporaryDirectory(prefix="eventcoder-scale-") as tmp:
        for repetition in range(args.repeat):
            for engine, workers in CONFIGS:
                run = run_once(corpus, engine, workers, Path(tmp), args.python)
                runs[(engine, workers)].append(run)
                print(f"  run {repetition + 1}/{args.repeat} {engine} x{workers}: {run['wall_seconds']:.2f}s",
                      file=sys.stderr)
    rows = {f"{engine} x{workers}": summary(found) for (engine, workers), found in runs.items()}
    print(f"corpus {corpus.name}: {runs[CONFIGS[0]][0]['sentences']:,} sentences, {args.repeat} repetition(s)")
    print(f"{'engine':<10} {'wall s':>8} {'sent/s':>8} {'peak MiB':>9}")
    for name, row in rows.items():
        print(f"{name:<10} {row['median_wall_seconds']:>8.2f} {row['sentences_per_second']:>8,} "
              f"{row['median_peak_rss_mib']:>9,}")
    local_1, dask_1, dask_2 = (rows[k]["median_wall_seconds"] for k in ("local x1", "dask x1", "dask x2"))
    print(f"dask x2 speed-up over dask x1: {dask_1 / dask_2:.2f}x; dask x1 overhead over local x1: "
          f"{100 * (dask_1 / local_1 - 1):+.0f}%")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "runs": {f"{e} x{w}": r for (e, w), r in runs.items()}},
                                        indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
