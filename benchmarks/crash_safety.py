"""Crash-safety check for `eventcoder code`: kill -9 at random moments, then audit the dataset.

For each mode it runs `python -m eventcoder code` in a subprocess and sends
SIGKILL after a random delay drawn between "just started" and "a little after
a whole run would have finished", so kills land everywhere: while reading,
coding (also with a worker pool), aggregating, writing the manifest, at the
swap, or after the run is done.

- ``overwrite``: the dataset is rewritten in turn from corpus A or corpus B
  (disjoint article ids); afterwards it must be exactly A's or B's dataset.
- ``append``: each run appends a new file of fresh ids; afterwards the
  dataset must hold the articles before the run, or those plus the new file.

After every kill the audit checks: the manifest is eventcoder's and its row
counts are the rows on disk; article, mention, event and actor ids are unique;
every mention points at an article, an event and known actors, every event's
mention ids exist, every actor phrase's article exists; and no worker of the
killed run is still alive two seconds later. After the last kill one more run
must complete and leave nothing beside the dataset but its lock file.

    python benchmarks/crash_safety.py                 # 20 kills per mode
    python benchmarks/crash_safety.py --kills 5 --seed 7
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

REPO = Path(__file__).resolve().parent.parent
SENTENCES = (
    "Russia attacked Ukrainian positions near Kharkiv on Monday.",
    "France and Germany urged Iran to resume talks.",
    "Police arrested protesters in Lima after a curfew began.",
    "The United Nations condemned the shelling of a hospital in Gaza.",
    "Turkey and Egypt signed an agreement on trade.",
    "Rebels killed eight soldiers in an ambush in North Kivu.",
    "Poland closed a border crossing with Belarus.",
    "The Yemeni government released 40 prisoners, officials said.",
)


@dataclass
class Tally:
    kills: int = 0
    finished_first: int = 0  # the run was already done when the kill came
    failures: list[str] = field(default_factory=list)


def corpus(path: Path, prefix: str, count: int, rng: random.Random) -> set[str]:
    """Write ``count`` articles with ids ``{prefix}{n}``; return the ids."""
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            text = " ".join(rng.sample(SENTENCES, 4))
            handle.write(json.dumps({"id": f"{prefix}{n}", "text": text, "published": "2024-11-20",
                                     "source": f"outlet{n % 4}"}) + "\n")
    return {f"{prefix}{n}" for n in range(count)}


def command(inputs: Path, out: Path, flag: str, workers: int) -> list[str]:
    return [sys.executable, "-m", "eventcoder", "code", str(inputs), "--out", str(out), flag, "-q",
            "--batch-size", "20", "--workers", str(workers)]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}


def run_to_end(args: list[str]) -> float:
    started = time.monotonic()
    subprocess.run(args, env=environment(), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - started


def kill_after(args: list[str], delay: float) -> tuple[bool, int]:
    """Start the run, SIGKILL it after ``delay`` seconds; True when it had finished by then; and its pid."""
    child = subprocess.Popen(args, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        child.wait(delay)
        return True, child.pid
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
        child.wait()
        return False, child.pid


def survivors(out: Path) -> list[int]:
    """Processes still running an eventcoder command on ``out`` (orphaned workers share its command line)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = entry.read_bytes().split(b"\0")
        except OSError:
            continue
        if str(out).encode() in words and b"eventcoder" in words:
            found.append(int(entry.parent.name))
    return found


def audit(out: Path) -> tuple[set[str], list[str]]:
    """The dataset's article ids, and every problem found in it."""
    problems: list[str] = []
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    if manifest.get("format") != "eventcoder.dataset":
        problems.append("manifest is not eventcoder's")
    tables = {name: pl.read_parquet(out / name / "*.parquet") for name in manifest["row_counts"]}
    for name, frame in tables.items():
        if frame.height != manifest["row_counts"][name]:
            problems.append(f"{name}: {frame.height} rows, manifest says {manifest['row_counts'][name]}")
    for name, key in (("articles", "article_id"), ("mentions", "mention_id"), ("events", "event_id"),
                      ("actors", "actor_id")):
        if tables[name][key].n_unique() != tables[name].height:
            problems.append(f"{name}: {key} not unique")
    articles, mentions, events = tables["articles"], tables["mentions"], tables["events"]
    actors = set(tables["actors"]["actor_id"].to_list())
    checks: list[tuple[str, Callable[[], set[str]]]] = [
        ("mention without article", lambda: set(mentions["article_id"]) - set(articles["article_id"])),
        ("mention without event", lambda: set(mentions["event_id"]) - set(events["event_id"])),
        ("event mention id unknown", lambda: set(events["mention_ids"].explode().drop_nulls()) - set(
            mentions["mention_id"])),
        ("mention actor unknown", lambda: set(pl.concat([mentions["source_actor_id"], mentions["target_actor_id"]])
                                              .drop_nulls()) - actors),
        ("actor phrase without article",
         lambda: set(tables["actor_mentions"]["article_id"]) - set(articles["article_id"])),
    ]
    for what, missing in checks:
        if missing():
            problems.append(what)
    return set(articles["article_id"].to_list()), problems


def run_mode(mode: str, root: Path, kills: int, rng: random.Random, tally: Tally) -> None:
    out = root / mode / "dataset"
    out.parent.mkdir(parents=True)
    first = root / mode / "a.jsonl"
    expected = corpus(first, "a", 300, rng)
    full = run_to_end(command(first, out, "--overwrite", 1))
    other = root / mode / "b.jsonl"
    other_ids = corpus(other, "b", 300, rng)
    for number in range(kills):
        workers = 1 + number % 2
        if mode == "overwrite":
            source, new = (other, other_ids) if number % 2 == 0 else (first, corpus(first, "a", 300, rng))
            allowed = [expected, new]
            args = command(source, out, "--overwrite", workers)
        else:
            source = root / mode / f"more{number}.jsonl"
            new = expected | corpus(source, f"m{number}-", 60, rng)
            allowed = [expected, new]
            args = command(source, out, "--append", workers)
        done, pid = kill_after(args, rng.uniform(0.05, full * 1.3))
        tally.kills += 1
        tally.finished_first += done
        time.sleep(2.0)
        label = f"{mode} kill {number + 1} (workers {workers}, {'after the end' if done else 'mid-run'})"
        left = survivors(out)
        if left:
            tally.failures.append(f"{label}: processes {left} outlived pid {pid}")
            for survivor in left:
                os.kill(survivor, signal.SIGKILL)
        try:
            found, problems = audit(out)
        except (OSError, ValueError, KeyError, pl.exceptions.PolarsError) as exc:
            tally.failures.append(f"{label}: dataset unreadable: {exc}")
            continue
        if found not in allowed:
            problems.append(f"{len(found)} articles, neither the state before nor after")
        tally.failures.extend(f"{label}: {p}" for p in problems)
        expected = found
    run_to_end(command(first, out, "--overwrite", 1))
    beside = sorted(p.name for p in out.parent.iterdir() if p.suffix != ".jsonl")
    if beside != [".dataset.lock", "dataset"]:
        tally.failures.append(f"{mode}: after a clean run, beside the dataset: {beside}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20, help="kills per mode (default 20)")
    parser.add_argument("--seed", type=int, default=11, help="random seed of the delays and corpora")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    root = Path(tempfile.mkdtemp(prefix="eventcoder-crash-"))
    results = {}
    try:
        for mode in ("overwrite", "append"):
            tally = Tally()
            run_mode(mode, root, options.kills, rng, tally)
            results[mode] = tally
            broken = len({failure.split(":")[0] for failure in tally.failures})
            print(f"{mode:>9}: {tally.kills} kills ({tally.kills - tally.finished_first} mid-run, "
                  f"{tally.finished_first} after the end), {tally.kills - broken}/{tally.kills} datasets complete"
                  f" and consistent, {len(tally.failures)} problem(s)", flush=True)
            for failure in tally.failures:
                print(f"           {failure}")
    finally:
        if not options.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 1 if any(t.failures for t in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
