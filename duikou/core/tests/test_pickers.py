"""The picker endpoint: scoped on the server, short answers, anonymous only for public kinds."""

from __future__ import annotations

import pytest

from duikou.core import pickers
from duikou.organisations.models import Organisation
from duikou.places.models import Place

pytestmark = pytest.mark.django_db


def results(client, kind: str, **params) -> list[dict]:
    response = client.get(f"/pick/{kind}/", params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_an_anonymous_request_for_a_non_public_kind_is_refused(client):
    for kind in ("organisation", "project"):
        response = client.get(f"/pick/{kind}/", {"q": "伊宁"})
        assert response.status_code == 403
        assert "error" in response.json()


def test_an_anonymous_visitor_may_search_places_for_a_filter_but_not_for_a_form(client):
    assert [r["text"] for r in results(client, "place", q="伊宁县")] == ["伊宁县"]
    assert client.get("/pick/place/", {"for": "project.place"}).status_code == 403


def test_a_place_is_found_by_name_code_or_alias(client_for, hq_a):
    client = client_for(hq_a)
    assert results(client, "place", q="伊宁县")[0]["value"] == "654021"
    assert results(client, "place", q="654021")[0]["text"] == "伊宁县"
    Place.objects.filter(code="654021").update(alias="Yining")
    assert results(client, "place", q="yining")[0]["value"] == "654021"


def test_a_filter_picker_answers_codes_and_a_form_picker_answers_ids(client_for, hq_a):
    client = client_for(hq_a)
    yining = Place.objects.get(code="654021")
    assert results(client, "place", q="伊宁县")[0]["value"] == "654021"
    chosen = results(client, "place", q="伊宁县", **{"for": "project.place"})
    assert chosen[0] == {
        "value": str(yining.pk),
        "text": "伊宁县",
        "hint": "伊犁哈萨克自治州 · 654021",
    }


def test_an_answer_holds_at_most_twenty_results(client_for, coordinator):
    assert len(results(client_for(coordinator), "place")) == pickers.LIMIT


def test_an_unknown_kind_or_purpose_is_not_found(client_for, hq_a):
    client = client_for(hq_a)
    assert client.get("/pick/planet/").status_code == 404
    assert client.get("/pick/place/", {"for": "nonsense"}).status_code == 404


def test_an_organisation_picker_for_a_record_offers_own_party_first_and_no_other_party(
    client_for, hq_a
):
    Organisation.objects.create(code="LOCAL-SCHOOL", name="伊宁县第一中学", kind="school")
    found = results(client_for(hq_a), "organisation", **{"for": "record"})
    ids = [int(r["value"]) for r in found]
    parties = [Organisation.objects.get(pk=pk).aiding_party_id for pk in ids]
    jiangsu = Organisation.objects.get(code="WG-320000-654021").aiding_party_id
    assert parties and parties[0] == jiangsu
    assert set(parties) <= {jiangsu, None}


def test_a_headquarters_may_give_its_records_only_its_own_party(client_for, hq_a, coordinator):
    own = results(client_for(hq_a), "party", **{"for": "record"})
    assert [r["text"] for r in own] == ["江苏省"]
    assert len(results(client_for(coordinator), "party", **{"for": "record"})) > 1


def test_a_party_is_found_by_its_short_name(client):
    assert [r["value"] for r in results(client, "party", q="江苏")] == ["320000"]
