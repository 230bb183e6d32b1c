"""Money workflows: approve a plan, allocate it to projects, disburse and spend.

Each runs in one transaction and locks the rows whose totals it guards (the plan and the
project for allocations, the project for transactions), so two people cannot together
overshoot a limit that each of them alone respects. Lock order, everywhere: plan → project →
portfolio summary (the aiding party's row, taken by `summary.rebuild`), so no two writers
wait on each other in a circle.

An accepted or handed-over project's money is frozen (`projects.choices.FROZEN_FIELDS`): the
aid coordination office may still allocate or record for it, giving a `reason` that history
records with the new record.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duikou.core.roles import Role
from duikou.core.scoping import Scope, can_edit
from duikou.core.workflow import Actor, Step, Workflow
from duikou.funds.choices import PlanStatus, TransactionKind
from duikou.funds.models import Allocation, FundPlan, FundTransaction
from duikou.lib.money import wan
from duikou.projects.choices import Status, money_frozen
from duikou.projects.models import ZERO, Project, may_amend_frozen
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


def _amends_frozen(project: Project, user: Any, reason: str) -> bool:
    """A coordinator's amendment of a frozen project's money (they edit no other project)."""
    return money_frozen(project.status) and bool(reason.strip()) and may_amend_frozen(user)


def check_money_not_frozen(project: Project, user: Any = None, reason: str = "") -> None:
    """Refuse new money for an accepted or handed-over project, unless the aid coordination
    office amends it giving a reason."""
    if not money_frozen(project.status):
        return
    status = Status(project.status).label
    if not (reason or "").strip():
        raise Refused(
            _(
                "The project is %(status)s: its funds no longer change, unless the aid "
                "coordination office amends them giving a reason."
            )
            % {"status": status}
        )
    if not may_amend_frozen(user):
        raise Refused(
            _("Only the aid coordination office may amend a project that is %(status)s.")
            % {"status": status}
        )


def allocate(
    plan: FundPlan,
    project: Project,
    amount: Decimal,
    user: Any,
    note: str = "",
    reason: str = "",
) -> Allocation:
    """Assign `amount` of the plan to the project (replacing an earlier amount for it).

    Refused when the plan is not approved, belongs to another party or another year than the
    project's plan year, the caller may not change the project, the plan's allocations would
    exceed its amount, the project's allocations would exceed its aid budget, or the project's
    money is frozen (see `check_money_not_frozen`; `reason` is the coordinator's).
    """
    amount = Decimal(amount)
    if amount <= 0:
        raise Refused(_("The amount must be greater than zero."))
    if not can_edit(user, project) and not _amends_frozen(project, user, reason):
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
        if locked.year != project.plan_year:
            raise Refused(
                _(
                    "The fund plan is for %(plan_year)s, the project for %(project_year)s: "
                    "allocate from the plan of the project's year."
                )
                % {"plan_year": locked.year, "project_year": project.plan_year}
            )
        check_money_not_frozen(project, user, reason)
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
        if other_plans + amount > project.budget_aid:
            raise Refused(
                _(
                    "Allocating %(amount)s (10k yuan) would exceed the project's aid funds: "
                    "%(budget)s budgeted, %(others)s allocated from other plans."
                )
                % {
                    "amount": wan(amount),
                    "budget": wan(project.budget_aid),
                    "others": wan(other_plans),
                }
            )
        if other_plans + amount < already_out:
            raise Refused(
                _("The project has already received %(out)s (10k yuan); allocate at least that.")
                % {"out": wan(already_out)}
            )
        if existing is None:
            existing = Allocation(plan=locked, project=project)
        existing.amount = amount
        existing.note = note
        existing.change_reason, existing.amended_by = reason.strip(), user
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
    *,
    date: dt.date | None = None,
    user: Any = None,
    reason: str = "",
) -> None:
    """Refuse a disbursement beyond what is allocated, spending beyond what was disbursed, a
    date in the future or before the project's start, or new money for a frozen project.

    `pending` holds amounts of the same kind not yet saved (earlier rows of an import file);
    `money` the project's totals when the caller has them already (`money_of_projects`).
    """
    pending = pending or {}
    check_money_not_frozen(project, user, reason)
    if date is not None:
        check_transaction_date(project, date)
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


def check_transaction_date(project: Project, date: dt.date) -> None:
    """Money moves on a real day: not in the future, not before the project started."""
    today = timezone.localdate()
    if date > today:
        raise Refused(
            _("%(date)s is in the future; record transactions once they have happened.")
            % {"date": date.isoformat()}
        )
    if project.start_date and date < project.start_date:
        raise Refused(
            _("%(date)s is before the project's start date %(start)s.")
            % {"date": date.isoformat(), "start": project.start_date.isoformat()}
        )


def record_transaction(
    project: Project,
    kind: str,
    amount: Decimal,
    date: dt.date,
    user: Any,
    reference: str = "",
    note: str = "",
    reason: str = "",
) -> FundTransaction:
    """Record a disbursement or expenditure of a project, within its limits (`reason`: the
    coordinator's, for a project whose money is frozen)."""
    amount = Decimal(amount)
    if not can_edit(user, project) and not _amends_frozen(project, user, reason):
        raise Refused(_("You may not record fund transactions of this project."))
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        check_transaction(locked, kind, amount, date=date, user=user, reason=reason)
        record = FundTransaction(
            project=locked, kind=kind, amount=amount, date=date, reference=reference, note=note
        )
        record.change_reason, record.amended_by = reason.strip(), user
        record.save()
        return record
