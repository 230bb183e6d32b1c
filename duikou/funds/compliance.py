"""The two-80 rule over the database: rows from the summary table, judged by `rules`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q, Sum

from duikou.core.scoping import Scope
from duikou.funds.models import PortfolioSummary
from duikou.funds.rules import Compliance, FundRow, RuleConfig, evaluate


def rule_config() -> RuleConfig:
    """Which place levels count as county level and below comes from settings."""
    return RuleConfig(county_levels=frozenset(settings.DUIKOU_COUNTY_AND_BELOW_LEVELS))


def party_filter(user: Any) -> Q | None:
    """Whose figures the user may see: everyone's for coordinators, else their own party's."""
    scope = Scope.of(user)
    if scope.reads_everything:
        return Q()
    if scope.party_id is not None:
        return Q(aiding_party_id=scope.party_id)
    return None


def fund_rows(user: Any, party_id: int | None = None, year: int | None = None) -> list[FundRow]:
    """Aid funds by party, year, place level and livelihood flag: one aggregate query."""
    allowed = party_filter(user)
    if allowed is None:
        return []
    qs = PortfolioSummary.objects.filter(allowed)
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


def compliance(user: Any, party_id: int | None = None) -> list[Compliance]:
    return evaluate(fund_rows(user, party_id), rule_config())
