"""Organisation, pairing and fund-plan forms and filters use the scoped pickers and names."""

from __future__ import annotations

import pytest

from duikou.core.pickers import LIMIT
from duikou.funds.models import FundPlan
from duikou.organisations.models import AidingParty, Organisation
from duikou.organisations.tests.test_views import form_data
from duikou.places.models import Place
from duikou.projects.tests.factories import BEIJING, JIANGSU, make_plan

pytestmark = pytest.mark.django_db


def test_a_crafted_post_giving_an_organisation_another_partys_parent_is_refused(client_for, hq_a):
    group = Organisation.objects.get(code="WG-320000-654021")
    beijing_hq = Organisation.objects.filter(aiding_party__code=BEIJING, kind="hq").first()
    response = client_for(hq_a).post(
        f"/organisations/{group.pk}/edit/", form_data(group, parent=beijing_hq.pk)
    )
    assert response.status_code == 200
    assert "该单位超出本单位权限范围" in response.content.decode()
    assert Organisation.objects.get(pk=group.pk).parent_id != beijing_hq.pk


def test_the_organisation_list_filters_by_place_name_and_party_short_name(client_for, hq_a):
    client = client_for(hq_a)

    def found(query: str) -> set[str]:
        listed = client.get(f"/organisations/?{query}").context["object_list"]
        return {o.code for o in listed}

    assert "WG-320000-654021" in found("place=伊宁县&kind=work_group")
    assert "WG-110000-653221" not in found("place=伊宁县&kind=work_group")
    assert found("party=江苏&kind=work_group") == found(f"party={JIANGSU}&kind=work_group")
    assert "WG-110000-653221" not in found("party=江苏")


def test_the_organisation_api_keeps_the_old_aiding_party_filter(client_for, hq_a):
    jiangsu = AidingParty.objects.get(code=JIANGSU)
    client = client_for(hq_a)
    old = client.get("/api/v1/organisations/", {"aiding_party": jiangsu.pk}).json()
    new = client.get("/api/v1/organisations/", {"party": "江苏"}).json()
    rows = lambda data: {r["code"] for r in (data["results"] if isinstance(data, dict) else data)}  # noqa: E731
    assert rows(old) == rows(new) and "WG-320000-654021" in rows(new)


def test_the_pairing_api_filters_by_party_name_and_place_name(client_for, hq_a):
    data = client_for(hq_a).get("/api/v1/pairings/", {"party": "江苏", "place": "伊犁哈萨克自治州"})
    rows = data.json()["results"] if isinstance(data.json(), dict) else data.json()
    assert rows and {r["aiding_party"] for r in rows} == {JIANGSU}
    yining = Place.objects.get(code="654021")
    assert yining.code in {r["place"] for r in rows}


def test_the_fund_plan_list_filters_by_party_short_name(client_for, coordinator):
    make_plan(JIANGSU, year=2031)
    make_plan(BEIJING, year=2031)
    listed = client_for(coordinator).get("/funds/?party=江苏&year=2031").context["object_list"]
    assert {p.aiding_party.code for p in listed} == {JIANGSU}
    assert FundPlan.objects.filter(year=2031).count() == 2


def test_the_pairing_form_offers_a_coordinator_every_party(client_for, coordinator):
    found = client_for(coordinator).get("/pick/party/", {"for": "pairing"}).json()["results"]
    assert len(found) == min(AidingParty.objects.count(), LIMIT)
