"""The two-80 rule over the database: rows from the summary table, judged by `rules`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Sum

from duikou.core.scoping import Scope, rule_for
from duikou.funds.models import PortfolioSummary
from duikou.funds.rules import Compliance, FundRow, RuleConfig, evaluate


def rule_config() -> RuleConfig:
    """Which place levels count as county level and below comes from settings."""
    return RuleConfig(county_levels=frozenset(settings.DUIKOU_COUNTY_AND_BELOW_LEVELS))


def counted_status_labels() -> list[str]:
    """The statuses whose projects the two-80 table and the statistics count, in lifecycle
    order, for the pages' notes."""
    from duikou.projects.choices import COUNTED_STATUSES, Status

    return [str(status.label) for status in Status if status in COUNTED_STATUSES]


def sees_figures(user: Any) -> bool:
    """Whether the user may see any party's fund figures (PortfolioSummary's scope rule)."""
    return rule_for(PortfolioSummary).read_q(Scope.of(user)) is not None


def fund_rows(user: Any, party_id: int | None = None, year: int | None = None) -> list[FundRow]:
    """Aid funds by party, year, place level and livelihood flag: one aggregate query."""
    qs = PortfolioSummary.objects.visible_to(user)
    if party_id is not None:
        qs = qs.filter(aiding_party_id=party_id)
    if year is not None:
        qs = qs.filter(year=year)
    grouped = (
        qs.values("aiding_party_id", "year", "place_level", "is_livelihood")
        .annotate(amount=Sum("budget_aid"))
        .order_by()
    )
    return [
        FundRow(r["aiding_party_id"], r["year"], r["place_level"], r["is_livelihood"], r["amount"])
        for r in grouped
    ]


def compliance(user: Any, party_id: int | None = None, year: int | None = None) -> list[Compliance]:
    return evaluate(fund_rows(user, party_id, year), rule_config())
