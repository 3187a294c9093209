"""The driver's post-processing alone, on a synthetic corpus of N mentions: actor clustering, events, manifest.

After the partitions are coded (by either engine) the driver clusters the
corpus's actors, aggregates events bucket by bucket and writes the manifest;
that part does not spread over workers. This stages copies of a coded
dataset's articles, mentions and actor phrases (fresh ids, dates shifted a
day per copy, with `load.py`'s copier) until there are at least N mentions,
then times only the post-processing, in this process. `scale.py
--postprocess N ...` runs it in a fresh child process per N and reads its
peak RSS; by hand:

    python benchmarks/postprocess.py BASE_DATASET 1000000 --json out.json
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests"), str(HERE.parent)]

from load import _copy  # noqa: E402

from eventcoder.codebook.load import load_codebook  # noqa: E402
from eventcoder.export.writer import DatasetWriter  # noqa: E402
from eventcoder.run import _aggregate, _manifest  # noqa: E402

TABLES = ("articles", "mentions", "actor_mentions")


def stage(writer: DatasetWriter, base: Path, wanted: int) -> int:
    """Write copies of ``base``'s coded tables until at least ``wanted`` mentions; return the mentions staged."""
    frames = {t: pl.read_parquet(base / t / "*.parquet") for t in TABLES}
    per_copy = frames["mentions"].height
    for k in range(math.ceil(wanted / per_copy)):
        for table in TABLES:
            writer.write_part(table, _copy(frames[table], table, k))
    return per_copy * math.ceil(wanted / per_copy)


def measure(base: Path, wanted: int, workdir: Path) -> dict[str, float | int]:
    book = load_codebook()
    with DatasetWriter(workdir / "synthetic") as writer:
        staged = stage(writer, base, wanted)
        started = time.perf_counter()
        now = datetime.now(timezone.utc)
        events, actors = _aggregate(writer, book, "one-a-day", appended=False)
        run = {"started": now, "finished": datetime.now(timezone.utc), "inputs": [str(base)],
               "parameters": {"append": False, "synthetic_mentions": staged}, "counts": {},
               "skipped_by_file": {}, "skipped_files": []}
        writer.finish(_manifest(writer, book, run))
        seconds = time.perf_counter() - started
    return {"mentions": staged, "events": events, "actors": actors, "seconds": round(seconds, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", type=Path, help="a coded dataset to copy (e.g. the benchmark corpus, coded)")
    parser.add_argument("mentions", type=int, help="mentions to stage (whole copies: at least this many)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eventcoder-post-") as tmp:
        figures = measure(args.base, args.mentions, Path(tmp))
    print(json.dumps(figures))
    if args.json:
        args.json.write_text(json.dumps(figures) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
