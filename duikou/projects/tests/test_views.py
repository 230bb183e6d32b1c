"""Project and fund pages: listing, filtering, editing, lifecycle buttons, the two-80 table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from duikou.projects.choices import Status
from duikou.projects.models import Project
from duikou.projects.tests.factories import (
    BEIJING,
    HOTAN_COUNTY,
    category,
    make_project,
    party,
    place,
)

pytestmark = pytest.mark.django_db


def test_the_list_filters_by_year_category_and_text(client_for, hq_a):
    make_project(code="JS-A", name="伊宁县第一小学", plan_year=2023, category=category("jiaoyu"))
    make_project(code="JS-B", name="伊宁县医院", plan_year=2024, category=category("yiliao"))
    client = client_for(hq_a)
    codes = lambda r: {p.code for p in r.context["object_list"]}  # noqa: E731
    assert codes(client.get("/projects/?year=2023")) >= {"JS-A"}
    assert "JS-B" not in codes(client.get("/projects/?year=2023"))
    assert codes(client.get("/projects/?category=yiliao&q=医院")) == {"JS-B"}
    assert codes(client.get("/projects/?place=654021&min_aid=1")) >= {"JS-A", "JS-B"}


def test_the_list_page_runs_a_fixed_number_of_queries(client_for, hq_a):
    for _ in range(3):
        make_project()
    client = client_for(hq_a)
    client.get("/projects/")
    with CaptureQueriesContext(connection) as few:
        client.get("/projects/")
    for _ in range(20):
        make_project()
    with CaptureQueriesContext(connection) as many:
        response = client.get("/projects/")
    assert response.status_code == 200
    assert len(many) == len(few) <= 10


def test_an_outsider_gets_404_for_an_unpublished_project(client_for, hq_b):
    project = make_project()
    assert client_for(hq_b).get(project.get_absolute_url()).status_code == 404


def test_a_headquarters_creates_a_project_through_the_form(client_for, hq_a):
    data = {
        "code": "JS-NEW-1",
        "name": "伊宁县安居房",
        "aiding_party": party().pk,
        "place": place().pk,
        "category": category().pk,
        "plan_year": 2025,
        "budget_aid": "2500000",
        "budget_local": "0",
        "budget_social": "0",
        "budget_enterprise": "0",
    }
    response = client_for(hq_a).post("/projects/new/", data)
    assert response.status_code == 302
    project = Project.objects.get(code="JS-NEW-1")
    assert project.is_livelihood  # 民生 counts as livelihood by default
    assert project.status == Status.RESERVE


def test_creating_a_project_for_another_party_is_refused(client_for, hq_a):
    data = {
        "code": "BJ-BY-JS",
        "name": "x",
        "aiding_party": party(BEIJING).pk,
        "place": place(HOTAN_COUNTY).pk,
        "category": category().pk,
        "plan_year": 2025,
        "budget_aid": "1",
        "budget_local": "0",
        "budget_social": "0",
        "budget_enterprise": "0",
    }
    response = client_for(hq_a).post("/projects/new/", data)
    assert response.status_code == 200
    assert not Project.objects.filter(code="BJ-BY-JS").exists()


def test_a_stale_edit_is_refused(client_for, hq_a):
    project = make_project(name="旧名称")
    form = {
        "code": project.code,
        "name": "我的修改",
        "aiding_party": party().pk,
        "place": place().pk,
        "category": category().pk,
        "plan_year": 2024,
        "budget_aid": "1",
        "budget_local": "0",
        "budget_social": "0",
        "budget_enterprise": "0",
        "expected_version": project.version,
    }
    project.name = "别人的修改"
    project.save()
    response = client_for(hq_a).post(f"/projects/{project.pk}/edit/", form)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    project.refresh_from_db()
    assert project.name == "别人的修改"


def test_the_coordinator_approves_through_the_status_button(client_for, coordinator):
    project = make_project(status=Status.PLANNED)
    client = client_for(coordinator)
    page = client.get(project.get_absolute_url())
    assert b'data-testid="move-approved"' in page.content
    url = reverse("projects:transition", args=[project.pk])
    without = client.post(url, {"target": "approved"}, follow=True)
    assert "文号" in [str(m) for m in without.context["messages"]][0]
    client.post(url, {"target": "approved", "document_number": "新援办〔2025〕2号"})
    project.refresh_from_db()
    assert project.status == Status.APPROVED
    timeline = client.get(project.get_absolute_url()).content.decode()
    assert "新援办〔2025〕2号" in timeline


def test_an_irreversible_move_asks_for_confirmation(client_for, recipient):
    project = make_project(status=Status.ACCEPTED)
    client = client_for(recipient)
    url = reverse("projects:transition", args=[project.pk])
    client.post(url, {"target": "handed_over"})
    project.refresh_from_db()
    assert project.status == Status.ACCEPTED
    client.post(url, {"target": "handed_over", "confirmed": "on"})
    project.refresh_from_db()
    assert project.status == Status.HANDED_OVER


def test_an_illegal_move_shows_the_reason_and_changes_nothing(client_for, hq_a):
    project = make_project()
    response = client_for(hq_a).post(
        reverse("projects:transition", args=[project.pk]), {"status": "handed_over"}, follow=True
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    project.refresh_from_db()
    assert project.status == Status.RESERVE


def test_progress_over_100_percent_is_refused(client_for, wg_a):
    project = make_project()
    client = client_for(wg_a)
    url = reverse("projects:add_child", args=[project.pk, "progress"])
    client.post(url, {"date": "2024-06-01", "percent": "101"})
    client.post(url, {"date": "2024-06-01", "percent": "40"})
    assert [r.percent for r in project.progress_reports.all()] == [40]


def test_the_compliance_table_marks_failing_parties(client_for, coordinator):
    make_project(status=Status.APPROVED, budget_aid=Decimal("800"), plan_year=2022)
    make_project(
        status=Status.APPROVED, budget_aid=Decimal("200"), plan_year=2022, place=place("654000")
    )
    make_project(
        status=Status.APPROVED,
        aiding_party=party(BEIJING),
        place=place("653200"),
        plan_year=2022,
        budget_aid=Decimal("100"),
    )
    response = client_for(coordinator).get("/compliance/")
    rows = {str(p): cells for p, cells in response.context["rows"]}
    years = response.context["years"]
    jiangsu = rows["江苏省"][years.index(2022)]
    beijing = rows["北京市"][years.index(2022)]
    assert (jiangsu.county_ok, jiangsu.ok) == (True, True)  # exactly 80 percent
    assert (beijing.county_ok, beijing.ok) == (False, False)
    assert b'data-ok="no"' in response.content


def test_a_headquarters_sees_only_its_own_party_in_the_compliance_table(client_for, hq_a):
    make_project(status=Status.APPROVED, plan_year=2022)
    make_project(
        status=Status.APPROVED,
        aiding_party=party(BEIJING),
        place=place(HOTAN_COUNTY),
        plan_year=2022,
    )
    response = client_for(hq_a).get("/compliance/")
    assert [str(p) for p, _cells in response.context["rows"]] == ["江苏省"]


def test_the_party_page_shows_its_two_80_figures(client_for, coordinator):
    make_project(status=Status.APPROVED, plan_year=2021, budget_aid=Decimal("1000"))
    response = client_for(coordinator).get(party().get_absolute_url())
    assert b'data-testid="party-compliance"' in response.content
    assert "100.0%" in response.content.decode()


def test_statistics_count_projects_by_party_category_and_year(client_for, coordinator):
    make_project(
        status=Status.APPROVED,
        plan_year=2019,
        category=category("jiaoyu"),
        budget_aid=Decimal("300"),
    )
    make_project(
        status=Status.APPROVED,
        plan_year=2019,
        category=category("jiaoyu"),
        budget_aid=Decimal("200"),
    )
    response = client_for(coordinator).get("/funds/statistics/?year=2019&party=320000")
    (row,) = response.context["rows"]
    assert (row["category"].name, row["projects"], row["budget_aid"]) == ("教育", 2, 500)


def test_fund_plan_pages_allocate_and_record(client_for, hq_a, coordinator):
    from duikou.funds.models import FundPlan

    client = client_for(hq_a)
    client.post(
        "/funds/plans/new/", {"aiding_party": party().pk, "year": 2024, "amount": "1000000"}
    )
    plan = FundPlan.objects.get(aiding_party=party(), year=2024)
    client.post(reverse("funds:approve", args=[plan.pk]), {"target": "submitted"})
    client_for(coordinator).post(reverse("funds:approve", args=[plan.pk]), {"target": "approved"})
    project = make_project()
    client = client_for(hq_a)
    client.post(
        reverse("funds:allocate", args=[plan.pk]), {"project": project.code, "amount": "600000"}
    )
    client.post(
        reverse("funds:record", args=[project.pk]),
        {"kind": "disbursement", "date": dt.date(2024, 5, 1), "amount": "700000"},
    )
    client.post(
        reverse("funds:record", args=[project.pk]),
        {"kind": "disbursement", "date": dt.date(2024, 5, 1), "amount": "500000"},
    )
    assert [t.amount for t in project.transactions.all()] == [Decimal("500000")]
    page = client.get(plan.get_absolute_url())
    assert "60.00" in page.content.decode()


def test_statistics_with_a_year_that_is_not_a_number_says_so_instead_of_failing(
    client_for, coordinator
):
    make_project(plan_year=2024)
    response = client_for(coordinator).get("/funds/statistics/?year=abc")
    assert response.status_code == 200
    assert "abc 不是年份" in response.content.decode()
