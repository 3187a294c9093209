"""End-to-end throughput and peak-memory benchmark for `eventcoder code`.

Builds (or reuses) a deterministic synthetic corpus under benchmarks/data/
from the example articles in examples/, runs `python -m eventcoder code` on it
in a fresh subprocess several times, and reports sentences per second and the
peak resident set size of the child. See benchmarks/README.md.

    python benchmarks/throughput.py                  # 20,000 sentences, 3 runs
    python benchmarks/throughput.py --scale          # 1x and 5x, to see memory vs input size
    python benchmarks/throughput.py --sentences 2000 --repeat 1 --json out.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
DATA = REPO / "benchmarks" / "data"
GENERATOR_VERSION = 1
DEFAULT_SEED = 20240611

# (country, demonym, capital): names swapped between articles. Only countries
# that appear in this table are swapped; others (the United States, ...) stay.
COUNTRIES: tuple[tuple[str, str, str], ...] = (
    ("Egypt", "Egyptian", "Cairo"),
    ("Turkey", "Turkish", "Ankara"),
    ("Poland", "Polish", "Warsaw"),
    ("Belarus", "Belarusian", "Minsk"),
    ("Russia", "Russian", "Moscow"),
    ("Lithuania", "Lithuanian", "Vilnius"),
    ("Latvia", "Latvian", "Riga"),
    ("Yemen", "Yemeni", "Sanaa"),
    ("Oman", "Omani", "Muscat"),
    ("Sudan", "Sudanese", "Khartoum"),
    ("Qatar", "Qatari", "Doha"),
    ("Jordan", "Jordanian", "Amman"),
    ("Syria", "Syrian", "Damascus"),
    ("Peru", "Peruvian", "Lima"),
    ("Bolivia", "Bolivian", "La Paz"),
    ("India", "Indian", "New Delhi"),
    ("China", "Chinese", "Beijing"),
    ("Japan", "Japanese", "Tokyo"),
    ("Armenia", "Armenian", "Yerevan"),
    ("Azerbaijan", "Azerbaijani", "Baku"),
    ("Mali", "Malian", "Bamako"),
    ("Norway", "Norwegian", "Oslo"),
    ("Colombia", "Colombian", "Bogota"),
    ("Venezuela", "Venezuelan", "Caracas"),
    ("Kenya", "Kenyan", "Nairobi"),
    ("Ghana", "Ghanaian", "Accra"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Germany", "German", "Berlin"),
    ("France", "French", "Paris"),
    ("Ethiopia", "Ethiopian", "Addis Ababa"),
)
SOURCES = ("Example Wire", "Example Times", "Example News Agency", "Example Daily", "Example Post")
FIRST_DAY, LAST_DAY = date(2019, 1, 1), date(2025, 6, 30)

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”]))\s+(?=[\"“]?[A-Z])")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_DATELINE_OUTLET = re.compile(r"\((Example Wire)\)")
_LOOSE_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+, [A-Z][\w .'-]+ \(")


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class Paragraph:
    text: str
    year: int  # publication year of the article it came from, for shifting years


@dataclass
class Pool:
    """Pieces of the example articles that generated articles are assembled from."""

    ledes: list[tuple[str, Paragraph]] = field(default_factory=list)  # (title, dateline paragraph)
    bodies: list[Paragraph] = field(default_factory=list)
    sentences: list[Paragraph] = field(default_factory=list)


def split_sentences(text: str) -> list[str]:
    """A rough sentence splitter, only used to size the corpus."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def _year_of(line: str) -> int | None:
    match = _LOOSE_YEAR.search(line)
    return int(match.group()) if match else None


def _txt_article(path: Path) -> tuple[str, int, list[str]] | None:
    """Title, publication year and paragraphs of an example .txt article."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if b.strip()]
    if len(blocks) < 2:
        return None
    title, rest = blocks[0], blocks[1:]
    start = next((i for i, b in enumerate(rest) if _DATELINE.match(b)), None)
    if start is None:  # no dateline: paragraphs start after the first short line holding a year
        start = next((i + 1 for i, b in enumerate(rest) if len(b) < 60 and _year_of(b)), 0)
    header = rest[:start]
    year = next((y for y in map(_year_of, header) if y), None) or 2024
    return title, year, rest[start:]


def _wire_articles(path: Path) -> Iterator[tuple[str, int, list[str]]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        sentences = split_sentences(str(record.get("text", "")))
        if not sentences:
            continue
        year = _year_of(str(record.get("published", ""))) or 2024
        paragraphs = [sentences[0]] + ([" ".join(sentences[1:])] if len(sentences) > 1 else [])
        yield str(record.get("title", "")), year, paragraphs


def build_pool(examples: Path) -> Pool:
    articles: list[tuple[str, int, list[str]]] = []
    for path in sorted(examples.glob("*.txt")):
        parsed = _txt_article(path)
        if parsed:
            articles.append(parsed)
    for path in sorted(examples.glob("*.jsonl")):
        articles.extend(_wire_articles(path))
    pool = Pool()
    for title, year, paragraphs in articles:
        if not paragraphs:
            continue
        pool.ledes.append((title, Paragraph(paragraphs[0], year)))
        for text in paragraphs[1:]:
            pool.bodies.append(Paragraph(text, year))
            pool.sentences.extend(Paragraph(s, year) for s in split_sentences(text))
    if not pool.ledes or not pool.bodies:
        raise SystemExit(f"error: no usable example articles under {examples}")
    return pool


def examples_digest(examples: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted([*examples.glob("*.txt"), *examples.glob("*.jsonl")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class CountrySwap:
    """Replace the table countries an article mentions by others, consistently."""

    def __init__(self) -> None:
        self.forms: dict[str, tuple[int, int]] = {}  # surface form -> (country index, form index)
        for i, names in enumerate(COUNTRIES):
            for j, name in enumerate(names):
                self.forms[name] = (i, j)
            self.forms[names[2].upper()] = (i, 3)  # datelines: "WARSAW, Poland"
        alternation = "|".join(re.escape(f) for f in sorted(self.forms, key=len, reverse=True))
        self.pattern = re.compile(rf"\b(?:{alternation})\b")

    def mapping(self, text: str, rng: random.Random, p_swap: float = 0.7) -> dict[int, int]:
        found = sorted({self.forms[m.group()][0] for m in self.pattern.finditer(text)})
        free = [i for i in range(len(COUNTRIES)) if i not in found]
        rng.shuffle(free)
        mapping = {}
        for i in found:
            if free and rng.random() < p_swap:
                mapping[i] = free.pop()
        return mapping

    def apply(self, text: str, mapping: dict[int, int]) -> str:
        def replace(match: re.Match[str]) -> str:
            i, j = self.forms[match.group()]
            if i not in mapping:
                return match.group()
            names = COUNTRIES[mapping[i]]
            return names[2].upper() if j == 3 else names[j]

        return self.pattern.sub(replace, text) if mapping else text


def _shift_years(paragraph: Paragraph, year: int) -> str:
    delta = year - paragraph.year
    if not delta:
        return paragraph.text
    return _YEAR.sub(lambda m: str(int(m.group()) + delta), paragraph.text)


def _body_paragraph(pool: Pool, rng: random.Random) -> Paragraph:
    """A body paragraph taken whole, or recombined from sentences of several articles."""
    if rng.random() < 0.7:
        return rng.choice(pool.bodies)
    picked = rng.sample(pool.sentences, k=min(len(pool.sentences), rng.randint(2, 4)))
    year = picked[0].year
    return Paragraph(" ".join(_shift_years(s, year) for s in picked), year)


def generate_articles(pool: Pool, seed: int) -> Iterator[tuple[dict[str, str], int]]:
    """An endless, deterministic stream of (record, estimated sentences)."""
    rng = random.Random(seed)
    swap = CountrySwap()
    span = (LAST_DAY - FIRST_DAY).days
    n = 0
    while True:
        n += 1
        title, lede = rng.choice(pool.ledes)
        short = rng.random() < 0.3  # wire-style brief
        body = [_body_paragraph(pool, rng) for _ in range(rng.randint(0, 2) if short else rng.randint(2, 8))]
        published = FIRST_DAY + timedelta(days=rng.randrange(span + 1))
        source = rng.choice(SOURCES)
        paragraphs = [_shift_years(p, published.year) for p in [lede, *body]]
        paragraphs[0] = _DATELINE_OUTLET.sub(f"({source})", paragraphs[0], count=1)
        text = "\n\n".join(paragraphs)
        mapping = swap.mapping(f"{title}\n{text}", rng)
        article_id = f"bench-{n:07d}"
        record = {
            "id": article_id,
            "title": swap.apply(title, mapping),
            "text": swap.apply(text, mapping),
            "published": published.isoformat(),
            "source": source,
            "url": f"https://example.org/bench/{published:%Y/%m/%d}/{article_id}",
        }
        yield record, sum(len(split_sentences(p)) for p in paragraphs)


def corpus_dir(sentences: int, seed: int, per_file: int) -> Path:
    return DATA / f"corpus-{sentences}s-seed{seed}-{per_file}apf"


def meta_path(corpus: Path) -> Path:
    """The corpus description, beside the corpus: eventcoder would read any file inside it."""
    return corpus.with_name(corpus.name + ".json")


def ensure_corpus(sentences: int, seed: int, per_file: int, regenerate: bool) -> tuple[Path, dict[str, Any]]:
    """Reuse benchmarks/data/corpus-... when it was built from the same inputs, else build it."""
    target = corpus_dir(sentences, seed, per_file)
    wanted = {
        "generator_version": GENERATOR_VERSION,
        "sentences_requested": sentences,
        "seed": seed,
        "articles_per_file": per_file,
        "examples_sha256": examples_digest(EXAMPLES),
    }
    meta_file = meta_path(target)
    if not regenerate and meta_file.is_file():
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        if all(meta.get(k) == v for k, v in wanted.items()):
            return target, meta
    pool = build_pool(EXAMPLES)
    DATA.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=DATA))
    articles = estimated = 0
    out = None
    try:
        for record, n_sentences in generate_articles(pool, seed):
            if estimated >= sentences:
                break
            if articles % per_file == 0:
                if out is not None:
                    out.close()
                out = (staging / f"part-{articles // per_file:05d}.jsonl").open("w", encoding="utf-8")
            assert out is not None
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            articles += 1
            estimated += n_sentences
        if out is not None:
            out.close()
        meta = {
            **wanted,
            "articles": articles,
            "sentences_estimated": estimated,
            "files": articles // per_file + (1 if articles % per_file else 0),
        }
        meta_file.unlink(missing_ok=True)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
        meta_file.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")  # last
    finally:
        if out is not None and not out.closed:
            out.close()
        if staging.exists():
            shutil.rmtree(staging)
    return target, meta


# --------------------------------------------------------------------------- measuring


@dataclass
class Repetition:
    wall_seconds: float
    # started..finished from the manifest: no interpreter start or codebook load
    coding_seconds: float | None
    peak_rss_mib: float
    sentences: int
    articles: int
    mentions: int
    events: int
    rejects: int
    codebook: dict[str, str]  # name, version and content hash, from the manifest


@dataclass
class Row:
    scale: int
    corpus: str
    corpus_articles: int
    repetitions: list[Repetition]

    def median(self, name: str) -> float:
        values = [getattr(r, name) for r in self.repetitions if getattr(r, name) is not None]
        return statistics.median(values) if values else float("nan")

    def summary(self) -> dict[str, Any]:
        last = self.repetitions[-1]
        wall = self.median("wall_seconds")
        return {
            "scale": self.scale,
            "corpus": self.corpus,
            "codebook": last.codebook,
            "sentences": last.sentences,
            "articles": last.articles,
            "mentions": last.mentions,
            "events": last.events,
            "repeat": len(self.repetitions),
            "median_wall_seconds": round(wall, 3),
            "median_coding_seconds": round(self.median("coding_seconds"), 3),
            "median_sentences_per_second": round(last.sentences / wall, 1) if wall else None,
            "peak_rss_mib": round(max(r.peak_rss_mib for r in self.repetitions), 1),
            "repetitions": [asdict(r) for r in self.repetitions],
        }


def _maxrss_mib(ru_maxrss: int) -> float:
    # Linux reports KiB, macOS bytes.
    return ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else ru_maxrss / 1024


def run_child(command: Sequence[str], env: dict[str, str], log: Path) -> tuple[float, float, int]:
    """Run ``command``; return wall seconds, peak RSS (MiB) and exit status.

    os.wait4 gives the rusage of this one child (its ru_maxrss is the high-water
    mark of the child and of any descendants it waited for), so each repetition
    is measured on its own rather than as a running max over all children.
    """
    with log.open("wb") as sink:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=env, cwd=REPO)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, _maxrss_mib(usage.ru_maxrss), proc.returncode


def _seconds_between(start: str, end: str) -> float | None:
    try:
        return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
    except (TypeError, ValueError):
        return None


def read_counts(out: Path) -> tuple[dict[str, int], float | None, dict[str, Any]]:
    """Counts, coding seconds and codebook from manifest.json.

    The counts are checked against the articles table when pyarrow is importable.
    """
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    run = (manifest.get("runs") or [{}])[-1]
    counts = dict(run.get("counts") or {})
    counts["events"] = int((manifest.get("row_counts") or {}).get("events", 0))
    try:
        import pyarrow.dataset as ds
    except ImportError:
        pass
    else:
        table = ds.dataset(out / "articles", format="parquet").to_table(columns=["n_sentences", "n_mentions"])
        from_table = {
            "sentences": sum(v or 0 for v in table.column("n_sentences").to_pylist()),
            "articles": table.num_rows,
            "mentions": sum(v or 0 for v in table.column("n_mentions").to_pylist()),
        }
        for key, value in from_table.items():
            if counts.get(key) != value:
                print(
                    f"warning: manifest says {key}={counts.get(key)}, articles table says {value}",
                    file=sys.stderr,
                )
            counts.setdefault(key, value)
    seconds = _seconds_between(str(manifest.get("started")), str(manifest.get("finished")))
    return counts, seconds, dict(manifest.get("codebook") or {})


def measure(corpus: Path, args: argparse.Namespace, workdir: Path, label: str) -> list[Repetition]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    reps = []
    for i in range(args.repeat):
        out = workdir / f"{label}-run{i}"
        command = [
            args.python,
            "-m",
            "eventcoder",
            "code",
            str(corpus),
            "--out",
            str(out),
            "--overwrite",
            "--quiet",
            "--workers",
            str(args.workers),
        ]
        if args.codebook:
            command += ["--codebook", str(args.codebook)]
        log = workdir / f"{label}-run{i}.log"
        wall, rss, status = run_child(command, env, log)
        if status != 0:
            print(f"error: `{' '.join(command)}` exited with {status}; its output:\n", file=sys.stderr)
            print(log.read_text(encoding="utf-8", errors="replace"), file=sys.stderr)
            raise SystemExit(1)
        counts, coding, codebook = read_counts(out)
        reps.append(
            Repetition(
                round(wall, 3),
                None if coding is None else round(coding, 3),
                round(rss, 1),
                int(counts.get("sentences", 0)),
                int(counts.get("articles", 0)),
                int(counts.get("mentions", 0)),
                int(counts.get("events", 0)),
                int(counts.get("rejects", 0)),
                {k: str(codebook.get(k, "")) for k in ("name", "version", "content_hash")},
            )
        )
        if reps[-1].rejects:
            print(
                f"warning: {label} run {i + 1}: eventcoder rejected {reps[-1].rejects} record(s) "
                f"of {corpus}; try --regenerate",
                file=sys.stderr,
            )
        shutil.rmtree(out, ignore_errors=True)
        if not args.quiet:
            r = reps[-1]
            print(
                f"  {label} run {i + 1}/{args.repeat}: {r.wall_seconds:.2f}s wall, {r.peak_rss_mib:.0f} MiB peak RSS",
                file=sys.stderr,
            )
    return reps


# --------------------------------------------------------------------------- reporting


def machine(python: str) -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    mem_mib = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), cpu)
        with open("/proc/meminfo", encoding="utf-8") as f:
            kib = next((int(ln.split()[1]) for ln in f if ln.startswith("MemTotal:")), None)
            mem_mib = kib // 1024 if kib else None
    except OSError:
        pass
    probe = subprocess.run(
        [python, "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=False,
    )
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "memory_mib": mem_mib,
        "python": probe.stdout.strip() or platform.python_version(),
        "python_executable": python,
    }


def machine_line(m: dict[str, Any]) -> str:
    mem = f", {m['memory_mib']:,} MiB RAM" if m.get("memory_mib") else ""
    return (
        f"machine: {m['platform']}; {m['cpu']}; "
        f"{m['cores']} cores ({m['usable_cores']} usable){mem}; Python {m['python']}"
    )


def table(rows: list[dict[str, Any]]) -> str:
    header = (
        "scale",
        "sentences",
        "articles",
        "mentions",
        "wall s",
        "coding s",
        "sent/s",
        "peak RSS MiB",
    )
    lines = [
        f"{header[0]:>5} {header[1]:>10} {header[2]:>9} {header[3]:>9} {header[4]:>8} "
        f"{header[5]:>9} {header[6]:>8} {header[7]:>13}"
    ]
    for r in rows:
        rate = r["median_sentences_per_second"]
        lines.append(
            f"{str(r['scale']) + 'x':>5} {r['sentences']:>10,} {r['articles']:>9,} "
            f"{r['mentions']:>9,} "
            f"{r['median_wall_seconds']:>8.2f} {r['median_coding_seconds']:>9.2f} "
            f"{(rate or 0):>8,.0f} {r['peak_rss_mib']:>13.1f}"
        )
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sentences",
        type=int,
        default=20000,
        help="corpus size at 1x, in sentences (at least; default 20000)",
    )
    parser.add_argument("--articles-per-file", type=int, default=500, help="articles per JSONL file (default 500)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per corpus size; the median is reported")
    parser.add_argument(
        "--scale",
        type=int,
        nargs="*",
        default=None,
        metavar="N",
        help="corpus multipliers to run; --scale alone means 1 5 (default: 1)",
    )
    parser.add_argument("--codebook", type=Path, help="codebook directory passed to `eventcoder code`")
    parser.add_argument("--workers", type=int, default=1, help="passed to `eventcoder code --workers`")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus random seed")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the corpus even if present")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs eventcoder")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the numbers as JSON")
    parser.add_argument("--quiet", action="store_true", help="only print the table")
    args = parser.parse_args(argv)
    args.scale = [1] if args.scale is None else (args.scale or [1, 5])
    if args.sentences < 1 or args.articles_per_file < 1 or args.repeat < 1 or any(s < 1 for s in args.scale):
        parser.error("--sentences, --articles-per-file, --repeat and --scale must be positive")
    return args


def byte_compile(python: str) -> None:
    """Compile the checkout's modules as ``pip install`` does, so no run pays for it.

    Runs use the checkout on PYTHONPATH; where bytecode is not written on
    import (PYTHONDONTWRITEBYTECODE), each run would otherwise compile every
    eventcoder module again, about 0.13 s that an installed package never spends.
    """
    subprocess.run([python, "-m", "compileall", "-q", str(REPO / "eventcoder")], check=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    info = machine(args.python)
    byte_compile(args.python)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="eventcoder-bench-") as tmp:
        for scale in args.scale:
            built = time.perf_counter()
            corpus, meta = ensure_corpus(args.sentences * scale, args.seed, args.articles_per_file, args.regenerate)
            if not args.quiet:
                print(
                    f"corpus {corpus.relative_to(REPO)}: {meta['articles']:,} articles, "
                    f"~{meta['sentences_estimated']:,} sentences "
                    f"({time.perf_counter() - built:.1f}s)",
                    file=sys.stderr,
                )
            reps = measure(corpus, args, Path(tmp), f"{scale}x")
            rows.append(Row(scale, str(corpus.relative_to(REPO)), meta["articles"], reps))
    summaries = [r.summary() for r in rows]
    print(machine_line(info))
    print(table(summaries))
    if args.json:
        command = [
            args.python,
            "-m",
            "eventcoder",
            "code",
            "CORPUS",
            "--out",
            "TMPDIR",
            "--overwrite",
            "--quiet",
            "--workers",
            str(args.workers),
        ] + (["--codebook", str(args.codebook)] if args.codebook else [])
        report = {"machine": info, "command": command, "seed": args.seed, "rows": summaries}
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
