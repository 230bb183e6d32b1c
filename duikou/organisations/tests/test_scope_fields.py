"""Fields that define someone's scope (an organisation's place, kind and aiding party) are
changed by administrators and coordinators only, on every path."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from duikou.organisations.models import Organisation
from duikou.organisations.tests.test_views import form_data
from duikou.places.models import Place
from duikou.projects.tests.factories import BEIJING, HOTAN_COUNTY, make_project, party, place

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def work_group() -> Organisation:
    return Organisation.objects.get(code="WG-320000-654021")


def test_an_hq_cannot_move_its_work_group_to_another_place_through_the_api(hq_a, wg_a):
    hidden = make_project(code="BJ-HIDDEN", aiding_party=party(BEIJING), place=place(HOTAN_COUNTY))
    group = work_group()
    response = api(hq_a).patch(
        f"/api/v1/organisations/{group.pk}/",
        {"place": "650000", "version": group.version},
        format="json",
    )
    assert response.status_code == 403
    assert "受援地" in response.json()["detail"]  # names the field, in the user's language
    assert work_group().place.code == "654021"
    assert not type(hidden).objects.visible_to(wg_a).filter(pk=hidden.pk).exists()


def test_an_hq_cannot_change_an_organisations_kind(hq_a, client_for):
    group = work_group()
    response = api(hq_a).patch(
        f"/api/v1/organisations/{group.pk}/",
        {"kind": "other", "version": group.version},
        format="json",
    )
    assert response.status_code == 403
    page = client_for(hq_a).post(f"/organisations/{group.pk}/edit/", form_data(group, kind="other"))
    assert page.status_code == 200
    assert work_group().kind == "work_group"


def test_an_hq_still_changes_the_other_fields_of_its_work_group(hq_a):
    group = work_group()
    response = api(hq_a).patch(
        f"/api/v1/organisations/{group.pk}/",
        {"note": "新一批干部已到岗", "version": group.version},
        format="json",
    )
    assert response.status_code == 200
    assert work_group().note == "新一批干部已到岗"


def test_a_recipient_edit_cannot_move_an_organisation_to_an_aiding_party(client_for, recipient):
    hospital = Organisation.objects.create(
        code="HOSP-654021-9", name="伊宁县人民医院", kind="hospital", place=place()
    )
    response = client_for(recipient).post(
        f"/organisations/{hospital.pk}/edit/", form_data(hospital, aiding_party=party().pk)
    )
    assert response.status_code == 200
    assert "超出本单位权限范围" in response.content.decode()
    assert Organisation.objects.get(pk=hospital.pk).aiding_party_id is None
    ok = client_for(recipient).post(
        f"/organisations/{hospital.pk}/edit/", form_data(hospital, name="伊宁县第一人民医院")
    )
    assert ok.status_code == 302


def test_a_coordinator_may_move_an_organisation(coordinator, client_for):
    group = work_group()
    response = api(coordinator).patch(
        f"/api/v1/organisations/{group.pk}/",
        {"place": "654002", "version": group.version},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert work_group().place.code == "654002"
    group = work_group()
    page = client_for(coordinator).post(
        f"/organisations/{group.pk}/edit/",
        form_data(group, place=Place.objects.get(code="654021").pk),
    )
    assert page.status_code == 302
    assert work_group().place.code == "654021"
