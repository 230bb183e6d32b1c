"""Money rules: plans are approved by the coordinator, never over-allocated, never over-paid."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from duikou.funds.choices import PlanStatus, TransactionKind
from duikou.funds.models import Allocation, FundTransaction, PortfolioSummary
from duikou.funds.services import allocate, approve_plan, project_money, record_transaction
from duikou.projects.choices import Status
from duikou.projects.services import Refused
from duikou.projects.tests.factories import BEIJING, make_plan, make_project, party

pytestmark = pytest.mark.django_db
DAY = dt.date(2024, 5, 1)


def test_only_the_coordinator_approves_a_fund_plan(hq_a, coordinator):
    plan = make_plan(approved=False)
    with pytest.raises(Refused):
        approve_plan(plan, hq_a)
    approved = approve_plan(plan, coordinator)
    assert approved.status == PlanStatus.APPROVED
    assert approved.approved_by == coordinator


def test_allocating_from_a_draft_plan_is_refused(hq_a):
    plan = make_plan(approved=False)
    with pytest.raises(Refused):
        allocate(plan, make_project(), Decimal("100"), hq_a)


def test_over_allocating_a_plan_is_refused(hq_a):
    plan = make_plan(amount="1000000")
    allocate(plan, make_project(), Decimal("600000"), hq_a)
    with pytest.raises(Refused) as refused:
        allocate(plan, make_project(), Decimal("400000.01"), hq_a)
    assert "60.00" in refused.value.messages[0]  # what is already allocated, in 万元
    assert Allocation.objects.filter(plan=plan).count() == 1


def test_allocating_exactly_the_rest_of_the_plan_is_allowed(hq_a):
    plan = make_plan(amount="1000000")
    allocate(plan, make_project(), Decimal("600000"), hq_a)
    allocate(plan, make_project(), Decimal("400000"), hq_a)
    assert sum(a.amount for a in plan.allocations.all()) == Decimal("1000000")


def test_reallocating_a_project_replaces_its_amount(hq_a):
    plan = make_plan(amount="1000000")
    project = make_project()
    allocate(plan, project, Decimal("900000"), hq_a)
    allocate(plan, project, Decimal("1000000"), hq_a)
    assert project_money(project)["allocated"] == Decimal("1000000")


def test_allocating_to_another_partys_project_is_refused(hq_a):
    plan = make_plan()
    project = make_project(aiding_party=party(BEIJING))
    with pytest.raises(Refused):
        allocate(plan, project, Decimal("100"), hq_a)


def test_disbursing_more_than_allocated_is_refused(hq_a):
    project = make_project()
    allocate(make_plan(), project, Decimal("500000"), hq_a)
    record_transaction(project, TransactionKind.DISBURSEMENT, Decimal("300000"), DAY, hq_a)
    with pytest.raises(Refused):
        record_transaction(project, TransactionKind.DISBURSEMENT, Decimal("200000.01"), DAY, hq_a)
    record_transaction(project, TransactionKind.DISBURSEMENT, Decimal("200000"), DAY, hq_a)
    assert project_money(project)["disbursed"] == Decimal("500000")


def test_spending_more_than_disbursed_is_refused(wg_a, hq_a):
    project = make_project()
    allocate(make_plan(), project, Decimal("500000"), hq_a)
    record_transaction(project, TransactionKind.DISBURSEMENT, Decimal("100000"), DAY, wg_a)
    with pytest.raises(Refused):
        record_transaction(project, TransactionKind.EXPENDITURE, Decimal("100001"), DAY, wg_a)
    assert FundTransaction.objects.filter(project=project).count() == 1


def test_another_party_cannot_record_transactions(hq_b, hq_a):
    project = make_project()
    allocate(make_plan(), project, Decimal("500000"), hq_a)
    with pytest.raises(Refused):
        record_transaction(project, TransactionKind.DISBURSEMENT, Decimal("1"), DAY, hq_b)


def test_the_summary_follows_projects_and_transactions(hq_a):
    project = make_project(
        status=Status.APPROVED, budget_aid=Decimal("800000"), budget_local=Decimal("200000")
    )
    allocate(make_plan(), project, Decimal("800000"), hq_a)
    record_transaction(project, TransactionKind.DISBURSEMENT, Decimal("300000"), DAY, hq_a)
    record_transaction(project, TransactionKind.EXPENDITURE, Decimal("100000"), DAY, hq_a)
    cell = PortfolioSummary.objects.get(aiding_party=project.aiding_party, year=2024)
    assert (cell.projects, cell.budget_aid, cell.budget_total) == (1, 800000, 1000000)
    assert (cell.allocated, cell.disbursed, cell.spent) == (800000, 300000, 100000)
    project.plan_year = 2025
    project.save()
    assert not PortfolioSummary.objects.filter(year=2024, aiding_party=project.aiding_party)
    assert PortfolioSummary.objects.get(year=2025, aiding_party=project.aiding_party).projects == 1


def test_a_transaction_year_outside_the_calendar_is_bad_input_not_a_server_error(hq_a):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(hq_a)
    response = api.get("/api/v1/transactions/?year=1.160025775497676e%2B16")
    assert response.status_code == 400 and "year" in response.json()
    assert api.get("/api/v1/transactions/?year=2024").status_code == 200
