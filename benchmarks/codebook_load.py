"""How long loading a codebook takes, cold (parse YAML + compile) and from the compiled cache.

Each run is a fresh interpreter, so nothing is warm but the OS file cache.
Prints the median of ``--repeat`` runs of each kind.

    python benchmarks/codebook_load.py [--codebook DIR] [--repeat 5]
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import json, sys, time
t0 = time.perf_counter()
from eventcoder import load_codebook
t1 = time.perf_counter()
book = load_codebook(sys.argv[1] or None)
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "summary": book.summary()}))
"""


def _run(codebook: str, cache_dir: str | None) -> dict[str, float | str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("EVENTCODER_NO_CACHE", None)
    if cache_dir is None:
        env["EVENTCODER_NO_CACHE"] = "1"
    else:
        env["EVENTCODER_CACHE_DIR"] = cache_dir
    out = subprocess.run([sys.executable, "-c", _CHILD, codebook], env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codebook", default="", help="codebook directory (default: the embedded one)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {platform.platform()}; {platform.processor() or platform.machine()}; "
          f"{os.cpu_count()} cores; Python {platform.python_version()}")
    # as pip install does: no run pays for compiling eventcoder's modules (see README)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "eventcoder")], check=True)
    cold = [_run(args.codebook, None) for _ in range(args.repeat)]
    with tempfile.TemporaryDirectory() as cache:
        _run(args.codebook, cache)  # fill the cache
        warm = [_run(args.codebook, cache) for _ in range(args.repeat)]
    print(f"codebook: {cold[0]['summary']}")
    print(f"import eventcoder:             median {statistics.median(r['import'] for r in cold):.3f} s")
    print(f"load + compile, no cache:      median {statistics.median(r['load'] for r in cold):.3f} s")
    print(f"load from the compiled cache:  median {statistics.median(r['load'] for r in warm):.3f} s")


if __name__ == "__main__":
    main()
