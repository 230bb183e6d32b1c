"""The pairing overview, pairing pages and who may change pairings."""

from __future__ import annotations

import pytest

from duikou.core.history import history_for
from duikou.pairings.models import Pairing

pytestmark = pytest.mark.django_db


def yining_pairing() -> Pairing:
    return Pairing.objects.get(place__code="654021")


def test_overview_shows_the_map_and_the_table_in_chinese(client_for, hq_a):
    text = client_for(hq_a).get("/pairings/").content.decode()
    assert "对口关系总览" in text
    assert 'data-testid="pairing-map"' in text
    assert "江苏省" in text and "伊宁县" in text
    # Corps divisions sit directly under the region; they are grouped by their kind from the
    # reference data, not by a region name written into the code.
    assert "兵团师市" in text
    assert "pairing-data" in text  # the map's data, embedded as JSON


def test_overview_table_filters_by_party_for_htmx(client_for, hq_a):
    response = client_for(hq_a).get("/pairings/?party=110000", HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert "<html" not in text  # a fragment for htmx to swap in
    assert "和田县" in text and "伊宁县" not in text


def test_overview_query_count_does_not_grow_with_the_table(
    client_for, hq_a, django_assert_max_num_queries
):
    client = client_for(hq_a)
    with django_assert_max_num_queries(8):
        client.get("/pairings/")


def test_the_public_sees_the_overview_but_no_edit_link(client):
    text = client.get("/pairings/").content.decode()
    assert "对口关系总览" in text and "新建对口关系" not in text


def test_the_map_geometry_covers_the_region_with_current_codes(client):
    response = client.get("/places/map/county.geojson")
    features = response.json()["features"]
    codes = {f["properties"]["code"] for f in features}
    assert len(features) >= 100
    assert all(code.startswith("65") for code in codes)
    assert {"652902", "654203", "659010", "659012"} <= codes  # 库车市, 沙湾市, 胡杨河市, 白杨市
    assert client.get("/places/map/planet.geojson").status_code == 404


def test_coordinator_edits_a_pairing_and_history_keeps_the_old_period(client_for, coordinator):
    pairing = yining_pairing()
    response = client_for(coordinator).post(
        f"/pairings/{pairing.pk}/edit/",
        {
            "aiding_party": pairing.aiding_party_id,
            "place": pairing.place_id,
            "valid_from": "2010-01-01",
            "valid_to": "2030-12-31",
            "verification": "x",
            "expected_version": pairing.version,
        },
    )
    assert response.status_code == 302
    record = history_for(pairing).first()
    assert record.user == coordinator and record.changes["valid_to"] == [None, "2030-12-31"]


def test_headquarters_may_not_edit_pairings(client_for, hq_a):
    pairing = yining_pairing()
    client = client_for(hq_a)
    assert client.get(f"/pairings/{pairing.pk}/edit/").status_code == 403
    assert client.get("/pairings/new/").status_code == 403


def test_a_period_that_ends_before_it_starts_is_refused(client_for, coordinator):
    pairing = yining_pairing()
    response = client_for(coordinator).post(
        f"/pairings/{pairing.pk}/edit/",
        {
            "aiding_party": pairing.aiding_party_id,
            "place": pairing.place_id,
            "valid_from": "2010-01-01",
            "valid_to": "2009-12-31",
            "expected_version": pairing.version,
        },
    )
    assert response.status_code == 200
    assert "终止日期早于起始日期" in response.content.decode()
    assert Pairing.objects.get(pk=pairing.pk).valid_to is None


def test_a_stale_edit_is_refused_and_the_newer_version_kept(client_for, coordinator):
    pairing = yining_pairing()
    stale_version = pairing.version
    pairing.note = "edited meanwhile"
    pairing.save()
    response = client_for(coordinator).post(
        f"/pairings/{pairing.pk}/edit/",
        {
            "aiding_party": pairing.aiding_party_id,
            "place": pairing.place_id,
            "valid_from": "2010-01-01",
            "note": "my edit",
            "expected_version": stale_version,
        },
    )
    assert response.status_code == 200
    assert "已被他人修改" in response.content.decode()
    assert Pairing.objects.get(pk=pairing.pk).note == "edited meanwhile"


def test_place_page_shows_the_aiding_party_and_work_group(client):
    text = client.get("/places/654021/").content.decode()
    assert "江苏省" in text and "江苏援疆伊宁县工作组" in text


def test_prefecture_page_lists_the_pairings_of_its_counties(client):
    text = client.get("/places/653100/").content.decode()
    for party in ("深圳市", "广东省", "上海市", "山东省"):
        assert party in text


def test_party_page_lists_its_places_and_headquarters(client):
    text = client.get("/organisations/parties/320000/").content.decode()
    assert "伊宁县" in text and "第四师" in text and "前方指挥部" in text


def test_unknown_place_is_a_chinese_404(client):
    response = client.get("/places/999999/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()
