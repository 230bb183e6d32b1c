"""The project form's pickers: a work group is offered its own county, and only what it may
choose; a crafted POST outside that is refused; the list filters accept names."""

from __future__ import annotations

import pytest

from duikou.organisations.models import Organisation
from duikou.pairings.models import Pairing
from duikou.places.models import Place
from duikou.projects.forms import ProjectForm
from duikou.projects.models import Project
from duikou.projects.tests.factories import (
    BEIJING,
    HOTAN_COUNTY,
    YINING_COUNTY,
    category,
    make_project,
    party,
    place,
)

pytestmark = pytest.mark.django_db


def picked(client, kind: str, purpose: str, q: str = "") -> list[dict]:
    response = client.get(f"/pick/{kind}/", {"for": purpose, "q": q})
    assert response.status_code == 200
    return response.json()["results"]


def new_project(**changes) -> dict:
    data = {
        "code": "PK-1",
        "name": "伊宁县幼儿园",
        "aiding_party": party().pk,
        "place": place().pk,
        "category": category().pk,
        "plan_year": 2025,
        "budget_aid": "1000000",
        "budget_local": "0",
        "budget_social": "0",
        "budget_enterprise": "0",
    }
    data.update(changes)
    return data


def test_a_work_groups_place_picker_offers_only_its_own_county_subtree(client_for, wg_a):
    county = place(YINING_COUNTY)
    Place.objects.create(code="654021100", name="吉里于孜镇", level="township", parent=county)
    found = picked(client_for(wg_a), "place", "project.place")
    chosen = Place.objects.filter(pk__in=[int(r["value"]) for r in found])
    assert found[0]["text"] == "伊宁县"
    assert {p.code for p in chosen} == {YINING_COUNTY, "654021100"}
    assert picked(client_for(wg_a), "place", "project.place", q="和田") == []


def test_a_headquarters_place_picker_offers_its_partys_paired_places_first(client_for, hq_a):
    paired = [p.place.path for p in Pairing.objects.current().filter(aiding_party=party())]
    found = picked(client_for(hq_a), "place", "project.place")
    first = Place.objects.get(pk=int(found[0]["value"]))
    assert any(first.path.startswith(path) for path in paired)
    assert picked(client_for(hq_a), "place", "project.place", q="和田县")  # others follow


def test_a_crafted_post_with_a_place_outside_the_work_groups_county_is_refused(client_for, wg_a):
    response = client_for(wg_a).post("/projects/new/", new_project(place=place(HOTAN_COUNTY).pk))
    assert response.status_code == 200
    assert "该地点超出本单位权限范围" in response.content.decode()
    assert not Project.objects.filter(code="PK-1").exists()


def test_a_crafted_post_with_another_partys_organisation_is_refused(client_for, hq_a):
    beijing_group = Organisation.objects.get(code="WG-110000-653221")
    response = client_for(hq_a).post(
        "/projects/new/", new_project(implementing_organisation=beijing_group.pk)
    )
    assert response.status_code == 200
    assert "该单位超出本单位权限范围" in response.content.decode()
    assert not Project.objects.filter(code="PK-1").exists()


def test_a_crafted_post_with_another_party_is_refused_on_the_field(client_for, hq_a):
    response = client_for(hq_a).post("/projects/new/", new_project(aiding_party=party(BEIJING).pk))
    assert "该援助方超出本单位权限范围" in response.content.decode()
    assert not Project.objects.filter(code="PK-1").exists()


def test_a_work_group_creates_a_project_in_its_county_through_the_pickers(client_for, wg_a):
    response = client_for(wg_a).post("/projects/new/", new_project())
    assert response.status_code == 302
    assert Project.objects.get(code="PK-1").place.code == YINING_COUNTY


def test_the_form_renders_only_the_chosen_place_not_every_place(hq_a):
    project = make_project()
    html = str(ProjectForm(instance=project, user=hq_a)["place"])
    assert 'data-picker="/pick/place/?for=project.place"' in html
    assert html.count("<option") == 1 and "伊宁县" in html


def test_keeping_a_value_set_by_someone_else_is_not_choosing_it(client_for, hq_a):
    beijing_group = Organisation.objects.get(code="WG-110000-653221")
    project = make_project()
    Project.objects.filter(pk=project.pk).update(implementing_organisation=beijing_group)
    form = ProjectForm(instance=Project.objects.get(pk=project.pk), user=hq_a)
    assert beijing_group in form.fields["implementing_organisation"].queryset


def test_the_form_without_a_user_keeps_every_choice_for_the_import(hq_a):
    # 和田县 is no place a Jiangsu work group may choose; as marked cross-pairing work the
    # import may still name it, and the import's own scope checks decide.
    form = ProjectForm(new_project(place=place(HOTAN_COUNTY).pk, is_cross_pairing="on"))
    assert form.is_valid(), form.errors


def test_the_project_list_filters_by_place_name_and_party_short_name(client_for, hq_a):
    make_project(code="PK-YINING")
    make_project(code="PK-HOTAN", place=place(HOTAN_COUNTY))
    client = client_for(hq_a)
    codes = lambda r: {p.code for p in r.context["object_list"]}  # noqa: E731
    assert codes(client.get("/projects/?place=伊宁县")) >= {"PK-YINING"}
    assert "PK-HOTAN" not in codes(client.get("/projects/?place=伊宁县"))
    assert "PK-YINING" in codes(client.get("/projects/?place=伊犁哈萨克自治州"))
    assert "PK-YINING" in codes(client.get("/projects/?party=江苏"))
    assert codes(client.get("/projects/?place=没有这个地方")) == set()


def test_the_api_filters_projects_by_place_name(client_for, hq_a):
    make_project(code="PK-API")
    data = client_for(hq_a).get("/api/v1/projects/", {"place": "伊宁县"}).json()
    rows = data["results"] if isinstance(data, dict) else data
    assert "PK-API" in {row["code"] for row in rows}


def test_a_work_groups_new_project_form_has_its_own_party_chosen(wg_a):
    form = ProjectForm(user=wg_a)
    assert form.initial["aiding_party"] == party().pk
    assert list(form.fields["aiding_party"].queryset) == [party()]
