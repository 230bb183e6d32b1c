"""Registered pages: addresses, the table's choices, exports, menu and refused deletes."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from duikou.core.context_processors import nav_items
from duikou.core.registry import registry
from duikou.funds.models import FundPlan
from duikou.organisations.choices import OrganisationKind
from duikou.organisations.models import Organisation
from duikou.projects.tests.factories import make_plan, party, place

pytestmark = pytest.mark.django_db


def test_registered_pages_keep_the_addresses_they_had():
    assert reverse("organisations:list") == "/organisations/"
    assert reverse("organisations:create") == "/organisations/new/"
    assert reverse("organisations:detail", args=[7]) == "/organisations/7/"
    assert reverse("organisations:edit", args=[7]) == "/organisations/7/edit/"
    assert reverse("organisations:history", args=[7]) == "/organisations/7/history/"
    assert reverse("organisations:delete", args=[7]) == "/organisations/7/delete/"
    assert reverse("pairings:detail", args=[7]) == "/pairings/7/"
    assert reverse("funds:plans") == "/funds/"
    assert reverse("funds:plan_edit", args=[7]) == "/funds/plans/7/edit/"
    assert reverse("organisation-list") == "/api/v1/organisations/"
    assert reverse("fund-plan-detail", args=[7]) == "/api/v1/fund-plans/7/"


def test_the_menu_lists_the_registered_modules_in_order():
    urls = [url for url, _label, _roles in nav_items()]
    assert urls.index("pairings:overview") < urls.index("organisations:list")
    assert (
        urls.index("organisations:list") < urls.index("projects:list") < urls.index("funds:plans")
    )


def test_an_approved_plan_shows_why_it_cannot_be_deleted_and_stays(client_for, hq_a):
    plan = make_plan(year=2090, approved=True)
    client = client_for(hq_a)
    page = client.get(f"/funds/plans/{plan.pk}/delete/").content.decode()
    assert "已批准的资金计划不能删除" in page
    response = client.post(f"/funds/plans/{plan.pk}/delete/")
    assert response.status_code == 200
    assert FundPlan.objects.filter(pk=plan.pk).exists()


def test_a_draft_plan_is_deleted_on_confirmation_and_the_delete_is_in_the_history(client_for, hq_a):
    from duikou.core.history import history_for

    plan = make_plan(year=2091, approved=False)
    client = client_for(hq_a)
    assert client.get(f"/funds/plans/{plan.pk}/delete/").status_code == 200
    assert client.get(f"/funds/plans/{plan.pk}/").status_code == 200
    response = client.post(f"/funds/plans/{plan.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/funds/"
    assert not FundPlan.objects.filter(pk=plan.pk).exists()
    assert history_for(plan).filter(action="delete").exists()


def test_a_protected_reference_refuses_a_delete_with_its_reason_never_a_500(client_for, hq_a):
    parent = Organisation.objects.create(
        code="KIT-P", name="样例医院总院", kind=OrganisationKind.HOSPITAL, aiding_party=party()
    )
    Organisation.objects.create(
        code="KIT-C",
        name="样例医院分院",
        kind=OrganisationKind.HOSPITAL,
        parent=parent,
        aiding_party=party(),
        place=place(),
    )
    response = client_for(hq_a).post(f"/organisations/{parent.pk}/delete/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "不能删除" in text and str(Organisation._meta.verbose_name_plural) in text
    api = APIClient()
    api.force_authenticate(hq_a)
    response = api.delete(f"/api/v1/organisations/{parent.pk}/")
    assert response.status_code == 409
    assert "不能删除" in response.json()["detail"]
    assert Organisation.objects.filter(pk=parent.pk).exists()


def test_delete_is_post_only_and_for_those_who_may_change_the_record(client_for, hq_b):
    plan = make_plan(year=2092, approved=False)
    response = client_for(hq_b).post(f"/funds/plans/{plan.pk}/delete/")
    assert response.status_code == 404  # 北京 may not know 江苏's plan exists
    assert FundPlan.objects.filter(pk=plan.pk).exists()


def test_the_chosen_columns_are_remembered_for_the_next_visit(client_for, coordinator):
    client = client_for(coordinator)
    text = client.get("/organisations/?columns=name&columns=code").content.decode()
    assert "<th" in text and "代码" in text
    again = client.get("/organisations/").content.decode()
    table = again[again.index("<table") :]
    assert "代码" in table and "援助方" not in table[: table.index("</thead>")]


def test_a_long_list_shows_page_numbers_and_a_jump_box(client_for, coordinator, monkeypatch):
    monkeypatch.setattr(registry.get(Organisation), "per_page", 2)
    text = client_for(coordinator).get("/organisations/?page=2").content.decode()
    assert 'data-testid="page-jump"' in text
    assert 'class="page-item active"' in text


def test_an_export_has_chinese_headers_real_numbers_and_follows_the_filter(client_for, hq_a):
    make_plan(year=2093, amount="12345678.90")
    make_plan("110000", year=2093)
    response = client_for(hq_a).get("/funds/?export=xlsx&year=2093")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("援助方", "年度", "金额（万元）")
    assert len(rows) == 2  # 北京's plan is not 江苏's to see
    assert rows[1][1] == 2093 and rows[1][2] == pytest.approx(1234.56789)


def test_an_exported_text_that_looks_like_a_formula_stays_text(client_for, hq_a):
    Organisation.objects.create(
        code="KIT-F", name="=1+1", kind=OrganisationKind.HOSPITAL, aiding_party=party()
    )
    response = client_for(hq_a).get("/organisations/?export=xlsx&q=KIT-F")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"


def test_a_plan_detail_keeps_its_allocations_and_approve_button(client_for, coordinator):
    plan = make_plan(year=2094, approved=False)
    text = client_for(coordinator).get(f"/funds/plans/{plan.pk}/").content.decode()
    assert reverse("funds:approve", args=[plan.pk]) in text
    assert 'data-testid="plan-allocated"' in text


def test_a_column_declaration_gives_a_registration_its_form_and_api(hq_a, hq_b):
    from rest_framework.test import APIRequestFactory, force_authenticate

    from duikou.core.registry import Registration
    from duikou.projects.columns import PROJECTS
    from duikou.projects.models import Project
    from duikou.projects.tests.factories import make_project

    reg = Registration(
        model=Project,
        prefix="projects",
        columns_table=PROJECTS,
        api_prefix="kit-projects",
        select_related=["aiding_party", "place", "category", "implementing_organisation"],
        prefetch_related=["extra_places"],
        ordering=["code"],
    )
    imported = [c.key for c in PROJECTS.import_columns]
    assert list(reg.form.base_fields) == [*imported, "expected_version"]
    assert "status" not in reg.form.base_fields  # moves only through the lifecycle
    assert reg.form.base_fields["start_date"].widget.input_type == "date"

    mine = make_project(code="KIT-DECL-A")
    list_view = reg.viewset.as_view({"get": "list"})
    request = APIRequestFactory().get("/")
    force_authenticate(request, hq_a)
    rows = list_view(request).data
    rows = rows["results"] if isinstance(rows, dict) else rows
    row = next(r for r in rows if r["code"] == mine.code)
    assert (row["place"], row["aiding_party"], row["extra_places"]) == ("654021", "320000", [])
    request = APIRequestFactory().get("/")
    force_authenticate(request, hq_b)
    rows = list_view(request).data
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert mine.code not in {r["code"] for r in rows}  # the scope rule reads for the API too


def test_the_menu_leads_to_the_pages_not_to_the_api_and_hides_what_a_role_cannot_open(
    client_for, recipient, hq_a
):
    text = client_for(hq_a).get("/").content.decode()
    assert 'href="/places/"' in text and 'href="/organisations/parties/"' in text
    assert "/api/v1/places/" not in text
    recipient_menu = client_for(recipient).get("/").content.decode()
    assert 'href="/compliance/"' not in recipient_menu
    assert client_for(recipient).get("/compliance/").status_code == 403


def test_the_project_sort_menu_is_all_chinese(client_for, hq_a):
    text = client_for(hq_a).get("/projects/").content.decode()
    assert "(descending)" not in text and "降序" in text and "修改时间" in text
