"""Scope on every path of a project: the record as saved, the page's panels, the import's
answers, the stale-edit check of the API and the pairing a project's places lie in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from duikou.core.models import ChangeRecord
from duikou.demo.generators import DemoContext
from duikou.funds.models import FundTransaction
from duikou.projects.columns import import_projects
from duikou.projects.demo import make_portfolio
from duikou.projects.models import Project
from duikou.projects.tests.factories import (
    BEIJING,
    HOTAN_COUNTY,
    category,
    make_allocation,
    make_plan,
    make_project,
    party,
    place,
)
from duikou.projects.tests.test_import import HEADER, csv_file, good

pytestmark = pytest.mark.django_db

OTHER_JIANGSU_COUNTY = "654002"  # 伊宁市, paired with 江苏 but outside wg_a's county
ILI = "654000"  # 伊犁哈萨克自治州, the prefecture above 江苏's counties


def api(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def form_data(project: Project, **changes) -> dict:
    data = {
        "code": project.code,
        "name": project.name,
        "aiding_party": project.aiding_party_id,
        "place": project.place_id,
        "extra_places": [p.pk for p in project.extra_places.all()],
        "category": project.category_id,
        "plan_year": project.plan_year,
        "budget_aid": str(project.budget_aid),
        "budget_local": "0",
        "budget_social": "0",
        "budget_enterprise": "0",
        "expected_version": project.version,
    }
    data.update(changes)
    return data


# -- the record as it will be saved ---------------------------------------------------------
def test_a_page_edit_that_moves_a_project_out_of_scope_is_rolled_back_with_its_places(
    client_for, wg_a
):
    project = make_project(name="伊宁县供水工程")
    before = ChangeRecord.objects.count()
    response = client_for(wg_a).post(
        f"/projects/{project.pk}/edit/",
        form_data(
            project,
            place=place(OTHER_JIANGSU_COUNTY).pk,
            extra_places=[place(OTHER_JIANGSU_COUNTY).pk],
            name="改名",
        ),
    )
    assert response.status_code == 200
    assert "超出本单位权限范围" in response.content.decode()
    project.refresh_from_db()
    assert (project.place.code, project.name) == ("654021", "伊宁县供水工程")
    assert not project.extra_places.exists()
    assert ChangeRecord.objects.count() == before  # nothing half-written, not even history


def test_an_api_edit_that_moves_a_project_out_of_scope_is_refused(wg_a):
    project = make_project()
    response = api(wg_a).patch(
        f"/api/v1/projects/{project.pk}/",
        {"place": OTHER_JIANGSU_COUNTY, "version": project.version},
        format="json",
    )
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.place.code == "654021"


# -- every panel reads through visible_to ---------------------------------------------------
def test_another_partys_published_project_page_shows_none_of_its_money(
    client_for, hq_a, hq_b, recipient
):
    project = make_project(code="JS-PUB", is_published=True)
    make_allocation(make_plan(year=2024), project, "777000")
    FundTransaction.objects.create(
        project=project,
        kind="disbursement",
        date=dt.date(2024, 5, 1),
        amount=Decimal("333000"),
        reference="REF-SECRET-1",
    )
    hotan = make_project(
        code="BJ-PUB", aiding_party=party(BEIJING), place=place(HOTAN_COUNTY), is_published=True
    )
    make_allocation(make_plan(BEIJING, year=2024), hotan, "888000")
    for user, shown in ((hq_b, project), (recipient, hotan)):
        page = client_for(user).get(shown.get_absolute_url())
        text = page.content.decode()
        assert page.status_code == 200
        assert 'data-testid="project-money"' not in text
        assert 'data-testid="project-transactions"' not in text
        assert "77.7" not in text and "88.8" not in text and "REF-SECRET-1" not in text
        assert "allocations" not in page.context and "money" not in page.context
    own = client_for(hq_a).get(project.get_absolute_url()).content.decode()
    assert 'data-testid="project-money"' in own and "REF-SECRET-1" in own


# -- the import does not reveal codes -------------------------------------------------------
def test_the_import_does_not_reveal_a_project_code_outside_the_callers_read_scope(hq_b):
    make_project(code="JS-SECRET")
    result = import_projects(
        "p.csv",
        csv_file(good("JS-SECRET", aiding_party="北京市", place=HOTAN_COUNTY)),
        hq_b,
        commit=False,
    )
    reasons = " ".join(e.reason for e in result.errors)
    assert "无权修改项目" not in reasons
    assert "未找到您可修改的援疆项目 JS-SECRET" in reasons


def test_the_import_says_so_when_a_visible_project_may_not_be_changed(hq_b):
    make_project(code="JS-OPEN", is_published=True)
    result = import_projects("p.csv", csv_file(good("JS-OPEN")), hq_b, commit=False)
    assert "您无权修改援疆项目 JS-OPEN" in " ".join(e.reason for e in result.errors)


def test_the_import_checks_a_row_as_it_will_be_saved(wg_a):
    result = import_projects(
        "p.csv", csv_file(good("WG-1", place=OTHER_JIANGSU_COUNTY)), wg_a, commit=True
    )
    assert not result.written
    assert result.errors and result.errors[0].column.startswith("援助方")
    assert not Project.objects.filter(code="WG-1").exists()
    ok = import_projects("p.csv", csv_file(good("WG-2")), wg_a, commit=True)
    assert ok.written and Project.objects.filter(code="WG-2").exists()


def test_the_import_commit_checks_each_row_again_when_it_saves_it(wg_a):
    result = import_projects(
        "p.csv",
        csv_file(good("WG-3"), good("WG-4", place=OTHER_JIANGSU_COUNTY)),
        wg_a,
        commit=True,
    )
    assert not result.written
    assert [e.row for e in result.errors] == [3]
    assert not Project.objects.filter(code__in=["WG-3", "WG-4"]).exists()  # all or nothing


def test_a_file_the_database_would_refuse_is_an_error_in_the_preview_not_a_500(hq_a, monkeypatch):
    from django.db import IntegrityError

    def refuse(*args, **kwargs):
        raise IntegrityError("a constraint the checks do not know")

    monkeypatch.setattr("duikou.core.imports._write", refuse)
    result = import_projects("p.csv", csv_file(good("IM-DB")), hq_a, commit=False)
    assert [(e.row, e.reason) for e in result.errors] == [
        (1, "数据库拒绝按现有内容保存该文件，未写入任何数据。")
    ]
    assert "constraint" not in result.errors[0].reason  # no internals on the page


# -- a version on every API update ----------------------------------------------------------
def test_an_api_update_without_a_version_is_refused(hq_a):
    project = make_project(name="旧名称")
    response = api(hq_a).patch(f"/api/v1/projects/{project.pk}/", {"name": "新"}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()
    project.refresh_from_db()
    assert project.name == "旧名称"


def test_an_api_update_may_name_its_version_in_an_if_match_header(hq_a):
    project = make_project()
    url = f"/api/v1/projects/{project.pk}/"
    client = api(hq_a)
    stale = client.patch(
        url, {"name": "旧"}, format="json", HTTP_IF_MATCH=f'"{project.version - 1 or 99}"'
    )
    assert stale.status_code == 400 and "version" in stale.json()
    fresh = client.patch(url, {"name": "新"}, format="json", HTTP_IF_MATCH=f'"{project.version}"')
    assert fresh.status_code == 200
    assert Project.objects.get(pk=project.pk).name == "新"


# -- places inside the party's pairing unless marked cross-pairing work ----------------------
def new_project(**over) -> dict:
    data = {
        "code": "API-X",
        "name": "供水工程",
        "aiding_party": "320000",
        "place": "654021",
        "category": "minsheng",
        "plan_year": 2025,
        "budget_aid": "3000000.00",
    }
    data.update(over)
    return data


def test_an_hq_cannot_create_a_project_in_a_county_paired_with_another_party(hq_a):
    client = api(hq_a)
    response = client.post("/api/v1/projects/", new_project(place=HOTAN_COUNTY), format="json")
    assert response.status_code == 400 and "place" in response.json()
    assert "全域协作" in " ".join(response.json()["place"])
    assert not Project.objects.filter(code="API-X").exists()


def test_cross_pairing_work_may_lie_in_a_county_paired_with_another_party(hq_a):
    data = new_project(place=HOTAN_COUNTY, is_cross_pairing=True)
    response = api(hq_a).post("/api/v1/projects/", data, format="json")
    assert response.status_code == 201, response.json()
    assert Project.objects.get(code="API-X").is_cross_pairing


def test_a_work_group_cannot_add_another_partys_county_as_a_further_place(client_for, wg_a):
    project = make_project()
    response = api(wg_a).patch(
        f"/api/v1/projects/{project.pk}/",
        {"extra_places": [HOTAN_COUNTY], "version": project.version},
        format="json",
    )
    assert response.status_code == 400 and "extra_places" in response.json()
    page = client_for(wg_a).post(
        f"/projects/{project.pk}/edit/", form_data(project, extra_places=[place(HOTAN_COUNTY).pk])
    )
    assert page.status_code == 200 and page.context["form"].errors["extra_places"]
    assert not project.extra_places.exists()
    marked = api(wg_a).patch(
        f"/api/v1/projects/{project.pk}/",
        {"extra_places": [HOTAN_COUNTY], "is_cross_pairing": True, "version": project.version},
        format="json",
    )
    assert marked.status_code == 200, marked.json()
    assert [p.code for p in project.extra_places.all()] == [HOTAN_COUNTY]


def test_a_change_of_party_rechecks_the_further_places_already_saved(admin_user):
    project = make_project()
    project.extra_places.set([place()])
    response = api(admin_user).patch(
        f"/api/v1/projects/{project.pk}/",
        {"aiding_party": BEIJING, "place": HOTAN_COUNTY, "version": project.version},
        format="json",
    )
    assert response.status_code == 400 and "extra_places" in response.json()


def test_the_import_refuses_a_further_place_outside_the_partys_pairing(hq_a):
    header = [*HEADER, "extra_places"]
    row = [*good("IM-X"), HOTAN_COUNTY]
    result = import_projects("p.csv", csv_file(row, header=header), hq_a, commit=True)
    assert not result.written
    assert any("全域协作" in e.reason for e in result.errors)
    marked = import_projects(
        "p.csv",
        csv_file([*row, "是"], header=[*header, "is_cross_pairing"]),
        hq_a,
        commit=True,
    )
    assert marked.written, [str(e) for e in marked.errors]


def test_a_prefecture_wide_project_lies_inside_the_pairing_of_a_party_with_counties_there():
    inside = Project(aiding_party=party(), place=place(ILI), category=category(), plan_year=2025)
    inside.clean_places()
    outside = Project(aiding_party=party(BEIJING), place=place(ILI), plan_year=2025)
    assert outside.unpaired_places([place(ILI)]) == [place(ILI)]


def test_a_project_stays_valid_after_its_pairing_has_changed_hands():
    from duikou.pairings.models import Pairing

    pairing = Pairing.objects.current().get(aiding_party=party(), place=place())
    Pairing.objects.filter(pk=pairing.pk).update(valid_to=dt.date(2024, 12, 31))
    old = Project(aiding_party=party(), place=place(), plan_year=2024)
    old.clean_places()
    new = Project(aiding_party=party(), place=place(), plan_year=2025)
    assert new.unpaired_places([place()]) == [place()]


def test_the_demo_portfolio_lies_inside_each_partys_pairing():
    make_portfolio(DemoContext(scale="tiny", log=lambda m: None))
    for project in Project.objects.select_related("place").prefetch_related("extra_places"):
        assert not project.unpaired_places([project.place, *project.extra_places.all()])
