"""The fund-plan pages, menu entry and API route (see core/registry.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from duikou.core.registry import register
from duikou.funds.api import FundPlanViewSet
from duikou.funds.filters import FundPlanFilterSet
from duikou.funds.forms import AllocationForm, FundPlanForm
from duikou.funds.models import Allocation, FundPlan
from duikou.funds.services import PLAN_APPROVAL, allocated_total
from duikou.funds.tables import FundPlanTable


def sample_plan(party, place) -> FundPlan:
    """A draft plan of `party` for the latest year it has no plan for (plans have no place)."""
    used = set(FundPlan.objects.filter(aiding_party=party).values_list("year", flat=True))
    year = next(y for y in range(2100, 1999, -1) if y not in used)
    return FundPlan.objects.create(aiding_party=party, year=year, amount=Decimal(1000000))


def plan_context(request, plan: FundPlan) -> dict[str, Any]:
    allocated = allocated_total(plan)
    return {
        "allocations": Allocation.objects.visible_to(request.user)
        .filter(plan=plan)
        .select_related("project", "project__place"),
        "allocated": allocated,
        "remaining": plan.amount - allocated,
        "allocation_form": AllocationForm() if plan.is_approved else None,
    }


def plan_list_context(request) -> dict[str, Any]:
    """The list's buttons, each only for a caller who may use it."""
    from duikou.core.scoping import can_create
    from duikou.funds.compliance import sees_figures
    from duikou.funds.models import FundTransaction

    figures = sees_figures(request.user)
    return {
        "shows_statistics": figures,
        "shows_compliance": figures,
        "imports_transactions": can_create(request.user, FundTransaction),
    }


fund_plans = register(
    FundPlan,
    prefix="funds",
    path="plans/",
    names={
        "list": "plans",
        "detail": "plan",
        "create": "plan_create",
        "edit": "plan_edit",
        "delete": "plan_delete",
        "history": "plan_history",
        "move": "approve",
    },
    filterset=FundPlanFilterSet,
    table=FundPlanTable,
    hidden_columns=["note"],
    form=FundPlanForm,
    viewset=FundPlanViewSet,
    api_prefix="fund-plans",
    api_basename="fund-plan",
    nav=(_("Funds"), None),
    nav_order=70,
    list_template="funds/plan_list.html",
    detail_template="funds/plan_detail.html",
    select_related=["aiding_party"],
    queryset_hook=lambda qs: qs.annotate(allocated=Sum("allocations__amount")),
    ordering=["-year", "aiding_party__sort_order"],
    detail_context=plan_context,
    list_context=plan_list_context,
    workflow=PLAN_APPROVAL,
    sample=sample_plan,
)
