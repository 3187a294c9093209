"""What a panel is made of: its unit, period, counting, filters; and the definition of every column.

The definitions here are the documentation a modeller cites: the README
quotes them, and ``.dta`` panels carry them as variable labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from eventcoder.errors import PanelError
from eventcoder.export.precision import DatePrecision

__all__ = ["COLUMN_DEFINITIONS", "Dedupe", "PanelSpec", "Period", "Precision", "ROOTS", "Unit", "unit_columns"]

ROOTS = tuple(f"{n:02d}" for n in range(1, 21))
"""The twenty CAMEO root codes, each a column ``root_XX``."""


class Unit(Enum):
    """What one row of the panel is about (with a period)."""

    DYAD = "dyad"
    SOURCE_COUNTRY = "source-country"
    TARGET_COUNTRY = "target-country"
    COUNTRY = "country"


class Period(Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"

    @property
    def every(self) -> str:
        """The polars interval of one period."""
        return {"day": "1d", "week": "1w", "month": "1mo", "year": "1y"}[self.value]


class Dedupe(Enum):
    """What is counted: events (mentions merged, as in ``events/``) or every mention."""

    EVENTS = "events"
    MENTIONS = "mentions"


Precision = DatePrecision  # how exactly an event's date is known, finest first: one enum with the exports'


def unit_columns(unit: Unit) -> tuple[str, ...]:
    """The columns naming a unit."""
    return {
        Unit.DYAD: ("source_country", "target_country"),
        Unit.SOURCE_COUNTRY: ("source_country",),
        Unit.TARGET_COUNTRY: ("target_country",),
        Unit.COUNTRY: ("country",),
    }[unit]


@dataclass(frozen=True, slots=True)
class PanelSpec:
    """A validated panel request; see :data:`COLUMN_DEFINITIONS` and the README for what each option does."""

    unit: Unit = Unit.DYAD
    period: Period = Period.MONTH
    dedupe: Dedupe = Dedupe.EVENTS
    codes: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    min_precision: Precision | None = None

    @classmethod
    def of(
        cls, unit: Unit | str = Unit.DYAD, period: Period | str = Period.MONTH, *, dedupe: Dedupe | str = Dedupe.EVENTS,
        codes: Sequence[str] = (), countries: Sequence[str] = (), min_precision: Precision | str | None = None,
    ) -> PanelSpec:  # fmt: skip
        """A spec from enum values or their names; PanelError names a bad one."""
        bad_codes = [c for c in codes if not (c.isdigit() and 2 <= len(c) <= 4)]
        if bad_codes:
            raise PanelError(f"--codes {', '.join(bad_codes)}: a CAMEO root or code is 2 to 4 digits (19, 190, 0231)")
        bad_countries = [c for c in countries if not (len(c) == 3 and c.isalpha())]
        if bad_countries:
            raise PanelError(f"--countries {', '.join(bad_countries)}: use ISO 3166 alpha-3 codes (SYR, TUR)")
        return cls(
            _enum(Unit, unit, "--unit"),
            _enum(Period, period, "--period"),
            _enum(Dedupe, dedupe, "--dedupe"),
            tuple(dict.fromkeys(codes)),
            tuple(dict.fromkeys(c.upper() for c in countries)),
            None if min_precision is None else _enum(Precision, min_precision, "--min-precision"),
        )


_E = TypeVar("_E", bound=Enum)


def _enum(kind: type[_E], value: object, option: str) -> _E:
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        names = ", ".join(str(m.value) for m in kind)
        raise PanelError(f"{option} {value!r}: expected one of {names}") from None


COLUMN_DEFINITIONS: dict[str, str] = {
    "source_country": "country of the source actor: its CAMEO code's first three letters, an ISO 3166 alpha-3 code",
    "target_country": "country of the target actor: its CAMEO code's first three letters, an ISO 3166 alpha-3 code",
    "country": "where the event happened: its location's country, else its source's, else its target's",
    "period": "first day of the period (weeks start on Monday, ISO 8601)",
    "events": "events in the unit and period (mentions, with --dedupe mentions)",
    **{f"quad_{q}": f"events of QuadClass {q} ({name})" for q, name in
       ((1, "verbal cooperation"), (2, "material cooperation"), (3, "verbal conflict"), (4, "material conflict"))},
    **{f"root_{r}": f"events of CAMEO root {r}" for r in ROOTS},
    "goldstein_sum": "sum of the events' Goldstein scores (0 with no events)",
    "goldstein_mean": "mean Goldstein score of the events (empty with no events)",
    "material_conflict": "material-conflict events: QuadClass 4, as the codebook classes their codes (= quad_4)",
    "articles": "distinct articles reporting the events",
    "sources": "distinct outlets reporting the events",
    "context_unknown_share": "share of the events with an actor resolved from context or unknown (empty: no events)",
}  # fmt: skip
"""What every column of a panel means: the definitions to cite."""
