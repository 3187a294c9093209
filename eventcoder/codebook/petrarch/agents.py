"""Read PETRARCH/TABARI agent dictionaries (``*agents*``).

::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON     substitution set
    CONGRESS!PERSON! [~LEG]                        one entry per member
    FOREIGN_MINISTER [~GOVFRM]                     ~CODE: appended to the actor's code
    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]    explicit plural
    POLICE {} [~COP]                               no plural
    HUMAN_RIGHTS_BODY [NGO~]                       CODE~: a prefix code in PETRARCH

eventcoder generates plurals itself (lemminflect), so ``{}`` cannot stop
one, and it writes every role after the country: ``NGO~`` agents code as
``ARNNGO`` where PETRARCH writes ``NGOARN``. Both are counted in the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..entries import Where
from .actors import ACTOR_CODE
from .source import Ignored, read_lines

_MARKER = re.compile(r"!([^!\s]+)!")


@dataclass(frozen=True, slots=True)
class AgentSpec:
    role: str
    phrase: str
    where: Where
    prefix: bool = False


def read_agents(paths: Iterable[Path], ignored: Ignored) -> list[AgentSpec]:
    """Every agent phrase of every file, substitution sets expanded."""
    agents: list[AgentSpec] = []
    for path in paths:
        markers: dict[str, list[str]] = {}
        for line in read_lines(path):
            text = line.text.strip()
            if "=" in text and _MARKER.search(text.partition("=")[0]):
                name = _MARKER.search(text.partition("=")[0]).group(1)  # type: ignore[union-attr]
                markers[name] = [m.strip() for m in text.partition("=")[2].split(",") if m.strip()]
                continue
            if "[" not in text or "]" not in text:
                ignored.add(line, "agent without a [code]")
                continue
            body, _, rest = text.partition("[")
            raw_code = rest.partition("]")[0].replace(" ", "").upper()
            prefix = raw_code.endswith("~") and not raw_code.startswith("~")
            role = raw_code.strip("~")
            if "~" not in raw_code or not ACTOR_CODE.match(role):
                ignored.add(line, f"agent code [{raw_code}] must be ~CODE or CODE~ with three-letter parts")
                continue
            plural: str | None = None
            if "{" in body:
                body, _, plural_part = body.partition("{")
                plural = plural_part.partition("}")[0].strip()
                if not plural:
                    ignored.add(line, "{} (no plural) is not kept: eventcoder generates plurals itself", "{}")
            if prefix:
                ignored.add(line, f"prefix code {raw_code}: eventcoder writes the role after the country",
                            f"[{raw_code}]")
            phrases = [body.strip()] + ([plural] if plural else [])
            for phrase in phrases:
                for expanded in _substitute(phrase, markers):
                    words = expanded.replace("_", " ").lower().split()
                    if words:
                        agents.append(AgentSpec(role, " ".join(words), line.where, prefix))
                    else:
                        ignored.add(line, "empty agent phrase")
            if _MARKER.search(body) and not _substitute(body.strip(), markers):
                ignored.add(line, "undefined substitution marker")
    return agents


def _substitute(phrase: str, markers: dict[str, list[str]]) -> list[str]:
    """``CONGRESS!PERSON!`` -> one phrase per member of ``!PERSON!``."""
    found = _MARKER.search(phrase)
    if found is None:
        return [phrase]
    members = markers.get(found.group(1))
    if not members:
        return []
    out: list[str] = []
    for member in members:
        out.extend(_substitute(phrase[: found.start()] + member + phrase[found.end() :], markers))
    return out
