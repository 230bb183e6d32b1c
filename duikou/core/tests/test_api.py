"""REST API v1: token authentication, the same scoping as the pages, the schema."""

from __future__ import annotations

import re

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from duikou.organisations.models import Organisation
from duikou.pairings.models import Pairing

pytestmark = pytest.mark.django_db


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_places_can_be_listed_by_subtree_without_signing_in():
    data = api().get("/api/v1/places/?within=653100&level=county").json()
    assert data["count"] == 13
    assert {p["parent"] for p in data["results"]} == {"653100"}


def test_anonymous_callers_see_official_bodies_only():
    Organisation.objects.create(code="H", name="某医院", kind="hospital")
    codes = {o["code"] for o in api().get("/api/v1/organisations/?page_size=500").json()["results"]}
    assert "H" not in codes


def test_anonymous_callers_cannot_write():
    org = Organisation.objects.get(code="WG-320000-654021")
    response = api().patch(f"/api/v1/organisations/{org.pk}/", {"note": "x"}, format="json")
    assert response.status_code in (401, 403)


def test_a_token_of_one_party_cannot_change_another_partys_organisation(hq_a):
    beijing = Organisation.objects.get(code="HQ-110000")
    response = api(hq_a).patch(f"/api/v1/organisations/{beijing.pk}/", {"note": "x"}, format="json")
    assert response.status_code == 403
    assert Organisation.objects.get(pk=beijing.pk).note == ""


def test_a_token_may_change_its_own_partys_organisation(hq_a):
    group = Organisation.objects.get(code="WG-320000-654021")
    response = api(hq_a).patch(
        f"/api/v1/organisations/{group.pk}/",
        {"note": "更新", "version": group.version},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["version"] == group.version + 1


def test_creating_outside_ones_scope_is_refused_and_nothing_is_written(wg_a):
    response = api(wg_a).post(
        "/api/v1/organisations/",
        {
            "code": "NEW-1",
            "name": "x",
            "kind": "other",
            "aiding_party": "320000",
            "place": "653221",
        },
        format="json",
    )
    assert response.status_code == 403
    assert not Organisation.objects.filter(code="NEW-1").exists()


def test_a_stale_version_is_refused_with_400(hq_a):
    group = Organisation.objects.get(code="WG-320000-654021")
    response = api(hq_a).patch(
        f"/api/v1/organisations/{group.pk}/",
        {"note": "x", "version": group.version - 1 or 99},
        format="json",
    )
    assert response.status_code == 400 and "version" in response.json()


def test_pairings_are_changed_by_coordinators_not_headquarters(coordinator, hq_a):
    pairing = Pairing.objects.get(place__code="654021")
    url = f"/api/v1/pairings/{pairing.pk}/"
    version = pairing.version
    assert api(hq_a).patch(url, {"note": "x", "version": version}, format="json").status_code == 403
    response = api(coordinator).patch(url, {"note": "核实", "version": version}, format="json")
    assert response.status_code == 200
    bad = api(coordinator).patch(
        url, {"valid_to": "2001-01-01", "version": version + 1}, format="json"
    )
    assert bad.status_code == 400 and "valid_to" in bad.json()


def test_pairings_filter_by_party_and_place_subtree():
    data = api().get("/api/v1/pairings/?aiding_party=320000&within=654000").json()
    assert data["count"] == 11
    assert all(p["aiding_party"] == "320000" for p in data["results"])


def test_the_openapi_schema_and_docs_are_served_locally(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/pairings/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', docs)
    assert any("swagger-ui" in a for a in assets)
    assert all(a.startswith("/static/") for a in assets if not a.startswith("#")), assets
