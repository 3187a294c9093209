"""The `eventcoder` command line: parse arguments, call one library function, report.

Only this module prints or chooses exit codes: 0 success, 1 invalid codebook,
2 bad usage or input that could not be read at all.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .codebook import Codebook, load_codebook
from .errors import CodebookError, EventcoderError
from .explain import explain_text, render
from .run import Progress, RunResult, code_corpus
from .summary import Summary, summarize

app = typer.Typer(
    help="Code news articles into CAMEO political events and Parquet datasets.",
    no_args_is_help=True,
    add_completion=False,
)
codebook_app = typer.Typer(help="Validate and inspect codebooks.", no_args_is_help=True)
app.add_typer(codebook_app, name="codebook")

CodebookOpt = Annotated[
    Path | None, typer.Option("--codebook", "-c", help="Codebook directory (default: the embedded one).")
]


def _fail(exc: EventcoderError) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(1 if isinstance(exc, CodebookError) else 2)


def _load(path: Path | None) -> Codebook:
    try:
        return load_codebook(path)
    except EventcoderError as exc:
        raise _fail(exc) from exc


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


@app.command()
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
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per batch (and per Parquet part).")] = 200,
    workers: Annotated[int, typer.Option(min=1, help="Local worker processes.")] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Code INPUTS into a dataset directory (articles, mentions, events, actors, rejects)."""
    book = _load(codebook)
    show_bar = not quiet and sys.stderr.isatty()
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
                stdin=sys.stdin,
                progress=report,
            )
    except EventcoderError as exc:
        raise _fail(exc) from exc
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if not quiet:
        _print_run(result, summarize(result.out))
    if result.rejects:
        typer.echo(f"warning: {result.rejects} input record(s) rejected; see {result.out / 'rejects'}", err=True)


class _progress_bar:  # noqa: N801 - used as a context manager like a function
    """A rich progress line on stderr, or nothing when quiet or not a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> _progress_bar:
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress as Bar
            from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Bar(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("coding", total=None)
        return self

    def __call__(self, p: Progress) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.update(
                self.task,
                description=(
                    f"{p.articles:,} articles, {p.sentences:,} sentences, "
                    f"{p.mentions:,} event mentions, {p.rejects:,} rejects"
                ),
            )

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _print_run(result: RunResult, summary: Summary) -> None:
    rate = result.sentences / result.seconds if result.seconds else 0.0
    typer.echo(
        f"wrote {result.out}: {result.articles} articles ({result.skipped} skipped), "
        f"{result.sentences} sentences, {result.mentions} event mentions, {result.events} events, "
        f"{result.actors} actors, {result.rejects} rejects in {result.seconds:.2f}s ({rate:,.0f} sentences/s)"
    )
    typer.echo("\nevents by CAMEO root code")
    typer.echo(f"  {'root':<6}{'mentions':>10}{'events':>10}")
    for row in summary.by_root.iter_rows(named=True):
        typer.echo(f"  {row['event_root_code']:<6}{row['mentions']:>10}{row['events']:>10}")
    typer.echo("\ntop dyads (source -> target)")
    for row in summary.top_dyads.iter_rows(named=True):
        typer.echo(f"  {row['source_code']:>12} -> {row['target_code']:<12}{row['mentions']:>6}")


@app.command()
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
    for result in explain_text(sentence, book, published):
        typer.echo(render(result, book))
        typer.echo("")


@codebook_app.command("check")
def codebook_check(
    path: Annotated[Path | None, typer.Argument(help="Codebook directory (default: the embedded one).")] = None,
) -> None:
    """Validate a codebook; list every problem as file:line and exit 1 if any."""
    book = _load(path)
    typer.echo(f"ok: {book.summary()}")


@codebook_app.command("stats")
def codebook_stats(
    path: Annotated[Path | None, typer.Argument(help="Codebook directory (default: the embedded one).")] = None,
) -> None:
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
