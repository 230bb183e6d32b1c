"""Every create, update and delete is attributed and kept, from one mechanism."""

from __future__ import annotations

import pytest

from duikou.core.context import acting_as
from duikou.core.history import history_for
from duikou.core.models import ChangeRecord
from duikou.organisations.models import Organisation
from duikou.places.models import Place

pytestmark = pytest.mark.django_db


def make_school(**extra) -> Organisation:
    return Organisation.objects.create(
        code="SCH-1",
        name="伊宁县第一中学",
        kind="school",
        place=Place.objects.get(code="654021"),
        **extra,
    )


def test_creating_a_record_records_who_when_and_the_values(hq_a):
    with acting_as(hq_a, "req-create-1"):
        school = make_school()
    record = history_for(school).get()
    assert record.action == "create"
    assert record.user == hq_a and record.user_name == "hq_jiangsu"
    assert record.request_id == "req-create-1"
    assert record.changes["name"] == [None, "伊宁县第一中学"]
    assert record.changes["place_id"][1] == Place.objects.get(code="654021").pk


def test_updating_records_only_the_fields_that_changed_with_before_and_after(recipient):
    school = make_school()
    with acting_as(recipient):
        school = Organisation.objects.get(pk=school.pk)
        school.name = "伊宁县第二中学"
        school.save()
    record = history_for(school).first()
    assert record.action == "update"
    assert record.changes == {"name": ["伊宁县第一中学", "伊宁县第二中学"]}


def test_saving_without_changes_records_nothing():
    school = make_school()
    before = ChangeRecord.objects.count()
    Organisation.objects.get(pk=school.pk).save()
    assert ChangeRecord.objects.count() == before


def test_deleting_records_the_last_values(admin_user):
    school = make_school()
    pk = school.pk
    with acting_as(admin_user):
        school.delete()
    record = ChangeRecord.objects.filter(object_id=str(pk), action="delete").get()
    assert record.changes["name"] == ["伊宁县第一中学", None]
    assert record.user == admin_user


def test_every_save_increases_the_version():
    school = make_school()
    assert school.version == 1
    school.note = "x"
    school.save()
    assert Organisation.objects.get(pk=school.pk).version == 2


def test_a_web_edit_is_attributed_to_the_signed_in_user_and_request(client_for, recipient):
    school = make_school()
    client = client_for(recipient)
    response = client.post(
        f"/organisations/{school.pk}/edit/",
        {
            "code": "SCH-1",
            "name": "新名称",
            "kind": "school",
            "place": school.place_id,
            "is_active": "on",
            "expected_version": school.version,
        },
        HTTP_X_REQUEST_ID="web-edit-42",
    )
    assert response.status_code == 302
    record = history_for(school).first()
    assert record.user == recipient and record.request_id == "web-edit-42"


def test_record_history_page_shows_before_and_after(client_for, admin_user):
    school = make_school()
    school.name = "改名后"
    school.save()
    page = client_for(admin_user).get(f"/organisations/{school.pk}/history/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "伊宁县第一中学" in text and "改名后" in text and "名称" in text


def test_global_change_log_is_for_coordinators_and_admins_only(client_for, coordinator, hq_a):
    make_school()
    assert client_for(coordinator).get("/changes/").status_code == 200
    assert (
        "伊宁县第一中学"
        in client_for(coordinator).get("/changes/?model=organisation").content.decode()
    )
    assert client_for(hq_a).get("/changes/").status_code == 403


def test_the_change_log_filters_by_user(client_for, coordinator, hq_a):
    with acting_as(hq_a):
        make_school()
    page = client_for(coordinator).get("/changes/?user=hq_jiangsu").content.decode()
    assert "伊宁县第一中学" in page
    page = client_for(coordinator).get("/changes/?user=nobody").content.decode()
    assert "伊宁县第一中学" not in page


def test_an_api_token_write_is_attributed_to_its_user(hq_a):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    from duikou.projects.tests.factories import make_project

    project = make_project()
    token = Token.objects.create(user=hq_a)
    response = APIClient().patch(
        f"/api/v1/projects/{project.pk}/",
        {"name": "伊宁县供水工程"},
        format="json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
        HTTP_X_REQUEST_ID="api-token-7",
    )
    assert response.status_code == 200, response.json()
    record = history_for(project).first()
    assert record.changes["name"][1] == "伊宁县供水工程"
    assert record.user == hq_a and record.user_name == "hq_jiangsu"
    assert record.request_id == "api-token-7"


def test_an_api_session_write_is_attributed_to_its_user(client_for, hq_a):
    from duikou.projects.tests.factories import make_project

    project = make_project()
    response = client_for(hq_a).patch(
        f"/api/v1/projects/{project.pk}/",
        {"name": "伊宁县供水工程"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert history_for(project).first().user == hq_a


def test_adding_a_further_place_is_one_change_with_the_places_before_and_after(hq_a, client_for):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    from duikou.projects.tests.factories import make_project, place

    project = make_project()
    project.extra_places.add(place("654002"))
    token = Token.objects.create(user=hq_a)
    response = APIClient().patch(
        f"/api/v1/projects/{project.pk}/",
        {"name": "两县供水工程", "extra_places": ["654002", "654024"]},
        format="json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code == 200, response.json()
    record = history_for(project).first()
    gongliu, yining_city = place("654024"), place("654002")
    assert record.action == "update" and record.user == hq_a
    assert record.changes["extra_places"] == [
        [yining_city.pk],
        sorted([yining_city.pk, gongliu.pk]),
    ]
    assert "name" in record.changes
    assert history_for(project).filter(request_id=record.request_id).count() == 1
    text = client_for(hq_a).get(f"/projects/{project.pk}/history/").content.decode()
    assert "巩留县" in text and "伊宁市" in text and "further places" not in text


def test_a_change_from_the_other_side_of_a_many_to_many_is_recorded_on_the_tracked_record(
    admin_user,
):
    from duikou.projects.tests.factories import make_project, place

    project = make_project()
    gongliu = place("654024")
    with acting_as(admin_user, "reverse-add-1"):
        gongliu.extra_projects.add(project)
    record = history_for(project).get(action="update")
    assert record.changes == {"extra_places": [[], [gongliu.pk]]}
    assert record.user == admin_user
    with acting_as(admin_user, "reverse-clear-1"):
        gongliu.extra_projects.clear()
    assert history_for(project).first().changes == {"extra_places": [[gongliu.pk], []]}
