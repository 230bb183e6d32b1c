"""Money workflows: approve a plan, allocate it to projects, disburse and spend.

Each runs in one transaction and locks the rows whose totals it guards (the plan and the
project for allocations, the project for transactions), so two people cannot together
overshoot a limit that each of them alone respects.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duikou.core.roles import Role
from duikou.core.scoping import Scope, can_edit
from duikou.core.workflow import Actor, Step, Workflow
from duikou.funds.choices import PlanStatus, TransactionKind
from duikou.funds.models import Allocation, FundPlan, FundTransaction
from duikou.lib.money import wan
from duikou.projects.models import ZERO, Project
from duikou.projects.services import Refused


def _sum(qs, field: str = "amount") -> Decimal:
    return qs.aggregate(total=Sum(field))["total"] or ZERO


def may_approve(user: Any) -> bool:
    """Annual fund plans are approved by the aid coordination office (or an administrator)."""
    return Scope.of(user).role in (Role.COORDINATOR, Role.ADMIN)


def _party_of_the_plan(user: Any, plan: FundPlan) -> bool:
    return Scope.of(user).role in (Role.HQ, Role.ADMIN) and can_edit(user, plan)


OFFICE = Actor(
    "coordinator", gettext_lazy("the aid coordination office"), lambda u, p: may_approve(u)
)
HEADQUARTERS = Actor(
    "hq", gettext_lazy("the front headquarters of the plan's party"), _party_of_the_plan
)

# A plan is drafted and submitted by its party's headquarters and approved (or sent back) by
# the coordination office; the office may also approve a draft it received on paper.
PLAN_APPROVAL = Workflow(
    "funds.FundPlan",
    field="status",
    moves=[
        Step(PlanStatus.DRAFT, PlanStatus.SUBMITTED, HEADQUARTERS, gettext_lazy("Submit")),
        Step(PlanStatus.SUBMITTED, PlanStatus.APPROVED, OFFICE, gettext_lazy("Approve")),
        Step(PlanStatus.DRAFT, PlanStatus.APPROVED, OFFICE, gettext_lazy("Approve")),
        Step(
            PlanStatus.SUBMITTED,
            PlanStatus.DRAFT,
            OFFICE,
            gettext_lazy("Send back"),
            send_back=True,
        ),
    ],
)


def approve_plan(plan: FundPlan, user: Any, **details: Any) -> FundPlan:
    """The coordinator approves an annual fund plan (a draft or a submitted one)."""
    if plan.status == PlanStatus.APPROVED:
        raise Refused(_("This fund plan is already approved."), code="already")
    if not may_approve(user):
        raise Refused(_("Only the aid coordination office approves fund plans."), code="actor")
    return PLAN_APPROVAL.move(plan, PlanStatus.APPROVED, user, **details)


def allocated_total(plan: FundPlan) -> Decimal:
    return _sum(Allocation.objects.filter(plan=plan))


def allocate(
    plan: FundPlan, project: Project, amount: Decimal, user: Any, note: str = ""
) -> Allocation:
    """Assign `amount` of the plan to the project (replacing an earlier amount for it).

    Refused when the plan is not approved, belongs to another party, the caller may not
    change the project, or the plan's allocations would exceed its amount.
    """
    amount = Decimal(amount)
    if amount <= 0:
        raise Refused(_("The amount must be greater than zero."))
    if not can_edit(user, project):
        raise Refused(_("You may not allocate funds to this project."))
    if project.aiding_party_id != plan.aiding_party_id:
        raise Refused(_("The project belongs to another aiding party than the fund plan."))
    with transaction.atomic():
        locked = FundPlan.objects.select_for_update().get(pk=plan.pk)
        # The project too: a disbursement recorded meanwhile must not end up above a lowered
        # allocation (always plan before project, so the two locks cannot deadlock).
        project = Project.objects.select_for_update().get(pk=project.pk)
        if locked.status != PlanStatus.APPROVED:
            raise Refused(_("Funds can only be allocated from an approved plan."))
        existing = Allocation.objects.filter(plan=locked, project=project).first()
        others = _sum(Allocation.objects.filter(plan=locked).exclude(project=project))
        if others + amount > locked.amount:
            raise Refused(
                _(
                    "Allocating %(amount)s (10k yuan) would exceed the plan: %(plan)s planned, "
                    "%(others)s already allocated."
                )
                % {"amount": wan(amount), "plan": wan(locked.amount), "others": wan(others)}
            )
        already_out = _sum(project.transactions.filter(kind=TransactionKind.DISBURSEMENT))
        other_plans = _sum(project.allocations.exclude(plan=locked))
        if other_plans + amount < already_out:
            raise Refused(
                _("The project has already received %(out)s (10k yuan); allocate at least that.")
                % {"out": wan(already_out)}
            )
        if existing is None:
            existing = Allocation(plan=locked, project=project)
        existing.amount = amount
        existing.note = note
        existing.save()
    return existing


def project_money(project: Project) -> dict[str, Decimal]:
    """Allocated, disbursed and spent totals of one project."""
    totals = {k: ZERO for k in TransactionKind.values}
    for row in project.transactions.values("kind").annotate(total=Sum("amount")):
        totals[row["kind"]] = row["total"] or ZERO
    return {
        "allocated": _sum(project.allocations.all()),
        "disbursed": totals[TransactionKind.DISBURSEMENT],
        "spent": totals[TransactionKind.EXPENDITURE],
    }


def money_of_projects(project_ids: list[int]) -> dict[int, dict[str, Decimal]]:
    """`project_money` for many projects at once: two grouped queries, not two per project."""
    money = {pk: {"allocated": ZERO, "disbursed": ZERO, "spent": ZERO} for pk in project_ids}
    for pk, total in (
        Allocation.objects.filter(project_id__in=project_ids)
        .values_list("project_id")
        .annotate(total=Sum("amount"))
        .values_list("project_id", "total")
    ):
        money[pk]["allocated"] = total or ZERO
    names = {TransactionKind.DISBURSEMENT: "disbursed", TransactionKind.EXPENDITURE: "spent"}
    for pk, kind, total in (
        FundTransaction.objects.filter(project_id__in=project_ids)
        .values_list("project_id", "kind")
        .annotate(total=Sum("amount"))
        .values_list("project_id", "kind", "total")
    ):
        money[pk][names[kind]] = total or ZERO
    return money


def check_transaction(
    project: Project,
    kind: str,
    amount: Decimal,
    pending: dict[str, Decimal] | None = None,
    money: dict[str, Decimal] | None = None,
) -> None:
    """Refuse a disbursement beyond what is allocated, or spending beyond what was disbursed.

    `pending` holds amounts of the same kind not yet saved (earlier rows of an import file);
    `money` the project's totals when the caller has them already (`money_of_projects`).
    """
    pending = pending or {}
    money = money if money is not None else project_money(project)
    if kind not in TransactionKind.values:
        raise Refused(_("%(kind)s is not a kind of fund transaction.") % {"kind": kind})
    if amount <= 0:
        raise Refused(_("The amount must be greater than zero."))
    disbursed = money["disbursed"] + pending.get(TransactionKind.DISBURSEMENT, ZERO)
    spent = money["spent"] + pending.get(TransactionKind.EXPENDITURE, ZERO)
    if kind == TransactionKind.DISBURSEMENT and disbursed + amount > money["allocated"]:
        raise Refused(
            _(
                "Disbursing %(amount)s (10k yuan) would exceed what is allocated to the project: "
                "%(allocated)s allocated, %(done)s already disbursed."
            )
            % {
                "amount": wan(amount),
                "allocated": wan(money["allocated"]),
                "done": wan(disbursed),
            }
        )
    if kind == TransactionKind.EXPENDITURE and spent + amount > disbursed:
        raise Refused(
            _(
                "Spending %(amount)s (10k yuan) would exceed what was disbursed to the project: "
                "%(disbursed)s disbursed, %(done)s already spent."
            )
            % {"amount": wan(amount), "disbursed": wan(disbursed), "done": wan(spent)}
        )


def record_transaction(
    project: Project,
    kind: str,
    amount: Decimal,
    date: dt.date,
    user: Any,
    reference: str = "",
    note: str = "",
) -> FundTransaction:
    """Record a disbursement or expenditure of a project, within its limits."""
    amount = Decimal(amount)
    if not can_edit(user, project):
        raise Refused(_("You may not record fund transactions of this project."))
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        check_transaction(locked, kind, amount)
        return FundTransaction.objects.create(
            project=locked, kind=kind, amount=amount, date=date, reference=reference, note=note
        )
