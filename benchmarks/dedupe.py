"""Benchmark of corpus-level actor clustering (eventcoder.actors.dedupe).

Generates a deterministic mentions table of 1,000,000 rows whose actors are
written in 100,000 distinct surface forms: variants of a few thousand base
names (apostrophes, transliterations, particles dropped or changed, dropped
middle names, initials, typos), some of them codebook actors, some titled
with a country. Then, in a fresh subprocess each time, it runs
``occurrences`` + ``cluster_actors`` end to end on the Parquet file and
reports the median wall time of the runs, the child's peak RSS and the
pairwise precision and recall of the clusters against the generator's truth.

    python benchmarks/dedupe.py                      # 1,000,000 rows, 100,000 forms, 3 runs
    python benchmarks/dedupe.py --rows 100000 --forms 10000 --repeat 1
    python benchmarks/dedupe.py --scorers            # the fuzzy scorer measurement
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

GIVEN = ("Mohammed", "Ahmed", "Ali", "Hassan", "Hussein", "Mahmoud", "Mustafa", "Omar", "Abdullah",
         "Khalid", "Ibrahim", "Yusuf", "Qasim", "Abbas", "Masoud", "Hamid", "Nouri", "Saleh", "Jafar",
         "Sergei", "Dmitry", "Oleksandr", "Volodymyr", "Yuriy", "Andriy", "Kim", "Abdel", "Naim",
         "Fuad", "Hoshyar", "Bashar", "Hafez", "Maher", "Ismail", "Yahya", "Moussa", "Abdul Hamid",
         "Abdel Fattah", "Mohammed Javad", "Ali Akbar")
ONSETS = ("b", "d", "f", "g", "h", "j", "k", "kh", "l", "m", "n", "q", "r", "s", "sh", "t", "z", "dh", "w", "y")
VOWELS = ("a", "i", "u", "e", "o", "ou", "aa")
CODAS = ("", "n", "r", "l", "m", "b", "d", "s", "ni", "ri", "di", "vi", "ski", "sky", "ov", "an", "i")
COUNTRIES = ("IRQ", "SYR", "IRN", "LBN", "PSE", "ISR", "EGY", "LBY", "SDN", "YEM", "SAU", "ARE", "TUR",
             "RUS", "UKR", "PRK", "AFG", "PAK", "SOM", "ETH", "MLI", "NGA", "TCD", "JOR", "QAT")


def _surname(rng: random.Random) -> str:
    word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(rng.randint(2, 3)))
    return (word + rng.choice(CODAS)).capitalize()


def _bases(n: int, rng: random.Random) -> list[dict[str, Any]]:
    bases: list[dict[str, Any]] = []
    seen: set[str] = set()
    while len(bases) < n:
        if bases and rng.random() < 0.12:  # a relative: same surname and country, other given name
            other = rng.choice(bases)
            surname, country, particle = other["surname"], other["country"], other["particle"]
        else:
            surname, country, particle = _surname(rng), rng.choice(COUNTRIES), rng.random() < 0.4
        given = rng.choice(GIVEN)
        middle = _surname(rng) if rng.random() < 0.25 else None
        name = " ".join(p for p in (given, middle, ("al-" if particle else "") + surname) if p)
        if name in seen:
            continue
        seen.add(name)
        bases.append({"id": len(bases), "name": name, "given": given, "middle": middle, "surname": surname,
                      "particle": particle, "country": country, "codebook": rng.random() < 0.15,
                      "weight": 1.0 / (len(bases) % 500 + 1) ** 0.8})
    return bases


_GIVEN_VARIANTS = {"Mohammed": ("Muhammad", "Mohamed", "Mohammad", "Muhammed", "Mohamad"),
                   "Ahmed": ("Ahmad",), "Hussein": ("Hussain", "Husayn", "Hossein"), "Mahmoud": ("Mahmud",),
                   "Mustafa": ("Mostafa", "Moustafa"), "Omar": ("Umar",), "Yusuf": ("Youssef", "Yousef"),
                   "Qasim": ("Kasim", "Qassim", "Qasem"), "Masoud": ("Massoud", "Mas'ud", "Masud"),
                   "Nouri": ("Nuri",), "Jafar": ("Jaafar", "Ja'far"), "Sergei": ("Sergey",),
                   "Dmitry": ("Dmitriy", "Dmitri"), "Yuriy": ("Yuri", "Yury"), "Andriy": ("Andrii",),
                   "Hafez": ("Hafiz",), "Abdel Fattah": ("Abdul Fattah", "Abdelfattah"),
                   "Abdul Hamid": ("Abdulhamid", "Abdelhamid")}


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    letter = rng.choice("aeioumnrstlkdh")
    if kind == 0:
        return word[:i] + letter + word[i + 1:]
    if kind == 1:
        return word[:i] + word[i + 1:]
    if kind == 2:
        return word[:i] + letter + word[i:]
    return word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]


def _translit(word: str, rng: random.Random) -> str:
    swaps = [("ou", "u"), ("u", "ou"), ("q", "k"), ("k", "q"), ("dh", "z"), ("sky", "skyy"), ("sky", "skiy"),
             ("ski", "skyi"), ("i", "y"), ("aa", "a"), ("a", "aa"), ("ss", "s"), ("s", "ss")]
    rng.shuffle(swaps)
    for old, new in swaps[:2]:
        if old in word.lower():
            k = word.lower().index(old)
            word = word[:k] + (new.upper() if k == 0 else new) + word[k + len(old):]
    return word[0].upper() + word[1:]


def _apostrophe(word: str, rng: random.Random) -> str:
    for k in range(1, len(word) - 1):
        if word[k] in "aeiou" and word[k + 1] in "aeiou" and rng.random() < 0.7:
            return word[:k + 1] + rng.choice("'’ʼ") + word[k + 1:]
    k = rng.randrange(1, len(word) - 1)
    return word[:k] + rng.choice("'’") + word[k:]


def _variant(base: dict[str, Any], rng: random.Random) -> str:
    given, middle, surname = base["given"], base["middle"], base["surname"]
    if rng.random() < 0.3 and given in _GIVEN_VARIANTS:
        given = rng.choice(_GIVEN_VARIANTS[given])
    if rng.random() < 0.05:
        given = given[0] + "."
    if middle and rng.random() < 0.4:
        middle = None
    # At most two spelling changes to the surname: a transliteration, an
    # apostrophe, a typo.
    changes = [change for change, p in ((_translit, 0.45), (_apostrophe, 0.35), (_typo, 0.3)) if rng.random() < p]
    for change in rng.sample(changes, min(len(changes), 2)):
        surname = change(surname, rng)
    if base["particle"]:
        surname = rng.choice(("al-", "al-", "Al-", "al ", "Al ", "el-", "")) + surname
    elif rng.random() < 0.05:
        surname = "al-" + surname
    name = " ".join(p for p in (given, middle, surname) if p)
    if rng.random() < 0.03:
        name = name.upper()
    return name


def generate(rows: int, forms: int, seed: int, out: Path) -> dict[str, Any]:
    """Write the mentions table to ``out`` (Parquet) and the truth beside it."""
    import numpy as np
    import polars as pl

    from eventcoder.rows import actor_id
    from eventcoder.text import tokenize

    rng = random.Random(seed)
    bases = _bases(max(forms // 30, 10), rng)
    weights = [b["weight"] for b in bases]
    form_base: dict[str, int] = {}
    for b in bases:
        form_base.setdefault(b["name"], b["id"])
    attempts = 0
    while len(form_base) < forms and attempts < forms * 50:
        attempts += 1
        b = bases[rng.choices(range(len(bases)), weights)[0]] if rng.random() < 0.5 else rng.choice(bases)
        form_base.setdefault(_variant(b, rng), b["id"])
    texts = sorted(form_base)
    base_of = [form_base[t] for t in texts]
    keys, codes, hows, names = [], [], [], []
    for text, bid in zip(texts, base_of, strict=True):
        base = bases[bid]
        if base["codebook"] and rng.random() < 0.5:
            keys.append(f"actor:{base['name']}")
            names.append(base["name"])
            codes.append(base["country"] + "GOV")
            hows.append("dictionary")
        elif rng.random() < 0.2:
            keys.append("name:" + " ".join(t.lower for t in tokenize(text)))
            names.append(text)
            codes.append(base["country"] + "GOV")
            hows.append("title")
        else:
            keys.append("name:" + " ".join(t.lower for t in tokenize(text)))
            names.append(text)
            codes.append(None)
            hows.append("unknown")
    n = len(texts)
    gen = np.random.default_rng(seed)
    popularity = np.array([bases[b]["weight"] for b in base_of]) * gen.pareto(1.5, n)
    p = popularity / popularity.sum()
    extra = max(rows - n, 0)
    source = np.concatenate([np.arange(n), gen.choice(n, size=extra, p=p)])[:rows]
    target = gen.choice(n, size=len(source), p=p)
    gen.shuffle(source)
    columns: dict[str, Any] = {"mention_id": np.arange(len(source)), "article_id": source // 7,
                               "sentence_text": ["..."] * len(source)}
    ids = [actor_id(k) for k in keys]
    for side, idx in (("source", source), ("target", target)):
        columns[f"{side}_key"] = pl.Series([keys[i] for i in idx], dtype=pl.String)
        columns[f"{side}_actor_id"] = pl.Series([ids[i] for i in idx], dtype=pl.String)
        columns[f"{side}_name"] = pl.Series([names[i] for i in idx], dtype=pl.String)
        columns[f"{side}_text"] = pl.Series([texts[i] for i in idx], dtype=pl.String)
        columns[f"{side}_code"] = pl.Series([codes[i] for i in idx], dtype=pl.String)
        columns[f"{side}_how"] = pl.Series([hows[i] for i in idx], dtype=pl.String)
    pl.DataFrame(columns).write_parquet(out)
    truth = pl.DataFrame({"key": keys, "text": texts, "base": base_of})
    truth.write_parquet(out.with_suffix(".truth.parquet"))
    return {"rows": len(source), "forms": n, "keys": len(set(keys)), "bases": len(bases)}


def run_once(path: Path) -> dict[str, Any]:
    """One end-to-end clustering in this process (called in a child)."""
    import polars as pl

    from eventcoder.actors.dedupe import cluster_actors, occurrences, remap_mentions

    started = time.perf_counter()
    occ = occurrences(pl.scan_parquet(path), frozenset({"GOV", "MIL"}))
    t_occ = time.perf_counter() - started
    result = cluster_actors(occ)
    seconds = time.perf_counter() - started
    # what code_corpus does next: point every mention at its cluster, written back to Parquet
    remap_mentions(pl.scan_parquet(path), result).sink_parquet(path.with_suffix(".remapped.parquet"))
    t_remap = time.perf_counter() - started - seconds
    truth = pl.read_parquet(path.with_suffix(".truth.parquet"))
    quality = _pair_quality(truth, result.keys.select("key", "cluster_id"))
    return {"seconds": seconds, "occurrences_seconds": t_occ, "remap_seconds": t_remap, "input_rows": occ.height,
            "keys": result.keys.height, "clusters": result.clusters.height,
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, **quality}


def _pair_quality(truth: Any, mapping: Any) -> dict[str, float]:
    """Pairwise precision and recall over keys (a key's true base: its most common base)."""
    base = (truth.group_by("key", "base").len().sort(["key", "len", "base"], descending=[False, True, False])
            .unique("key", keep="first").select("key", "base"))
    joined = mapping.join(base, on="key")

    def pairs(frame: Any, cols: list[str]) -> int:
        counts = frame.group_by(cols).len()["len"]
        return int((counts * (counts - 1) // 2).sum())

    both = pairs(joined, ["cluster_id", "base"])
    predicted = pairs(joined, ["cluster_id"])
    true = pairs(joined, ["base"])
    return {"pair_precision": both / predicted if predicted else 1.0, "pair_recall": both / true if true else 1.0,
            "true_actors": joined["base"].n_unique()}


def measure_scorers() -> None:
    """Repeat the measurement behind FUZZY_SCORER/FUZZY_THRESHOLD on the labelled pairs."""
    from rapidfuzz import fuzz

    from eventcoder.actors.fuzzy import name_score, names_agree
    from eventcoder.actors.names import DEFAULT_FOLDER

    spec = importlib.util.spec_from_file_location("pairs", REPO / "tests" / "actors" / "test_fuzzy.py")
    assert spec is not None and spec.loader is not None
    tables = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tables)
    fold = DEFAULT_FOLDER.tokens
    variants = {name: {fold(n) for n in (name, *others)} for name, others, *_ in tables.DICTIONARY}
    pos = [(fold(a), variants[b]) for a, b in tables.POSITIVE if fold(a) not in variants[b]]
    neg = [(fold(a), variants[b]) for a, b in tables.NEGATIVE if fold(a) not in variants[b]]
    print(f"{len(tables.POSITIVE)} same-actor pairs, {len(tables.NEGATIVE)} near misses; "
          f"scored (fold differs): {len(pos)} and {len(neg)}")

    def j(t: tuple[str, ...]) -> str:
        return " ".join(t)

    scorers = {
        "fuzz.ratio": lambda a, b: fuzz.ratio(j(a), j(b)),
        "fuzz.token_sort_ratio": lambda a, b: fuzz.token_sort_ratio(j(a), j(b)),
        "fuzz.token_set_ratio": lambda a, b: fuzz.token_set_ratio(j(a), j(b)),
        "fuzz.WRatio": lambda a, b: fuzz.WRatio(j(a), j(b)),
        "fuzz.partial_token_sort_ratio": lambda a, b: fuzz.partial_token_sort_ratio(j(a), j(b)),
        "gate + token_sort_ratio": lambda a, b: fuzz.token_sort_ratio(j(a), j(b)) if names_agree(a, b) else 0,
        "name_score (gate + aligned Dice)": name_score,
    }
    for label, score in scorers.items():
        p = [max(score(a, b) for b in bs) for a, bs in pos]
        n = [max(score(a, b) for b in bs) for a, bs in neg]
        table = []
        for t in range(1, 101):
            tp, fp = sum(s >= t for s in p), sum(s >= t for s in n)
            fn = len(p) - tp
            table.append((2 * tp / (2 * tp + fp + fn) if tp else 0.0, t, tp, fp, fn))
        best = max(r[0] for r in table)
        at = [r for r in table if r[0] == best]
        print(f"  {label:34s} F1 {best:.3f} at {at[0][1]}..{at[-1][1]} (tp {at[0][2]}, fp {at[0][3]}, "
              f"fn {at[0][4]}); lowest same-actor {min(p):.1f}, highest near miss {max(n):.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--forms", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20240611)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--scorers", action="store_true", help="only run the scorer measurement")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scorers:
        measure_scorers()
        return
    if args.child:
        print(json.dumps(run_once(args.child)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mentions.parquet"
        t0 = time.perf_counter()
        info = generate(args.rows, args.forms, args.seed, path)
        print(f"generated {info['rows']:,} mention rows, {info['forms']:,} surface forms, {info['keys']:,} keys "
              f"from {info['bases']:,} base names in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        runs = []
        for k in range(args.repeat):
            out = subprocess.run([sys.executable, __file__, "--child", str(path)], check=True,
                                 capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(f"run {k + 1}: {runs[-1]['seconds']:.1f} s", file=sys.stderr)
    median = statistics.median(r["seconds"] for r in runs)
    last = runs[-1]
    print(f"machine: {platform.platform()}; {os.cpu_count()} cores; Python {platform.python_version()}")
    print(f"rows {info['rows']:,}  forms {info['forms']:,}  keys {last['keys']:,}  clusters {last['clusters']:,}  "
          f"true actors {last['true_actors']:,}")
    occ_median = statistics.median(r["occurrences_seconds"] for r in runs)
    remap_median = statistics.median(r["remap_seconds"] for r in runs)
    times = ", ".join(format(r["seconds"], ".1f") for r in runs)
    peak = max(r["peak_rss_mib"] for r in runs)
    print(f"median of {len(runs)}: {median:.1f} s (occurrences {occ_median:.1f} s)  runs {times}  "
          f"peak RSS {peak:,.0f} MiB")
    print(f"then remapping the mentions to their clusters: median {remap_median:.1f} s")
    print(f"pairwise precision {last['pair_precision']:.4f}  recall {last['pair_recall']:.4f}")
    if args.json:
        args.json.write_text(json.dumps({"info": info, "runs": runs, "median_seconds": median}, indent=2))


if __name__ == "__main__":
    main()
