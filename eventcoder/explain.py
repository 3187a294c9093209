"""Render how the coder read a sentence: the codebook author's debugger."""

from __future__ import annotations

from datetime import date

from .codebook import Codebook
from .coder import SentenceResult, analyse_article
from .errors import InputError
from .model import Article


def explain_text(text: str, codebook: Codebook, published: date | None = None) -> list[SentenceResult]:
    """Analyse ``text`` as a one-article document and return every sentence's result.

    Raises InputError for text with no sentence, so an empty argument is an
    error the user sees rather than an empty answer.
    """
    if not text.strip():
        raise InputError("nothing to explain: the sentence is empty", hint="pass the sentence in quotes")
    results = list(analyse_article(Article("explain", text, published=published), codebook))
    if not results:
        raise InputError(f"nothing to explain: no sentence found in {text!r}", hint="pass a sentence with words")
    return results


def render(result: SentenceResult, codebook: Codebook) -> str:
    """A readable, plain-text account of one sentence's coding."""
    s = result.sentence
    toks = s.tokens
    lines = [f"sentence {s.index}: {s.text}", ""]
    lines.append("tokens:   " + " ".join(f"{k}:{t.text}" for k, t in enumerate(toks)))
    clauses = "  ".join(
        f"[{c.kind} {c.start}-{c.end - 1}: {' '.join(t.text for t in toks[c.start : c.end])}]" for c in result.clauses
    )
    lines.append(f"clauses:  {clauses}")
    when = f"{result.event_date} ({result.date_precision})" if result.event_date else "none"
    found = ", ".join(f"{d.text!r}={d.value} ({d.precision})" for d in result.dates) or "no date expression"
    lines.append(f"date:     {when}; {found}")
    lines.append("actors:")
    for a in result.actors:
        code = a.code or "(no code)"
        lines.append(f"  {a.first}-{a.last} {a.text!r} -> {code} {a.name!r} [{a.how}] {a.rule or ''}".rstrip())
    if not result.actors:
        lines.append("  none")
    lines.append("verbs and event nouns:")
    for attempt in result.attempts:
        where = ""
        if attempt.pattern is not None:
            p = attempt.pattern
            label = codebook.codes[p.code].label if p.code in codebook.codes else "codes nothing"
            where = f" pattern {p.text!r} ({p.code} {label}) at {p.where}"
        lines.append(f"  {attempt.token}:{toks[attempt.token].text}{where}: {attempt.outcome}")
    if not result.attempts:
        lines.append("  none")
    lines.append("events:")
    for e in result.events:
        info = codebook.codes[e.event_code]
        lines.append(
            f"  {e.source.code} ({e.source.name}) -> {e.target.code} ({e.target.name}): {e.event_code} "
            f"{info.label}, goldstein {info.goldstein:+.1f}, quad {info.quad_class}, "
            f"date {e.event_date} [{e.pattern_id}]"
        )
    if not result.events:
        lines.append("  none")
    return "\n".join(lines)
