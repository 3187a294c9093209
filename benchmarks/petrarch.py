"""Load time and coding speed with the full PETRARCH/Phoenix dictionaries (issue 5).

Loads CAMEO.2.0.txt + the three Phoenix actor files + Phoenix.agents.txt +
Phoenix.discards.txt: once cold (empty cache: read and compile), then
``--repeat`` times from the compiled cache, each in a fresh interpreter. Then
codes the synthetic corpus of ``throughput.py`` in this process (after one
warm-up article, so one-time index builds are not counted) ``--repeat``
times. Prints medians; the targets are a load under 5 s and at least 1,000
sentences per second.

    python benchmarks/petrarch.py [--dictionaries ../shared/petrarch2/dictionaries] [--repeat 3]
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

FILES = ("CAMEO.2.0.txt", "Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
         "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt", "Phoenix.discards.txt")

_CHILD = """
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from eventcoder.codebook.petrarch import PetrarchFiles, load_petrarch_files
t1 = time.perf_counter()
paths = [Path(p) for p in sys.argv[1:]]
files = PetrarchFiles(verbs=tuple(paths[:1]), actors=tuple(paths[1:4]), agents=tuple(paths[4:5]),
                      discards=tuple(paths[5:6]))
book, report = load_petrarch_files(files)
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "summary": book.summary(), "ignored": len(report.ignored)}))
"""


def load_once(paths: list[Path], cache_dir: str) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), EVENTCODER_CACHE_DIR=cache_dir)
    done = subprocess.run([sys.executable, "-c", _CHILD, *map(str, paths)], env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def coding_speed(paths: list[Path], cache_dir: str, sentences: int, repeat: int) -> tuple[list[float], int]:
    os.environ["EVENTCODER_CACHE_DIR"] = cache_dir
    from throughput import DEFAULT_SEED, ensure_corpus

    from eventcoder.codebook.petrarch import PetrarchFiles, load_petrarch_files
    from eventcoder.coder import code_article
    from eventcoder.model import Article

    files = PetrarchFiles(verbs=tuple(paths[:1]), actors=tuple(paths[1:4]), agents=tuple(paths[4:5]),
                          discards=tuple(paths[5:6]))
    book, _ = load_petrarch_files(files)
    corpus, _ = ensure_corpus(sentences, DEFAULT_SEED, 500, False)
    articles = []
    for file in sorted(corpus.glob("*.jsonl")):
        with file.open(encoding="utf-8") as handle:
            articles += [Article(row["id"], row["text"]) for row in map(json.loads, handle)]
    code_article(articles[0], book)  # warm-up: gazetteer and name indexes are built once per process
    rates = []
    total = 0
    for _ in range(repeat):
        started = time.perf_counter()
        total = sum(code_article(a, book).n_sentences for a in articles)
        rates.append(total / (time.perf_counter() - started))
    return rates, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dictionaries", type=Path, default=ROOT.parent / "shared" / "petrarch2" / "dictionaries")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sentences", type=int, default=20000, help="corpus size (see throughput.py)")
    args = parser.parse_args(argv)
    paths = [args.dictionaries / name for name in FILES]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"missing dictionaries: {', '.join(missing)}", file=sys.stderr)
        return 2
    print(f"machine: {platform.platform()}; {platform.processor() or platform.machine()}; "
          f"{os.cpu_count()} cores; Python {platform.python_version()}")
    with tempfile.TemporaryDirectory(prefix="eventcoder-petrarch-bench-") as cache:
        cold = load_once(paths, cache)
        print(f"codebook: {cold['summary']}; {cold['ignored']} dictionary lines ignored")
        print(f"cold load (read + compile + write cache): {cold['load']:.2f} s (import {cold['import']:.2f} s)")
        cached = [float(load_once(paths, cache)["load"]) for _ in range(args.repeat)]  # type: ignore[arg-type]
        print(f"cached load, median of {args.repeat}: {statistics.median(cached):.2f} s "
              f"(runs: {', '.join(f'{t:.2f}' for t in cached)})")
        rates, sentences = coding_speed(paths, cache, args.sentences, args.repeat)
        print(f"coding {sentences:,} sentences in one process, median of {args.repeat}: "
              f"{statistics.median(rates):,.0f} sentences/s (runs: {', '.join(f'{r:,.0f}' for r in rates)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
