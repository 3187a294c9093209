"""Read PETRARCH issue files (``*Issue*``): kept as data, not used for coding.

::

    <ISSUE CATEGORY="ID_ATROCITY">
    n:atrocity [ID_ATROCITY]        n: noun and its plural
    ethnic v:purge [ID_ATROCITY]    v: the regular verb forms
    al+zarqawi network [TERROR]     +: with a space and with a hyphen
    ~Saturday Night massacre        ignore the issues of this sentence
    ~~Armenian genocide             ignore the issues of this story
    </ISSUE>
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..entries import Where
from .source import Ignored, read_lines

_CATEGORY = re.compile(r'<ISSUE\s+CATEGORY\s*=\s*"([^"]*)"', re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class IssuePhrase:
    text: str  # folded, single-spaced
    code: str
    category: str
    where: Where


@dataclass
class IssueDictionary:
    phrases: list[IssuePhrase] = field(default_factory=list)
    sentence_ignores: list[str] = field(default_factory=list)
    story_ignores: list[str] = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return list(dict.fromkeys(p.code for p in self.phrases))


def read_issues(paths: Iterable[Path], ignored: Ignored) -> IssueDictionary:
    issues = IssueDictionary()
    for path in paths:
        category = ""
        for line in read_lines(path):
            text = line.text.strip()
            if found := _CATEGORY.match(text):
                category = found.group(1)
                continue
            if text.upper().startswith("</ISSUE"):
                category = ""
                continue
            if text.startswith("~~"):
                issues.story_ignores.append(" ".join(text[2:].lower().split()))
                continue
            if text.startswith("~"):
                issues.sentence_ignores.append(" ".join(text[1:].lower().split()))
                continue
            if "[" not in text or "]" not in text:
                ignored.add(line, "issue phrase without a [code]")
                continue
            phrase, _, rest = text.partition("[")
            code = rest.partition("]")[0].strip()
            for form in expand_issue_phrase(phrase.strip().lower()):
                issues.phrases.append(IssuePhrase(form, code, category, line.where))
    return issues


def expand_issue_phrase(phrase: str) -> list[str]:
    """Every form an issue phrase stands for (``n:``, ``v:`` and ``+`` expansions)."""
    forms = [phrase]
    changed = True
    while changed:
        changed = False
        out: list[str] = []
        for form in forms:
            if "+" in form:
                out += [form.replace("+", " ", 1), form.replace("+", "-", 1)]
                changed = True
            elif "n:" in form:
                lead, _, rest = form.partition("n:")
                word, space, tail = rest.partition(" ")
                plural = word[:-1] + "ies" if word.endswith("y") else word + "s"
                out += [lead + rest, lead + plural + space + tail]
                changed = True
            elif "v:" in form:
                lead, _, rest = form.partition("v:")
                word, space, tail = rest.partition(" ")
                past = word + "d" if word.endswith("e") else word + "ed"
                ing = word[:-1] + "ing" if word.endswith("e") else word + "ing"
                out += [lead + w + space + tail for w in (word, word + "s", past, ing)]
                changed = True
            else:
                out.append(form)
        forms = out
    return [" ".join(f.split()) for f in dict.fromkeys(forms)]
