"""Factories for project and fund records in tests (plain functions, sensible defaults)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from duikou.funds.choices import PlanStatus
from duikou.funds.models import Allocation, FundPlan
from duikou.organisations.models import AidingParty
from duikou.places.models import Place
from duikou.projects.choices import Status
from duikou.projects.models import Category, Project

_codes = itertools.count(1)
JIANGSU, BEIJING = "320000", "110000"
YINING_COUNTY = "654021"  # 伊宁县, where party A's work group and the recipient user sit
HOTAN_COUNTY = "653221"  # 和田县, supported by 北京


def party(code: str = JIANGSU) -> AidingParty:
    return AidingParty.objects.get(code=code)


def place(code: str = YINING_COUNTY) -> Place:
    return Place.objects.get(code=code)


def category(code: str = "minsheng") -> Category:
    return Category.objects.get(code=code)


def make_project(**overrides: Any) -> Project:
    cat = overrides.pop("category", None) or category()
    values: dict[str, Any] = {
        "code": f"T-{next(_codes):05d}",
        "name": "伊宁县安居富民工程",
        "aiding_party": party(),
        "place": place(),
        "category": cat,
        "is_livelihood": cat.counts_as_livelihood,
        "plan_year": 2024,
        "budget_aid": Decimal("1000000.00"),
    }
    values.update(overrides)
    if values.get("is_published") and "status" not in overrides:
        values["status"] = Status.APPROVED  # only approved projects may be published
    return Project.objects.create(**values)


def make_plan(
    party_code: str = JIANGSU, year: int = 2024, amount: str = "5000000", approved: bool = True
) -> FundPlan:
    return FundPlan.objects.create(
        aiding_party=party(party_code),
        year=year,
        amount=Decimal(amount),
        status=PlanStatus.APPROVED if approved else PlanStatus.DRAFT,
    )


def make_allocation(plan: FundPlan, project: Project, amount: str) -> Allocation:
    return Allocation.objects.create(plan=plan, project=project, amount=Decimal(amount))


START = dt.date(2024, 3, 1)
