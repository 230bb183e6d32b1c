"""The two-80 percent rule (两个80%), computed from plain rows. Imports nothing from Django.

For every aiding party and year: at least 80 percent of its aid funds must go to county level
and below, and at least 80 percent to livelihood (民生). Exactly 80 percent passes. Which place
levels count as "county level and below" is configuration passed in, as is the threshold; a
row's livelihood flag comes from the project (whose default comes from its category).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal("0")
EIGHTY_PERCENT = Decimal("0.8")


@dataclass(frozen=True)
class FundRow:
    """Aid funds of one party and year at one place level, livelihood or not."""

    party: Hashable
    year: int
    place_level: str
    livelihood: bool
    amount: Decimal


@dataclass(frozen=True)
class RuleConfig:
    county_levels: frozenset[str]
    threshold: Decimal = EIGHTY_PERCENT


@dataclass(frozen=True)
class Compliance:
    """The rule's result for one party and year. Shares are None when there are no funds."""

    party: Hashable
    year: int
    total: Decimal
    county_amount: Decimal
    livelihood_amount: Decimal
    threshold: Decimal

    @property
    def county_share(self) -> Decimal | None:
        return self.county_amount / self.total if self.total else None

    @property
    def livelihood_share(self) -> Decimal | None:
        return self.livelihood_amount / self.total if self.total else None

    def _meets(self, part: Decimal) -> bool | None:
        # part / total >= threshold, compared without dividing so 80 percent is exact.
        return part >= self.total * self.threshold if self.total else None

    @property
    def county_ok(self) -> bool | None:
        return self._meets(self.county_amount)

    @property
    def livelihood_ok(self) -> bool | None:
        return self._meets(self.livelihood_amount)

    @property
    def ok(self) -> bool | None:
        if not self.total:
            return None
        return bool(self.county_ok and self.livelihood_ok)


def evaluate(rows: Iterable[FundRow], config: RuleConfig) -> list[Compliance]:
    """One Compliance per party and year present in `rows`, ordered by party then year."""
    totals: dict[tuple[Hashable, int], list[Decimal]] = {}
    for row in rows:
        if row.amount < 0:
            raise ValueError(f"negative amount {row.amount} for {row.party} {row.year}")
        acc = totals.setdefault((row.party, row.year), [ZERO, ZERO, ZERO])
        acc[0] += row.amount
        if row.place_level in config.county_levels:
            acc[1] += row.amount
        if row.livelihood:
            acc[2] += row.amount
    return [
        Compliance(party, year, total, county, livelihood, config.threshold)
        for (party, year), (total, county, livelihood) in sorted(totals.items())
    ]
