"""Demo funds: each party's annual plans, their allocation to the demo projects, and the money
that moved (disbursements and spending), inserted in bulk with their creation entries; then
the portfolio summary is rebuilt. At the national scale the COPY loader writes projects and
funds together (`duikou.funds.national`, PostgreSQL only).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.management.base import CommandError
from django.db import connection

from duikou.core.history import record_bulk_creation
from duikou.demo.generators import DemoContext, register
from duikou.projects.demo import DEMO_YEARS, SOURCE


@register
def make_funds(ctx: DemoContext) -> None:
    if ctx.scale == "national":
        from duikou.funds.national import load_national

        if connection.vendor != "postgresql":
            raise CommandError(
                "The national scale (1,000,000 projects, 10,000,000 transactions) needs "
                "PostgreSQL: set DATABASE_URL=postgres://… and run it again."
            )
        load_national(log=ctx.log)
        return
    from duikou.funds.choices import PlanStatus, TransactionKind
    from duikou.funds.models import Allocation, FundPlan, FundTransaction
    from duikou.funds.summary import rebuild
    from duikou.projects.choices import Status

    projects = ctx.made.get("project_list")
    if not projects:
        return  # the projects were there already: so are their funds
    plans = {}
    for party in {p.aiding_party for p in projects}:
        for year in DEMO_YEARS:
            total = sum(
                (
                    p.budget_aid
                    for p in projects
                    if p.aiding_party_id == party.pk and p.plan_year == year
                ),
                Decimal(0),
            )
            if total:
                plans[party.pk, year] = FundPlan(
                    aiding_party=party,
                    year=year,
                    amount=total * Decimal("1.05"),
                    status=PlanStatus.APPROVED if year < 2025 else PlanStatus.DRAFT,
                )
    FundPlan.objects.bulk_create(plans.values())
    record_bulk_creation(plans.values(), source=SOURCE)
    allocations, transactions = [], []
    started = {
        Status.APPROVED,
        Status.BUILDING,
        Status.COMPLETED,
        Status.ACCEPTED,
        Status.HANDED_OVER,
    }
    for p in projects:
        plan = plans[p.aiding_party_id, p.plan_year]
        if p.status not in started or plan.status != PlanStatus.APPROVED:
            continue
        allocations.append(Allocation(plan=plan, project=p, amount=p.budget_aid))
        share = {Status.APPROVED: 0, Status.BUILDING: 50}.get(p.status, 100)
        if share:
            out = (p.budget_aid * share / 100).quantize(Decimal("0.01"))
            transactions.append(
                FundTransaction(
                    project=p,
                    kind=TransactionKind.DISBURSEMENT,
                    amount=out,
                    date=dt.date(p.plan_year, 6, 1),
                    reference=f"拨付{p.plan_year}-{p.pk}",
                )
            )
            transactions.append(
                FundTransaction(
                    project=p,
                    kind=TransactionKind.EXPENDITURE,
                    amount=(out * 9 / 10).quantize(Decimal("0.01")),
                    date=dt.date(p.plan_year, 10, 1),
                )
            )
    Allocation.objects.bulk_create(allocations, batch_size=1000)
    FundTransaction.objects.bulk_create(transactions, batch_size=1000)
    record_bulk_creation([*allocations, *transactions], source=SOURCE)
    rebuild()
    ctx.log(
        f"  projects: {len(projects)}, fund plans: {len(plans)}, transactions: {len(transactions)}"
    )
