"""Organisation pages: scoped lists, scoped edits, 404 for outsiders, 403 for read-only."""

from __future__ import annotations

import pytest

from duikou.organisations.models import Organisation
from duikou.places.models import Place

pytestmark = pytest.mark.django_db


def form_data(org: Organisation, **changes) -> dict:
    data = {
        "code": org.code,
        "name": org.name,
        "kind": org.kind,
        "aiding_party": org.aiding_party_id or "",
        "place": org.place_id or "",
        "parent": org.parent_id or "",
        "is_active": "on",
        "note": org.note,
        "expected_version": org.version,
    }
    data.update(changes)
    return data


def test_anonymous_visitors_are_sent_to_login_from_organisation_pages(client):
    assert client.get("/organisations/").status_code == 302
    org = Organisation.objects.get(code="HQ-320000")
    assert client.get(f"/organisations/{org.pk}/").status_code == 302


def test_hq_edits_its_own_work_group(client_for, hq_a):
    group = Organisation.objects.get(code="WG-320000-654021")
    response = client_for(hq_a).post(
        f"/organisations/{group.pk}/edit/", form_data(group, note="新一批干部已到岗")
    )
    assert response.status_code == 302
    assert Organisation.objects.get(pk=group.pk).note == "新一批干部已到岗"


def test_work_group_cannot_change_another_partys_organisation(client_for, wg_a):
    beijing = Organisation.objects.get(code="WG-110000-653221")
    client = client_for(wg_a)
    assert client.get(f"/organisations/{beijing.pk}/edit/").status_code == 403
    response = client.post(f"/organisations/{beijing.pk}/edit/", form_data(beijing, name="x"))
    assert response.status_code == 403
    assert Organisation.objects.get(pk=beijing.pk).name != "x"


def test_work_group_cannot_move_its_record_out_of_its_county(client_for, wg_a):
    group = Organisation.objects.get(code="WG-320000-654021")
    elsewhere = Place.objects.get(code="654002")
    response = client_for(wg_a).post(
        f"/organisations/{group.pk}/edit/", form_data(group, place=elsewhere.pk)
    )
    assert response.status_code == 200
    assert "超出本单位权限范围" in response.content.decode()
    assert Organisation.objects.get(pk=group.pk).place.code == "654021"


def test_recipient_adds_a_hospital_in_its_county_but_not_elsewhere(client_for, recipient):
    client = client_for(recipient)
    data = {
        "code": "HOSP-1",
        "name": "伊宁县中医医院",
        "kind": "hospital",
        "place": Place.objects.get(code="654021").pk,
        "is_active": "on",
    }
    assert client.post("/organisations/new/", data).status_code == 302
    data.update(code="HOSP-2", place=Place.objects.get(code="653221").pk)
    response = client.post("/organisations/new/", data)
    assert response.status_code == 200
    assert not Organisation.objects.filter(code="HOSP-2").exists()


def test_the_coordination_office_maintains_organisations(client_for, coordinator):
    client = client_for(coordinator)
    assert client.get("/organisations/").status_code == 200
    assert client.get("/organisations/new/").status_code == 200


def test_organisation_list_filters_by_place_subtree_and_kind(client_for, hq_a):
    text = client_for(hq_a).get("/organisations/?place=654000&kind=work_group").content.decode()
    assert "江苏援疆伊宁县工作组" in text and "北京援疆和田县工作组" not in text


def test_organisation_list_query_count_is_bounded(client_for, hq_a, django_assert_max_num_queries):
    client = client_for(hq_a)
    with django_assert_max_num_queries(10):
        client.get("/organisations/?kind=work_group")
