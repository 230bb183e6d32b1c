"""Money rules without holes: frozen plans, plan years, budgets, dates — on every path."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from duikou.funds.choices import TransactionKind
from duikou.funds.columns import import_transactions
from duikou.funds.models import FundPlan
from duikou.funds.services import allocate, record_transaction
from duikou.projects.choices import Status
from duikou.projects.models import Project
from duikou.projects.services import Refused
from duikou.projects.tests.factories import START, make_plan, make_project, party

pytestmark = pytest.mark.django_db
DAY = dt.date(2024, 5, 1)


def plan_form(plan: FundPlan, **over) -> dict:
    data = {
        "aiding_party": plan.aiding_party_id,
        "year": plan.year,
        "amount": plan.amount,
        "note": plan.note,
        "expected_version": plan.version,
    }
    data.update(over)
    return data


def test_an_approved_plans_amount_cannot_be_changed(client_for, hq_a, api):
    plan = make_plan(amount="1000000")
    page = client_for(hq_a).post(
        f"/funds/plans/{plan.pk}/edit/", plan_form(plan, amount="90000000", year=2025)
    )
    assert page.status_code == 200
    assert {"amount", "year"} <= set(page.context["form"].errors)
    patch = api(hq_a).patch(
        f"/api/v1/fund-plans/{plan.pk}/",
        {"amount": "90000000.00", "version": plan.version},
        format="json",
    )
    assert patch.status_code == 400 and "amount" in patch.json()
    assert FundPlan.objects.get(pk=plan.pk).amount == Decimal("1000000")
    with pytest.raises(Refused):  # and so nothing beyond the approved amount is allocated
        allocate(plan, make_project(budget_aid=Decimal("2000000")), Decimal("1500000"), hq_a)


def test_an_approved_plans_note_may_still_change(client_for, hq_a):
    plan = make_plan()
    page = client_for(hq_a).post(f"/funds/plans/{plan.pk}/edit/", plan_form(plan, note="补充说明"))
    assert page.status_code == 302
    assert FundPlan.objects.get(pk=plan.pk).note == "补充说明"


def test_a_fund_plan_for_the_year_1800_is_refused(client_for, hq_a, api):
    page = client_for(hq_a).post(
        "/funds/plans/new/", {"aiding_party": party().pk, "year": 1800, "amount": "1000"}
    )
    assert "year" in page.context["form"].errors
    posted = api(hq_a).post(
        "/api/v1/fund-plans/", {"aiding_party": "320000", "year": 1800, "amount": "1000"}
    )
    assert posted.status_code == 400 and "year" in posted.json()
    assert not FundPlan.objects.filter(year=1800).exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        FundPlan.objects.create(aiding_party=party(), year=1800, amount=Decimal("1"))


def test_a_disbursement_dated_in_the_future_is_refused(hq_a):
    project = make_project()
    allocate(make_plan(), project, Decimal("500000"), hq_a)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(Refused) as refused:
        record_transaction(project, TransactionKind.DISBURSEMENT, Decimal("1"), tomorrow, hq_a)
    assert tomorrow.isoformat() in refused.value.messages[0]
    record_transaction(project, TransactionKind.DISBURSEMENT, Decimal("1"), DAY, hq_a)


def test_a_disbursement_before_the_projects_start_is_refused(hq_a):
    project = make_project(start_date=START)
    allocate(make_plan(), project, Decimal("500000"), hq_a)
    before = START - dt.timedelta(days=1)
    with pytest.raises(Refused) as refused:
        record_transaction(project, TransactionKind.DISBURSEMENT, Decimal("1"), before, hq_a)
    assert START.isoformat() in refused.value.messages[0]
    assert not project.transactions.exists()


def test_the_transaction_import_refuses_dates_outside_the_project(hq_a):
    project = make_project(code="TX-DATE", start_date=START)
    allocate(make_plan(), project, Decimal("500000"), hq_a)
    future = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    content = (
        "project,kind,date,amount\n"
        f"TX-DATE,拨付,{future},1\n"
        "TX-DATE,拨付,2024-01-01,1\n"
        "TX-DATE,拨付,2024-05-01,1\n"
    ).encode()
    result = import_transactions("t.csv", content, hq_a, commit=True)
    assert [e.row for e in result.errors] == [2, 3]
    assert not project.transactions.exists()


def test_an_allocation_larger_than_the_projects_aid_budget_is_refused(hq_a):
    project = make_project(budget_aid=Decimal("300000"))
    plan = make_plan()
    with pytest.raises(Refused) as refused:
        allocate(plan, project, Decimal("300000.01"), hq_a)
    assert "30.00" in refused.value.messages[0]  # the budget, in 万元
    allocate(plan, project, Decimal("300000"), hq_a)  # exactly the budget is allowed


def test_allocating_from_a_plan_of_another_year_is_refused(hq_a):
    project = make_project(plan_year=2024)
    with pytest.raises(Refused) as refused:
        allocate(make_plan(year=2023), project, Decimal("100"), hq_a)
    assert "2023" in refused.value.messages[0]
    assert not project.allocations.exists()


def test_an_aid_budget_cannot_be_cut_below_what_is_allocated_or_disbursed(api, hq_a):
    project = make_project(status=Status.BUILDING, start_date=START)
    allocate(make_plan(), project, Decimal("600000"), hq_a)
    record_transaction(project, TransactionKind.DISBURSEMENT, Decimal("400000"), DAY, hq_a)
    project = Project.objects.get(pk=project.pk)
    patch = api(hq_a).patch(
        f"/api/v1/projects/{project.pk}/",
        {"budget_aid": "500000.00", "version": project.version},
        format="json",
    )
    assert patch.status_code == 400 and "budget_aid" in patch.json()
    assert "60.00" in patch.json()["budget_aid"][0]
    ok = api(hq_a).patch(
        f"/api/v1/projects/{project.pk}/",
        {"budget_aid": "600000.00", "version": project.version},
        format="json",
    )
    assert ok.status_code == 200
