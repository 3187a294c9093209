"""A run to S3 against the same run to a local directory, on the throughput corpus.

Starts moto's S3 server (``moto_server``, from ``pip install 'moto[server]'``)
on a free localhost port, makes a bucket, then per repetition, each step in a
fresh subprocess: ``eventcoder code CORPUS --out DIR`` (local), ``eventcoder
code CORPUS --out s3://bench/run --overwrite`` (coded locally, committed to
the bucket) and ``eventcoder export s3://bench/run --view gdelt --to
s3://bench/gdelt.tsv`` (read down, written back). Reports median wall
seconds and peak RSS. moto keeps objects in its own memory, so this measures
eventcoder's side of the traffic, not a real network's.

    python benchmarks/remote.py                      # 20,000 sentences, 3 repetitions
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_SEED, REPO, ensure_corpus, run_child  # noqa: E402


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=20000, help="corpus size in sentences (default 20000)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions; medians are reported (default 3)")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs eventcoder")
    return parser.parse_args(argv)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(python: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    """moto's server in a process of its own; returns once it answers."""
    sink = log.open("wb")
    server = subprocess.Popen([python, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                              stdout=sink, stderr=subprocess.STDOUT)  # fmt: skip
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit(f"moto's server did not start; see {log}")


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    corpus, _ = ensure_corpus(args.sentences, DEFAULT_SEED, 500, False)
    workdir = Path(tempfile.mkdtemp(prefix="eventcoder-remote-bench-"))
    port = free_port()
    env = dict(os.environ, AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench", AWS_DEFAULT_REGION="us-east-1",
               AWS_ENDPOINT_URL=f"http://127.0.0.1:{port}")  # fmt: skip
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    server = start_server(args.python, port, workdir / "moto.log")
    steps = {
        "code --out DIR (local)": ["code", str(corpus), "--out", str(workdir / "run"), "--overwrite", "--quiet"],
        "code --out s3://bench/run": ["code", str(corpus), "--out", "s3://bench/run", "--overwrite", "--quiet"],
        "export s3:// --to s3://": ["export", "s3://bench/run", "--view", "gdelt", "--to", "s3://bench/gdelt.tsv"],
    }
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in steps}
    try:
        subprocess.run([args.python, "-c", "import s3fs; s3fs.S3FileSystem().mkdir('bench')"], env=env, check=True)
        for _ in range(args.repeat):
            for name, command in steps.items():
                wall, rss, status = run_child([args.python, "-m", "eventcoder", *command], env, workdir / "step.log")
                if status != 0:
                    raise SystemExit(f"{name} exited {status}:\n{(workdir / 'step.log').read_text(errors='replace')}")
                results[name].append((wall, rss))
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"corpus {corpus.name}, {args.repeat} repetitions, medians")
    for name, runs in results.items():
        wall = statistics.median(w for w, _ in runs)
        rss = statistics.median(r for _, r in runs)
        print(f"  {name:<28} {wall:7.2f} s wall  {rss:7.1f} MiB peak RSS")


if __name__ == "__main__":
    main()
