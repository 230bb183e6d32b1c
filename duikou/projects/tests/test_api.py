"""REST API: the same scoping, filters and rules as the pages, token-authenticated."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from duikou.funds.models import FundTransaction
from duikou.projects.choices import Status
from duikou.projects.models import Project
from duikou.projects.tests.factories import (
    BEIJING,
    HOTAN_COUNTY,
    make_allocation,
    make_plan,
    make_project,
    party,
    place,
)

pytestmark = pytest.mark.django_db


def new_project(**over) -> dict:
    data = {
        "code": "API-1",
        "name": "伊宁县供水工程",
        "aiding_party": "320000",
        "place": "654021",
        "category": "minsheng",
        "plan_year": 2025,
        "budget_aid": "3000000.00",
    }
    data.update(over)
    return data


def test_a_token_of_one_party_cannot_read_another_partys_unpublished_projects(api, hq_b):
    hidden = make_project(code="JS-HIDDEN")
    published = make_project(code="JS-PUBLIC", is_published=True)
    client = api(hq_b)
    codes = {p["code"] for p in client.get("/api/v1/projects/?page_size=500").json()["results"]}
    assert "JS-PUBLIC" in codes and "JS-HIDDEN" not in codes
    assert client.get(f"/api/v1/projects/{hidden.pk}/").status_code == 404
    assert client.get(f"/api/v1/projects/{published.pk}/").status_code == 200


def test_a_token_of_one_party_cannot_write_another_partys_projects(api, hq_b):
    hidden = make_project(code="JS-HIDDEN")
    published = make_project(code="JS-PUB", is_published=True)
    client = api(hq_b)
    assert client.patch(f"/api/v1/projects/{hidden.pk}/", {"name": "x"}).status_code == 404
    assert client.patch(f"/api/v1/projects/{published.pk}/", {"name": "x"}).status_code == 403
    response = client.post("/api/v1/projects/", new_project(), format="json")
    assert response.status_code == 403
    assert not Project.objects.filter(code="API-1").exists()
    assert Project.objects.get(pk=published.pk).name != "x"


def test_a_party_creates_and_filters_its_projects(api, hq_a):
    client = api(hq_a)
    response = client.post("/api/v1/projects/", new_project(), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["is_livelihood"] is True and response.json()["status"] == "reserve"
    listed = client.get("/api/v1/projects/?year=2025&party=320000&q=供水").json()
    assert [p["code"] for p in listed["results"]] == ["API-1"]


def test_bad_input_is_400_with_field_messages_and_writes_nothing(api, hq_a):
    response = api(hq_a).post(
        "/api/v1/projects/",
        new_project(
            place="999999", budget_aid="-5", start_date="2025-05-01", finish_date="2025-04-01"
        ),
        format="json",
    )
    assert response.status_code == 400
    assert {"place", "budget_aid"} <= set(response.json())
    assert not Project.objects.filter(code="API-1").exists()


def test_a_stale_version_is_refused(api, hq_a):
    project = make_project()
    client = api(hq_a)
    version = client.get(f"/api/v1/projects/{project.pk}/").json()["version"]
    project.name = "someone else"
    project.save()
    response = client.patch(
        f"/api/v1/projects/{project.pk}/", {"name": "mine", "version": version}, format="json"
    )
    assert response.status_code == 400 and "version" in response.json()


def test_the_status_moves_only_through_the_transition_action(api, hq_a, coordinator):
    project = make_project(status=Status.PLANNED)
    client = api(hq_a)
    client.patch(f"/api/v1/projects/{project.pk}/", {"status": "handed_over"}, format="json")
    project.refresh_from_db()
    assert project.status == Status.PLANNED
    refused = client.post(f"/api/v1/projects/{project.pk}/transition/", {"status": "approved"})
    assert refused.status_code == 400 and "status" in refused.json()
    coordinator_api = api(coordinator)
    url = f"/api/v1/projects/{project.pk}/transition/"
    missing = coordinator_api.post(url, {"status": "approved"})
    assert missing.status_code == 400  # an approval needs its document number
    ok = coordinator_api.post(url, {"status": "approved", "document_number": "新援办〔2025〕1号"})
    assert ok.status_code == 200 and ok.json()["status"] == "approved"


def test_over_disbursing_through_the_api_is_400(api, hq_a):
    project = make_project(code="API-TX")
    make_allocation(make_plan(), project, "100000")
    client = api(hq_a)
    body = {
        "project": "API-TX",
        "kind": "disbursement",
        "date": "2024-05-01",
        "amount": "100000.01",
    }
    response = client.post("/api/v1/transactions/", body, format="json")
    assert response.status_code == 400 and "amount" in response.json()
    body["amount"] = "100000"
    assert client.post("/api/v1/transactions/", body, format="json").status_code == 201
    assert FundTransaction.objects.filter(project=project).count() == 1


def test_another_party_cannot_post_transactions_for_a_project(api, hq_b):
    make_project(code="API-TX", is_published=True)
    body = {"project": "API-TX", "kind": "disbursement", "date": "2024-05-01", "amount": "1"}
    response = api(hq_b).post("/api/v1/transactions/", body, format="json")
    assert response.status_code == 400


def test_fund_plans_are_approved_by_the_coordinator_only(api, hq_a, coordinator):
    plan = make_plan(approved=False)
    assert api(hq_a).post(f"/api/v1/fund-plans/{plan.pk}/approve/").status_code == 400
    response = api(coordinator).post(f"/api/v1/fund-plans/{plan.pk}/approve/")
    assert response.status_code == 200 and response.json()["status"] == "approved"


def test_compliance_figures_are_scoped_to_the_callers_party(api, hq_a, coordinator):
    make_project(status=Status.APPROVED, plan_year=2020, budget_aid=Decimal("100"))
    make_project(
        status=Status.APPROVED,
        aiding_party=party(BEIJING),
        place=place(HOTAN_COUNTY),
        plan_year=2020,
    )
    mine = api(hq_a).get("/api/v1/compliance/").json()
    assert {r["party"] for r in mine} == {"320000"}
    everyone = api(coordinator).get("/api/v1/compliance/").json()
    assert {"320000", "110000"} <= {r["party"] for r in everyone}
    row = next(r for r in everyone if r["party"] == "320000" and r["year"] == 2020)
    assert row["ok"] is True


def test_the_project_list_endpoint_runs_a_fixed_number_of_queries(api, hq_a):
    client = api(hq_a)
    make_project()
    client.get("/api/v1/projects/")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/projects/")
    for _ in range(15):
        make_project()
    with CaptureQueriesContext(connection) as many:
        assert client.get("/api/v1/projects/").status_code == 200
    assert len(many) == len(few) <= 8


def test_the_schema_documents_the_project_endpoints(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/projects/" in response.content
    assert b"/api/v1/compliance/" in response.content


def test_the_api_refuses_what_the_form_refuses(api, hq_a):
    from duikou.organisations.models import Organisation

    beijing_group = Organisation.objects.get(code="WG-110000-653221")
    response = api(hq_a).post(
        "/api/v1/projects/",
        new_project(implementing_organisation=beijing_group.code),
        format="json",
    )
    assert response.status_code == 400 and "implementing_organisation" in response.json()
    assert not Project.objects.filter(code="API-1").exists()
    dates = api(hq_a).post(
        "/api/v1/projects/",
        new_project(start_date="2025-05-01", finish_date="2025-04-01"),
        format="json",
    )
    assert dates.status_code == 400 and "finish_date" in dates.json()


def test_a_sort_of_only_empty_terms_keeps_the_list_in_its_stable_order(api, coordinator):
    older, newer = make_project(plan_year=2023), make_project(plan_year=2025)
    for query in ("sort=,", "sort=%2C%2C"):
        response = api(coordinator).get(f"/api/v1/projects/?{query}")
        assert response.status_code == 200
        codes = [p["code"] for p in response.json()["results"]]
        assert codes.index(newer.code) < codes.index(older.code)  # -plan_year, code
