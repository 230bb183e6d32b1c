"""The registered project pages (pages.py): addresses, export, import, delete, public reads."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from duikou.funds.models import Allocation
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


def test_the_registered_project_pages_keep_the_addresses_they_had():
    assert reverse("projects:list") == "/projects/"
    assert reverse("projects:create") == "/projects/new/"
    assert reverse("projects:detail", args=[7]) == "/projects/7/"
    assert reverse("projects:edit", args=[7]) == "/projects/7/edit/"
    assert reverse("projects:history", args=[7]) == "/projects/7/history/"
    assert reverse("projects:transition", args=[7]) == "/projects/7/status/"
    assert reverse("projects:add_child", args=[7, "progress"]) == "/projects/7/add/progress/"
    assert reverse("projects:attachment", args=[7]) == "/projects/attachments/7/"
    assert reverse("projects:export") == "/projects/export/"
    assert reverse("projects:import") == "/projects/import/"
    assert reverse("projects:import_template") == "/projects/import/template.xlsx"
    assert reverse("funds:import") == "/funds/transactions/import/"
    assert reverse("funds:import_template") == "/funds/transactions/template.xlsx"
    assert reverse("project-list") == "/api/v1/projects/"
    assert reverse("project-moves", args=[7]) == "/api/v1/projects/7/moves/"


def test_the_list_export_button_writes_the_column_declaration_with_names_and_totals(
    client_for, hq_a
):
    make_project(code="PG-X1", budget_aid=Decimal("1000.50"))
    make_project(code="PG-X2", budget_aid=Decimal("2000"))
    response = client_for(hq_a).get("/projects/?q=PG-X&export=xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    header = rows[0]
    assert header[0] == "项目编号" and "受援地代码（名称）" in header
    assert {rows[1][0], rows[2][0]} == {"PG-X1", "PG-X2"}
    assert rows[-1][0] == "合计" and rows[-1][header.index("援疆资金（万元）")] == 0.30005


def test_the_list_sorts_by_a_column_as_the_sort_filter_does(client_for, hq_a):
    make_project(code="PG-S1", budget_aid=Decimal("5"))
    make_project(code="PG-S2", budget_aid=Decimal("9"))
    client = client_for(hq_a)
    codes = lambda r: [p.code for p in r.context["object_list"]]  # noqa: E731
    assert codes(client.get("/projects/?q=PG-S&sort=-aid")) == ["PG-S2", "PG-S1"]
    assert codes(client.get("/projects/?q=PG-S&sort=aid")) == ["PG-S1", "PG-S2"]
    response = client.get("/projects/?q=PG-S&sort=aiding_party")
    assert response.status_code == 200 and not response.context["filter"].errors


def test_the_import_button_shows_to_those_who_may_create_projects(client_for, hq_a, recipient):
    assert reverse("projects:import") in client_for(hq_a).get("/projects/").content.decode()
    assert (
        reverse("projects:import") not in client_for(recipient).get("/projects/").content.decode()
    )
    assert client_for(recipient).get("/projects/import/").status_code == 403


def test_the_transaction_import_page_and_its_template_are_served_under_funds(client_for, hq_a):
    client = client_for(hq_a)
    page = client.get("/funds/transactions/import/")
    assert page.status_code == 200
    assert reverse("funds:import_template") in page.content.decode()
    template = client.get("/funds/transactions/template.xlsx")
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_project_with_allocations_is_not_deleted_and_the_refusal_names_why(client_for, hq_a):
    project = make_project(status=Status.APPROVED)
    make_allocation(make_plan(year=2081), project, "1000")
    response = client_for(hq_a).post(f"/projects/{project.pk}/delete/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "不能删除" in text and str(Allocation._meta.verbose_name_plural) in text
    api = APIClient()
    api.force_authenticate(hq_a)
    answer = api.delete(f"/api/v1/projects/{project.pk}/")
    assert answer.status_code == 409 and answer.json()["code"] == "protected"
    assert Project.objects.filter(pk=project.pk).exists()


def test_a_reserve_project_is_deleted_on_confirmation(client_for, hq_a):
    project = make_project()
    client = client_for(hq_a)
    assert "不能删除" not in client.get(f"/projects/{project.pk}/delete/").content.decode()
    response = client.post(f"/projects/{project.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/projects/"
    assert not Project.objects.filter(pk=project.pk).exists()


def test_anonymous_visitors_read_published_projects_but_not_their_timeline(client):
    public = make_project(
        code="PG-PUB", aiding_party=party(BEIJING), place=place(HOTAN_COUNTY), is_published=True
    )
    hidden = make_project(code="PG-HID")
    listed = {p.code for p in client.get("/projects/?q=PG-").context["object_list"]}
    assert listed == {"PG-PUB"}
    page = client.get(public.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "PG-PUB" in text and 'data-testid="workflow-timeline"' not in text
    assert reverse("projects:edit", args=[public.pk]) not in text
    assert client.get(hidden.get_absolute_url()).status_code == 404
    csv = b"".join(client.get("/projects/export/?q=PG-&format=csv").streaming_content)
    assert b"PG-PUB" in csv and b"PG-HID" not in csv


def test_the_detail_page_offers_edit_moves_history_and_delete_to_its_party(client_for, hq_a):
    project = make_project(status=Status.APPROVED)
    text = client_for(hq_a).get(project.get_absolute_url()).content.decode()
    for name in ("edit", "history", "delete"):
        assert reverse(f"projects:{name}", args=[project.pk]) in text
    assert reverse("projects:transition", args=[project.pk]) in text
    assert 'data-testid="move-building"' in text
