"""The `eventcoder` command line: parse arguments, call one library function, report.

Only this module prints or chooses exit codes: 0 success, 1 invalid codebook,
2 bad usage or input that could not be read at all.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from ._version import __version__
from .codebook import Codebook
from .codebook.petrarch import import_petrarch
from .codebook.spec import load_spec_with_report
from .codebook.tabari import import_tabari
from .engine import Engine
from .engine.progress import describe, estimate
from .errors import CodebookError, EventcoderError, InterruptedRunError
from .explain import explain_text, render
from .export.exporting import ColumnNames, Table, export_dataset
from .export.formats import ExportFormat
from .export.lock import LockHolder
from .export.partition import PartitionBy
from .export.precision import DatePrecision
from .export.views import VIEWS
from .report import MAX_LISTED, write_report
from .run import DEFAULT_BATCH_SIZE, Progress, RunResult, code_corpus
from .scoring import evaluate_dataset, render_score, score_to_dict
from .storage import url_of
from .summary import Summary, summarize


def _no_flag_types(params: list[Any]) -> list[Any]:
    """Give flags (options that take no value) an empty type column in --help instead of ``<bool>``."""
    for param in params:
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
    return params


class _Command(TyperCommand):
    def get_params(self, ctx: Any) -> list[Any]:  # typer's vendored click.Context
        return _no_flag_types(super().get_params(ctx))


class _Group(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:  # typer's vendored click.Context
        return _no_flag_types(super().get_params(ctx))


app = typer.Typer(
    help="Code news articles into CAMEO political events and Parquet datasets.",
    no_args_is_help=True,
    add_completion=False,
    cls=_Group,
)
codebook_app = typer.Typer(help="Validate and inspect codebooks.", no_args_is_help=True, cls=_Group)
app.add_typer(codebook_app, name="codebook")
actors_app = typer.Typer(help="Inspect the actors of a coded dataset.", no_args_is_help=True, cls=_Group)
app.add_typer(actors_app, name="actors")

CodebookOpt = Annotated[
    str | None,
    typer.Option(
        "--codebook", "-c",
        help="Codebook directory, petrarch:DIR or tabari:DIR for PETRARCH or TABARI dictionaries "
        "(default: the embedded one).",
    ),
]
CodebookArg = Annotated[
    str | None,
    typer.Argument(help="Codebook directory, petrarch:DIR or tabari:DIR for PETRARCH or TABARI dictionaries "
                  "(default: the embedded one)."),
]


def _fail(exc: EventcoderError) -> typer.Exit:
    """Report the error; exit 1 for a bad codebook, 128 + N for a run stopped by signal N, else 2."""
    typer.echo(f"error: {exc}", err=True)
    if isinstance(exc, InterruptedRunError):
        return typer.Exit(128 + exc.signum)
    return typer.Exit(1 if isinstance(exc, CodebookError) else 2)


def _load(spec: str | Path | None, *, full_report: bool = False) -> Codebook:
    """The codebook ``--codebook`` names; for PETRARCH dictionaries, say which files were read."""
    try:
        book, report = load_spec_with_report(spec)
    except EventcoderError as exc:
        raise _fail(exc) from exc
    if report is not None and full_report:
        typer.echo(report.summary())
    elif report is not None:
        used = "; ".join(f"{kind}: {', '.join(names)}" for kind, names in report.files.items())
        typer.echo(f"{report.title} ({used}); {len(report.ignored)} line(s) ignored "
                   f"(`eventcoder codebook check {spec}` lists them)", err=True)
    return book


def _version(value: bool) -> None:
    if value:
        typer.echo(f"eventcoder {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """eventcoder: rule-based CAMEO event coding, no parser server needed."""


@app.command(cls=_Command)
def code(
    inputs: Annotated[
        list[str], typer.Argument(help="Files (.txt .jsonl .json .csv .parquet), directories, or - for JSONL on stdin.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Dataset directory to write.")] = Path("output/run"),
    codebook: CodebookOpt = None,
    overwrite: Annotated[bool, typer.Option(help="Replace an existing dataset at --out.")] = False,
    append: Annotated[
        bool, typer.Option(help="Add new articles to the dataset at --out; known article ids are skipped.")
    ] = False,
    events: Annotated[
        str, typer.Option("--dedupe", help="How mentions merge into events: one-a-day, article or none.")
    ] = "one-a-day",
    batch_size: Annotated[
        int, typer.Option(min=1, help="Articles per batch (and per Parquet part).")
    ] = DEFAULT_BATCH_SIZE,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes (local pool, or the LocalCluster of --engine dask).")
    ] = 1,
    engine: Annotated[
        Engine, typer.Option(help="Where batches are coded: local processes, or a Dask cluster (eventcoder[dask]).")
    ] = Engine.LOCAL,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (tcp://HOST:8786); without it a LocalCluster runs.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
    no_wait: Annotated[
        bool, typer.Option("--no-wait", help="Fail at once (EC303) if another run writes --out, instead of waiting.")
    ] = False,
    partition_by: Annotated[
        PartitionBy | None,
        typer.Option("--partition-by",
                     help="Split mentions/ and events/ by event date into year=YYYY (or year=YYYY/month=MM) dirs."),
    ] = None,
) -> None:
    """Code INPUTS into a dataset directory or URL (articles, mentions, events, actors, rejects)."""
    book = _load(codebook)
    show_bar = not quiet and sys.stderr.isatty()

    def waiting(holder: LockHolder) -> None:
        typer.echo(f"waiting: {out} is being written by {holder} (--no-wait fails instead)", err=True)
    try:
        with _progress_bar(show_bar) as report:
            result = code_corpus(
                inputs,
                out,
                book,
                overwrite=overwrite,
                append=append,
                batch_size=batch_size,
                event_mode=events,
                workers=workers,
                engine=engine,
                scheduler=scheduler,
                partition_by=partition_by,
                stdin=sys.stdin,
                progress=report,
                wait=not no_wait,
                on_wait=waiting,
            )
    except EventcoderError as exc:
        raise _fail(exc) from exc
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if not quiet:
        _print_run(result, summarize(result.out))
        if result.skipped_files:
            names = ", ".join(result.skipped_files[:5]) + (" ..." if len(result.skipped_files) > 5 else "")
            typer.echo(f"note: skipped {len(result.skipped_files)} file(s) in no input format: {names}", err=True)
    if result.rejects:
        typer.echo(f"warning: {result.rejects} input record(s) rejected; see {result.out}/rejects", err=True)
    # The process ends next: spare the interpreter's final garbage collection
    # a walk over every object still alive (about 0.1 s after a large run).
    gc.freeze()


class _progress_bar:  # noqa: N801 - used as a context manager like a function
    """A rich progress line on stderr, or nothing when quiet or not a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.task: Any = None
        self.started = 0.0

    def __enter__(self) -> _progress_bar:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bar

            self.bar = Bar(
                SpinnerColumn(),
                BarColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("coding", total=None)
            self.started = time.monotonic()
        return self

    def __call__(self, p: Progress) -> None:
        if self.bar is not None and self.task is not None:
            elapsed = time.monotonic() - self.started
            fraction = estimate(p, elapsed).fraction
            self.bar.update(self.task, description=describe(p, elapsed),
                            total=None if fraction is None else 1.0, completed=fraction or 0.0)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _print_run(result: RunResult, summary: Summary) -> None:
    """This run's counts first, then the dataset's: after --append the two differ."""
    rate = result.sentences / result.seconds if result.seconds else 0.0
    typer.echo(
        f"this run: {result.articles} articles coded ({result.skipped} already in the dataset, skipped), "
        f"{result.sentences} sentences, {result.mentions} event mentions, {result.rejects} rejects "
        f"in {result.seconds:.2f}s ({rate:,.0f} sentences/s)"
    )
    for name, count in result.skipped_by_file.items():
        typer.echo(f"  skipped in {name}: {count} article(s) already coded")
    c = summary.counts
    typer.echo(
        f"dataset {result.out}: {c['articles']} articles, {c['mentions']} event mentions, {c['events']} events, "
        f"{c['actors']} actors, {c['rejects']} rejects"
    )
    typer.echo("\nevents by CAMEO root code (whole dataset)")
    typer.echo(f"  {'root':<6}{'mentions':>10}{'events':>10}")
    for row in summary.by_root.iter_rows(named=True):
        typer.echo(f"  {row['event_root_code']:<6}{row['mentions']:>10}{row['events']:>10}")
    typer.echo("\ntop dyads (source -> target, whole dataset)")
    for row in summary.top_dyads.iter_rows(named=True):
        source, target = row["source_code"] or "-", row["target_code"] or "-"  # "-": the text names no such actor
        typer.echo(f"  {source:>12} -> {target:<12}{row['mentions']:>6}")


@app.command(cls=_Command)
def explain(
    sentence: Annotated[str, typer.Argument(help="The sentence (or short text) to code.")],
    on: Annotated[str | None, typer.Option("--date", help="Publication date, YYYY-MM-DD (default: today).")] = None,
    codebook: CodebookOpt = None,
) -> None:
    """Show how a sentence is coded: tokens, actors, patterns (file:line), events."""
    book = _load(codebook)
    try:
        published = date.fromisoformat(on) if on else date.today()
    except ValueError as exc:
        typer.echo(f"error: --date {on!r} is not YYYY-MM-DD", err=True)
        raise typer.Exit(2) from exc
    try:
        results = explain_text(sentence, book, published)
    except EventcoderError as exc:
        raise _fail(exc) from exc
    for result in results:
        typer.echo(render(result, book))
        typer.echo("")


def _rate(text: str) -> float:
    """``0.6`` or ``60%`` as a fraction; anything else is bad usage (exit 2)."""
    try:
        value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise typer.BadParameter(f"{text!r} is not a fraction from 0 to 1 or a percentage")
    return value


@app.command(cls=_Command)
def validate(
    records: Annotated[Path, typer.Argument(
        help="PETRARCH validation XML (PETR.UnitTest.records.xml) or TABARI validation text (Validate.text).")],
    dictionaries: Annotated[
        Path | None,
        typer.Option("--dictionaries", "-d", help="Directory of the dictionaries <Environment> (PETRARCH) or the "
                     ".project (TABARI) names (default: beside RECORDS or in ../dictionaries)."),
    ] = None,
    min_pass: Annotated[
        str | None, typer.Option("--min-pass", help="Exit 1 unless this share passes: 0.6 or 60%.")
    ] = None,
    failures: Annotated[bool, typer.Option(help="List the failing records.")] = True,
) -> None:
    """Code a PETRARCH (XML) or TABARI (text) validation file's records and compare with their expected events."""
    from .evaluate import render_report
    from .evaluate import validate as run_validation

    rate = _rate(min_pass) if min_pass is not None else None
    try:
        report = run_validation(records, dictionaries, min_pass=rate)
    except EventcoderError as exc:
        raise _fail(exc) from exc
    typer.echo(render_report(report, failures=failures))
    if not report.meets_minimum:
        raise typer.Exit(1)


@app.command(cls=_Command)
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold annotation file (JSON Lines, one article a line).")],
    dataset: Annotated[Path, typer.Argument(help="Dataset directory written by `eventcoder code`.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of text.")] = False,
    show: Annotated[int, typer.Option("--show", min=0, help="Misses and false positives to list.")] = 40,
) -> None:
    """Score DATASET against GOLD: precision, recall, F1 per CAMEO root, dates, places, fatalities, actors."""
    try:
        score = evaluate_dataset(gold, dataset)
    except EventcoderError as exc:
        raise _fail(exc) from exc
    if as_json:
        typer.echo(json.dumps(score_to_dict(score, show=show), ensure_ascii=False, indent=1))
    else:
        typer.echo(render_score(score, show=show))


@app.command(cls=_Command)
def export(
    dataset: Annotated[str, typer.Argument(help="Dataset directory written by `eventcoder code`.")],
    to: Annotated[
        str, typer.Option("--to", help="File to write: .parquet, .csv, .tsv or .dta (by extension), or - for stdout.")
    ],
    view: Annotated[str | None, typer.Option("--view", help=f"Column layout: {', '.join(VIEWS)}.")] = None,
    table: Annotated[Table | None, typer.Option("--table", help="A table of the dataset itself, not a view.")] = None,
    fmt: Annotated[
        ExportFormat | None, typer.Option("--format", help="File format, when the extension does not say (CSV for -).")
    ] = None,
    min_precision: Annotated[
        DatePrecision | None,
        typer.Option("--min-precision", help="Leave out events dated less precisely (day keeps exact days only)."),
    ] = None,
    names: Annotated[
        ColumnNames, typer.Option("--names", help="Column names of the GDELT views: file, or bigquery (GLOBALEVENTID).")
    ] = ColumnNames.FILE,
    codebook: Annotated[
        Path | None,
        typer.Option("--codebook", "-c", help="Codebook for labels and the ACLED mapping (default: the dataset's)."),
    ] = None,
    header: Annotated[bool, typer.Option(help="Write a header row in CSV/TSV (GDELT's own files have none).")] = True,
) -> None:
    """Write a view (GDELT, GDELT mentions, ICEWS, Phoenix, ACLED) or a table of DATASET to a file or stdout."""
    book = _load(codebook) if codebook is not None else None
    try:
        rows = export_dataset(
            dataset, to, view=view, table=table, header=header, fmt=fmt, stdout=sys.stdout.buffer,
            codebook=book, min_precision=min_precision, names=names,
        )
    except EventcoderError as exc:
        raise _fail(exc) from exc
    what = view if table is None else table.value
    typer.echo(f"wrote {'standard output' if to == '-' else to}: {rows} {what} rows", err=to == "-")


@app.command(cls=_Command)
def load(
    dataset: Annotated[Path, typer.Argument(help="Dataset directory written by `eventcoder code`.")],
    db: Annotated[
        str | None,
        typer.Option("--db", help="duckdb:///path/file.duckdb (default: DATASET.duckdb beside it) or "
                     "postgresql://user@host/dbname."),
    ] = None,
    schema: Annotated[str, typer.Option(help="Schema to load into; made when missing.")] = "eventcoder",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines.")] = False,
) -> None:
    """Load DATASET into DuckDB or PostgreSQL: keyed tables, references, comments and the export views."""
    from .load import LoadProgress, load_dataset

    def progress(p: LoadProgress) -> None:
        if not quiet:
            typer.echo(f"{p.table}: {p.rows:,} rows", err=True)

    where = url_of(dataset)
    beside = Path(where.rstrip("/").rsplit("/", 1)[-1]) if isinstance(where, str) else where  # a URL's: here
    url = db if db is not None else f"duckdb:///{beside.resolve()}.duckdb"
    try:
        result = load_dataset(where, url, schema=schema, progress=progress)
    except EventcoderError as exc:
        raise _fail(exc) from exc
    if result.skipped:
        typer.echo(f"{dataset} is already loaded into {result.database} ({schema}): nothing to do")
        return
    if not result.changed:
        typer.echo(f"{result.database} ({schema}) already holds every row of {dataset}: nothing written")
        return
    written = ", ".join(f"{t} {n:,}" for t, n in result.inserted.items() if n)
    removed = ", ".join(f"{t} {n:,}" for t, n in result.deleted.items() if n) or "none"
    typer.echo(
        f"loaded {dataset} into {result.database} ({schema}) in {result.seconds:.1f}s: "
        f"{result.articles_added:,} articles added, {result.articles_replaced:,} replaced, "
        f"{result.articles_unchanged:,} unchanged\n  rows written: {written or 'none'}\n  rows deleted: {removed}"
        f"\n  views: {', '.join(f'{v} {n:,}' for v, n in result.views.items())}"
    )


def _listed(text: str | None) -> list[str]:
    """``19,190`` (or repeated spaces) as a list."""
    return [part for part in (text or "").replace(" ", ",").split(",") if part]


@app.command(cls=_Command)
def panel(
    dataset: Annotated[Path, typer.Argument(help="Dataset directory written by `eventcoder code`.")],
    to: Annotated[Path, typer.Option("--to", help="File to write: .parquet, .csv or .dta (by extension).")],
    unit: Annotated[str, typer.Option(help="dyad, source-country, target-country or country.")] = "dyad",
    period: Annotated[str, typer.Option(help="day, week (from Monday), month or year.")] = "month",
    codes: Annotated[str | None, typer.Option(help="Only these CAMEO roots or codes, e.g. 18,19,20 or 0231.")] = None,
    countries: Annotated[str | None, typer.Option(help="Only these ISO3 countries, e.g. SYR,TUR (all their "
                                                  "units, even with no events).")] = None,
    min_precision: Annotated[str | None, typer.Option(help="Drop events dated less exactly: day, week, month.")] = None,
    dedupe: Annotated[str, typer.Option(help="Count events (mentions merged) or mentions.")] = "events",
) -> None:
    """Write a balanced, zero-filled panel of event counts per unit and period (README: definitions)."""
    from .panels import panel as build
    from .panels import write_panel

    try:
        frame = build(dataset, unit, period, dedupe=dedupe, codes=_listed(codes), countries=_listed(countries),
                      min_precision=min_precision)  # fmt: skip
        write_panel(frame, to, label=f"eventcoder panel: {unit} x {period}, {dedupe}")
    except EventcoderError as exc:
        raise _fail(exc) from exc
    units = frame.drop("period").select(c for c in frame.columns if c.endswith("country")).unique().height
    typer.echo(f"wrote {to}: {frame.height:,} rows ({units:,} units x {frame.get_column('period').n_unique():,} "
               f"periods), {int(frame.get_column('events').sum()):,} {dedupe} counted")


@app.command(cls=_Command)
def report(
    dataset: Annotated[Path, typer.Argument(help="Dataset directory written by `eventcoder code`.")],
    html: Annotated[
        Path | None,
        typer.Option("--html", help="HTML file to write (one self-contained page); default DATASET.report.html."),
    ] = None,
    codebook: Annotated[
        Path | None,
        typer.Option("--codebook", "-c", help="Codebook for labels and pattern lines (default: the dataset's)."),
    ] = None,
    max_listed: Annotated[
        int, typer.Option("--max-listed", min=0, help="Events the page holds for its event lists (with sentences).")
    ] = MAX_LISTED,
) -> None:
    """Write the analyst's HTML report: time, map, actors, dyads, filters, event lists, quality."""
    book = _load(codebook) if codebook is not None else None
    started = time.perf_counter()
    try:
        written = write_report(dataset, html, codebook=book, max_listed=max_listed)
    except EventcoderError as exc:
        raise _fail(exc) from exc
    size = f"{written.stat().st_size / 1e6:.1f} MB, " if isinstance(written, Path) else ""
    typer.echo(f"wrote {written} ({size}{time.perf_counter() - started:.1f} s)")


@codebook_app.command("check", cls=_Command)
def codebook_check(path: CodebookArg = None) -> None:
    """Validate a codebook; list every problem as file:line and exit 1 if any.

    For petrarch:DIR and tabari:DIR, list the files read and every ignored line with its reason, grouped.
    """
    book = _load(path, full_report=True)
    typer.echo(f"ok: {book.summary()}")


@codebook_app.command("import", cls=_Command)
def codebook_import(
    directory: Annotated[Path, typer.Argument(help="Directory of dictionaries to convert.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="New YAML codebook directory to write.")],
    source: Annotated[str, typer.Option("--from", help="Format of DIRECTORY: `petrarch` or `tabari`.")] = (
        "petrarch"
    ),
    overwrite: Annotated[bool, typer.Option(help="Replace the codebook files already in --out.")] = False,
) -> None:
    """Convert PETRARCH or TABARI dictionaries into an eventcoder YAML codebook that codes the same."""
    importers = {"petrarch": import_petrarch, "tabari": import_tabari}
    if source not in importers:
        typer.echo(f"error: --from {source!r} is not supported; use --from petrarch or --from tabari", err=True)
        raise typer.Exit(2)
    try:
        loaded, written = importers[source](directory, out, overwrite=overwrite)
    except EventcoderError as exc:
        raise _fail(exc) from exc
    used = "; ".join(f"{kind}: {', '.join(names)}" for kind, names in loaded.files.items())
    typer.echo(f"read {used}; {len(loaded.ignored)} line(s) ignored "
               f"(`eventcoder codebook check {source}:{directory}`)")
    typer.echo(written.summary())
    typer.echo(f"check it with: eventcoder codebook check {out}")


@codebook_app.command("stats", cls=_Command)
def codebook_stats(path: CodebookArg = None) -> None:
    """Counts per section and patterns per CAMEO root code."""
    from .codebook.stats import codebook_stats as stats

    book = _load(path)
    sections, roots = stats(book)
    typer.echo(f"{book.name} {book.version}")
    for name, count in sections.items():
        typer.echo(f"  {name:<22}{count:>8}")
    typer.echo(f"\n  {'root':<6}{'label':<36}{'verbs':>7}{'nouns':>7}")
    for root, (label, verbs, nouns) in roots.items():
        typer.echo(f"  {root:<6}{label[:34]:<36}{verbs:>7}{nouns:>7}")


@actors_app.command("suggest", cls=_Command)
def actors_suggest(
    dataset: Annotated[Path, typer.Argument(help="Dataset directory written by `eventcoder code`.")],
    min_count: Annotated[int, typer.Option("--min-count", min=1, help="Only names mentioned this often.")] = 2,
    yaml_file: Annotated[
        Path | None, typer.Option("--yaml", help="Also write the proposed entries as an actors.yaml snippet.")
    ] = None,
    codebook: CodebookOpt = None,
) -> None:
    """List frequent names the codebook could not resolve, with contexts and a proposed entry."""
    from .actors.suggest import to_yaml
    from .enrich.geo import gazetteer_for
    from .suggest import suggest_from_dataset

    book = _load(codebook)
    try:
        found = suggest_from_dataset(dataset, book, min_count, places=gazetteer_for(book))
    except EventcoderError as exc:
        raise _fail(exc) from exc
    typer.echo(f"{len(found)} unresolved name(s) mentioned at least {min_count} time(s)")
    for s in found:
        variants = f" (also {', '.join(s.variants)})" if s.variants else ""
        typer.echo(f"  {s.count:>6}  {s.name}{variants}  country: {s.country or '?'}  type: {s.type}")
        for example in s.examples[:1]:
            typer.echo(f"          e.g. {' '.join(example.split())[:110]}")
    if yaml_file is not None:
        try:
            yaml_file.write_text(to_yaml(found), encoding="utf-8")
        except OSError as exc:
            typer.echo(f"error: cannot write {yaml_file}: {exc}", err=True)
            raise typer.Exit(2) from exc
        typer.echo(f"wrote {yaml_file}")
