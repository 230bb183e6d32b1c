"""What may still change in which state, and who may publish what, on every write path."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from duikou.core.history import history_for
from duikou.funds.choices import TransactionKind
from duikou.funds.columns import import_transactions
from duikou.funds.services import allocate, record_transaction
from duikou.projects.choices import FROZEN_FIELDS, Status, is_frozen
from duikou.projects.columns import import_projects
from duikou.projects.models import Project
from duikou.projects.services import Refused, amend_frozen_project, change_status
from duikou.projects.tests.factories import START, make_plan, make_project, place

pytestmark = pytest.mark.django_db
DAY = dt.date(2024, 5, 1)


def funded_project(status: str, hq_a, year: int = 2024) -> Project:
    """A project with 500,000 allocated and 100,000 disbursed, then moved on to `status`."""
    project = make_project(status=Status.BUILDING, start_date=START, plan_year=year)
    allocate(make_plan(year=year), project, Decimal("500000"), hq_a)
    record_transaction(project, TransactionKind.DISBURSEMENT, Decimal("100000"), DAY, hq_a)
    project.status = status
    project.finish_date = dt.date(2024, 12, 1)
    project.save()
    return Project.objects.get(pk=project.pk)


def form_data(project: Project, **over) -> dict:
    data = {
        "code": project.code,
        "name": project.name,
        "aiding_party": project.aiding_party_id,
        "place": project.place_id,
        "category": project.category_id,
        "is_livelihood": "on" if project.is_livelihood else "",
        "plan_year": project.plan_year,
        "budget_aid": project.budget_aid,
        "budget_local": project.budget_local,
        "budget_social": project.budget_social,
        "budget_enterprise": project.budget_enterprise,
        "start_date": project.start_date or "",
        "finish_date": project.finish_date or "",
        "is_published": "on" if project.is_published else "",
        "expected_version": project.version,
    }
    data.update(over)
    return {k: v for k, v in data.items() if v != ""}


def csv_file(header: list[str], *rows: list[str]) -> bytes:
    lines = [",".join(header)] + [",".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_the_frozen_fields_are_declared_once_per_status():
    assert set(FROZEN_FIELDS) == {Status.ACCEPTED, Status.HANDED_OVER}
    assert is_frozen(Status.ACCEPTED, "budget_aid") and not is_frozen(Status.ACCEPTED, "name")
    assert is_frozen(Status.HANDED_OVER, "name")
    assert not is_frozen(Status.BUILDING, "budget_aid")


def test_a_handed_over_project_cannot_be_edited_or_disbursed_against(client_for, hq_a, api):
    project = funded_project(Status.HANDED_OVER, hq_a)
    page = client_for(hq_a).post(
        f"/projects/{project.pk}/edit/", form_data(project, name="改名", budget_aid="100000")
    )
    assert page.status_code == 200
    assert {"name", "budget_aid"} <= set(page.context["form"].errors)
    patch = api(hq_a).patch(
        f"/api/v1/projects/{project.pk}/",
        {"description": "改", "version": project.version},
        format="json",
    )
    assert patch.status_code == 400 and "description" in patch.json()
    with pytest.raises(Refused):
        record_transaction(project, TransactionKind.DISBURSEMENT, Decimal("1"), DAY, hq_a)
    with pytest.raises(Refused):
        allocate(project.allocations.get().plan, project, Decimal("400000"), hq_a)
    rows = csv_file(
        ["project", "kind", "date", "amount"], [project.code, "拨付", "2024-06-01", "1"]
    )
    assert not import_transactions("t.csv", rows, hq_a, commit=True).written
    fresh = Project.objects.get(pk=project.pk)
    assert (fresh.name, fresh.budget_aid, fresh.description) == (
        project.name,
        project.budget_aid,
        "",
    )
    assert fresh.transactions.count() == 1


def test_a_handed_over_project_cannot_be_deleted_through_the_api_or_the_page(api, client_for, hq_a):
    project = make_project(status=Status.HANDED_OVER)
    response = api(hq_a).delete(f"/api/v1/projects/{project.pk}/")
    assert response.status_code == 409  # the one refusal: the record's state forbids it
    assert response.json()["code"] == "delete_refused"
    page = client_for(hq_a).post(f"/projects/{project.pk}/delete/")
    assert page.status_code == 200 and "不能删除" in page.content.decode()
    assert Project.objects.filter(pk=project.pk).exists()


def test_an_accepted_projects_further_places_are_frozen_with_its_place(client_for, api, hq_a):
    project = funded_project(Status.ACCEPTED, hq_a)
    patch = api(hq_a).patch(
        f"/api/v1/projects/{project.pk}/",
        {"extra_places": ["654022"], "version": project.version},
        format="json",
    )
    assert patch.status_code == 400 and "extra_places" in patch.json()
    page = client_for(hq_a).post(
        f"/projects/{project.pk}/edit/",
        {**form_data(project), "extra_places": [place("654022").pk]},
    )
    assert "extra_places" in page.context["form"].errors
    assert not project.extra_places.exists()


def test_an_accepted_projects_money_is_frozen_but_its_name_may_change(client_for, hq_a):
    project = funded_project(Status.ACCEPTED, hq_a)
    refused = client_for(hq_a).post(
        f"/projects/{project.pk}/edit/", form_data(project, budget_local="1", plan_year=2025)
    )
    assert {"budget_local", "plan_year"} <= set(refused.context["form"].errors)
    saved = client_for(hq_a).post(f"/projects/{project.pk}/edit/", form_data(project, name="新名"))
    assert saved.status_code == 302
    assert Project.objects.get(pk=project.pk).name == "新名"


def test_the_project_import_cannot_change_an_accepted_projects_budget(hq_a):
    project = funded_project(Status.ACCEPTED, hq_a)
    header = ["code", "name", "aiding_party", "place", "category", "plan_year", "budget_aid"]
    row = [project.code, project.name, "江苏省", "654021", "民生", "2024", "900000"]
    result = import_projects("p.csv", csv_file(header, row), hq_a, commit=True)
    assert not result.written and result.errors
    assert Project.objects.get(pk=project.pk).budget_aid == project.budget_aid


def test_a_coordinator_may_amend_an_accepted_project_with_a_reason(coordinator, hq_a):
    project = funded_project(Status.ACCEPTED, hq_a)
    with pytest.raises(Refused):
        amend_frozen_project(project, {"budget_aid": Decimal("800000")}, coordinator, " ")
    with pytest.raises(Refused):
        amend_frozen_project(project, {"budget_aid": Decimal("800000")}, hq_a, "审计调整")
    amended = amend_frozen_project(
        project, {"budget_aid": Decimal("800000")}, coordinator, "审计调整"
    )
    assert amended.budget_aid == Decimal("800000")
    record = history_for(amended).first()
    assert record.user == coordinator
    assert record.changes["change_reason"] == [None, "审计调整"]
    assert record.changes["budget_aid"] == ["1000000.00", "800000"]
    from duikou.core.templatetags.duikou import change_rows

    assert ("修改理由", None, "审计调整") in change_rows(record)  # the history page's label
    # The reason belonged to that one change: the next ordinary edit is checked again.
    amended.refresh_from_db()
    amended.budget_aid = Decimal("700000")
    with pytest.raises(ValidationError) as refused:
        amended.full_clean()
    assert "budget_aid" in refused.value.message_dict
    # Even an amendment keeps the other rules: not below what is allocated.
    with pytest.raises(Refused):
        amend_frozen_project(amended, {"budget_aid": Decimal("1")}, coordinator, "再调整")


def test_an_administrator_amends_a_handed_over_project_through_the_api_with_a_reason(
    api, admin_user, hq_a
):
    project = funded_project(Status.HANDED_OVER, hq_a)
    url = f"/api/v1/projects/{project.pk}/"
    plain = api(admin_user).patch(url, {"name": "改", "version": project.version}, format="json")
    assert plain.status_code == 400
    reasoned = api(admin_user).patch(
        url, {"name": "改", "change_reason": "更正名称", "version": project.version}, format="json"
    )
    assert reasoned.status_code == 200, reasoned.json()
    assert history_for(project).first().changes["change_reason"] == [None, "更正名称"]
    denied = api(hq_a).patch(
        url,
        {"name": "再改", "change_reason": "我想改", "version": project.version + 1},
        format="json",
    )
    assert denied.status_code == 400
    assert Project.objects.get(pk=project.pk).name == "改"


def test_a_coordinator_may_disburse_to_an_accepted_project_with_a_reason(coordinator, hq_a):
    project = funded_project(Status.ACCEPTED, hq_a)
    with pytest.raises(Refused):
        record_transaction(project, TransactionKind.DISBURSEMENT, Decimal("1"), DAY, coordinator)
    tx = record_transaction(
        project, TransactionKind.DISBURSEMENT, Decimal("1"), DAY, coordinator, reason="尾款"
    )
    assert history_for(tx).first().changes["change_reason"] == [None, "尾款"]
    # A running project is the party's own business, not the coordinator's.
    running = funded_project(Status.BUILDING, hq_a, year=2023)
    with pytest.raises(Refused):
        record_transaction(
            running, TransactionKind.DISBURSEMENT, Decimal("1"), DAY, coordinator, reason="代拨"
        )


# -- publishing ------------------------------------------------------------------------------
def test_a_reserve_project_cannot_be_published(client_for, hq_a, api):
    project = make_project()
    page = client_for(hq_a).post(
        f"/projects/{project.pk}/edit/", form_data(project, is_published="on")
    )
    assert "is_published" in page.context["form"].errors
    patch = api(hq_a).patch(
        f"/api/v1/projects/{project.pk}/",
        {"is_published": True, "version": project.version},
        format="json",
    )
    assert patch.status_code == 400 and "is_published" in patch.json()
    header = ["code", "name", "aiding_party", "place", "category", "plan_year", "is_published"]
    row = [project.code, project.name, "江苏省", "654021", "民生", "2024", "是"]
    assert not import_projects("p.csv", csv_file(header, row), hq_a, commit=True).written
    assert not Project.objects.get(pk=project.pk).is_published


def test_an_approved_project_is_published_and_history_says_who(client_for, hq_a):
    project = make_project(status=Status.APPROVED)
    page = client_for(hq_a).post(
        f"/projects/{project.pk}/edit/", form_data(project, is_published="on")
    )
    assert page.status_code == 302
    record = history_for(project).first()
    assert record.changes["is_published"] == [False, True]
    assert record.user == hq_a


def test_withdrawing_an_approval_unpublishes_the_project(coordinator):
    project = make_project(status=Status.APPROVED, is_published=True)
    change_status(project, Status.PLANNED, coordinator, opinion="撤回批复")
    fresh = Project.objects.get(pk=project.pk)
    assert (fresh.status, fresh.is_published) == (Status.PLANNED, False)
    assert history_for(fresh).first().changes["is_published"] == [True, False]


def test_a_new_reserve_project_cannot_be_created_published(api, hq_a):
    data = {
        "code": "API-PUB",
        "name": "伊宁县供水工程",
        "aiding_party": "320000",
        "place": "654021",
        "category": "minsheng",
        "plan_year": 2025,
        "is_published": True,
    }
    response = api(hq_a).post("/api/v1/projects/", data, format="json")
    assert response.status_code == 400 and "is_published" in response.json()
    assert not Project.objects.filter(code="API-PUB").exists()


def test_moving_a_project_with_allocations_to_another_year_is_refused(hq_a):
    project = make_project(status=Status.APPROVED)
    allocate(make_plan(), project, Decimal("100000"), hq_a)
    project = Project.objects.get(pk=project.pk)
    project.plan_year = 2025
    with pytest.raises(ValidationError) as refused:
        project.full_clean()
    assert "plan_year" in refused.value.message_dict
