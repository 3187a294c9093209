"""The compiled codebook: an immutable value every stage is given explicitly."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .entries import EventCode, Pattern, Phrase, Settings


@dataclass(frozen=True)
class Codebook:
    """Event taxonomy, patterns and actor phrases, indexed for matching.

    ``verbs`` and ``nouns`` map a folded surface form of a pattern's head to its
    patterns, most specific first; ``phrases`` maps a phrase's first folded
    token to its phrases, longest first.
    """

    name: str
    version: str
    root: Path
    content_hash: str
    codes: dict[str, EventCode]
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]
    phrases: dict[str, tuple[Phrase, ...]]
    settings: Settings
    speech_forms: frozenset[str]
    role_codes: frozenset[str] = frozenset()
    counts: dict[str, int] = field(default_factory=dict)

    def event(self, code: str) -> EventCode:
        """The taxonomy entry of ``code``; KeyError for an unknown code."""
        return self.codes[code]

    def summary(self) -> str:
        parts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in self.counts.items())
        return f"{self.name} {self.version} ({self.content_hash[:12]}): {parts}"
