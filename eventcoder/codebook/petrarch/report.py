"""What loading PETRARCH dictionaries used, built and left out."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .issues import IssueDictionary
from .source import IgnoredLine

KINDS = ("verbs", "actors", "agents", "discards", "issues")
_BRACKETED = re.compile(r"\[[^\]]*\]")
_QUOTED = re.compile(r"'[^']*'")
_SYNSET = re.compile(r"&\w+")
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class LoadReport:
    """Files used by kind, counts, and every ignored line with its reason.

    ``issues`` holds the issue dictionary (kept as data: the coder does not
    use it). ``unrecognised`` lists files of the directory that were not read.
    """

    files: dict[str, tuple[str, ...]]
    counts: dict[str, int]
    ignored: tuple[IgnoredLine, ...] = ()
    issues: IssueDictionary = field(default_factory=IssueDictionary)
    unrecognised: tuple[str, ...] = ()
    prefix_roles: frozenset[str] = frozenset()  # agent codes PETRARCH writes before the actor (NGO~)
    title: str = "PETRARCH dictionaries"  # what was read: TABARI's reader reuses this report

    def ignored_by_reason(self) -> dict[str, list[IgnoredLine]]:
        """Ignored lines grouped by reason, the most frequent reason first."""
        groups: dict[str, list[IgnoredLine]] = {}
        for item in self.ignored:
            groups.setdefault(_reason_key(item.reason), []).append(item)
        return dict(sorted(groups.items(), key=lambda kv: -len(kv[1])))

    def summary(self, examples: int = 3) -> str:
        """A readable account: files, counts, then ignored lines by reason with examples."""
        lines = [f"{self.title}:"]
        for kind, names in self.files.items():
            if names:
                lines.append(f"  {kind}: {', '.join(names)}")
        if self.unrecognised:
            lines.append(f"  not recognised (not read): {', '.join(self.unrecognised)}")
        lines.append("counts: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in self.counts.items()))
        total = len(self.ignored)
        lines.append(f"ignored: {total} line(s)" + (":" if total else ""))
        for reason, items in self.ignored_by_reason().items():
            lines.append(f"  {len(items):6d}  {reason}")
            lines.extend(f"            {item}" for item in items[:examples])
        return "\n".join(lines)

    @property
    def ignored_counts(self) -> Counter[str]:
        return Counter(_reason_key(i.reason) for i in self.ignored)


def _reason_key(reason: str) -> str:
    """Group reasons that differ only in the code, word or number they name."""
    reason = _BRACKETED.sub("[...]", reason)
    reason = _QUOTED.sub("'...'", reason)
    reason = _SYNSET.sub("&...", reason)
    return _NUMBER.sub("N", reason)
