"""全域协作: the 山东 → 巴楚 lead (巴楚 is paired with 上海) is credited to both parties, shown
in both parties' views marked 跨结对 with the other party named, and counted once in national
and place totals."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duikou.investment.models import Lead
from duikou.investment.services import cross_pairing_table, funnel, funnel_by_party_year
from duikou.investment.tests.factories import BACHU, SHANDONG, SHANGHAI, party, place

pytestmark = pytest.mark.django_db


@pytest.fixture
def titanium(investment_demo):
    return Lead.objects.get(code="SD-2023-TB01")


def test_the_titanium_lead_carries_its_broker_and_the_party_paired_with_bachu(titanium):
    assert titanium.place.code == BACHU
    assert titanium.aiding_party.code == SHANDONG
    assert titanium.paired_party.code == SHANGHAI
    assert titanium.is_cross_pairing


def test_both_parties_see_the_lead_on_their_party_page_marked_cross_pairing(
    titanium, client_for, hq_shandong, hq_shanghai
):
    shandong = client_for(hq_shandong).get(party(SHANDONG).get_absolute_url()).content.decode()
    assert titanium.name in shandong
    assert "跨结对" in shandong and "落地在与上海市结对的地点" in shandong
    shanghai = client_for(hq_shanghai).get(party(SHANGHAI).get_absolute_url()).content.decode()
    assert titanium.name in shanghai
    assert "跨结对" in shanghai and "由山东省促成" in shanghai


def test_the_paired_party_reads_the_lead_but_only_the_broker_changes_it(
    titanium, client_for, hq_shandong, hq_shanghai, hq_a
):
    assert client_for(hq_shanghai).get(titanium.get_absolute_url()).status_code == 200
    assert (
        client_for(hq_shanghai).get(reverse("investment:edit", args=[titanium.pk])).status_code
        == 403
    )
    assert (
        client_for(hq_shandong).get(reverse("investment:edit", args=[titanium.pk])).status_code
        == 200
    )
    assert client_for(hq_a).get(titanium.get_absolute_url()).status_code == 404


def test_the_paired_partys_lead_list_opens_with_the_cross_pairing_lead(
    titanium, client_for, hq_shanghai
):
    page = client_for(hq_shanghai).get(reverse("investment:list")).content.decode()
    assert titanium.name in page


def test_the_lead_is_in_both_parties_funnels_and_once_in_the_national_total(titanium):
    leads = Lead.objects.filter(year=2023)
    by_party = funnel_by_party_year(leads)
    shandong = by_party[(party(SHANDONG).pk, 2023)]
    shanghai = by_party[(party(SHANGHAI).pk, 2023)]
    assert shandong.stage("signed").reached >= 1 and shanghai.stage("signed").reached >= 1
    national = funnel(leads)
    assert national.total == leads.count()
    assert sum(f.total for f in by_party.values()) > national.total  # credited twice, counted once
    bachu = funnel(leads.filter(place=place(BACHU)))
    assert bachu.total == 1 and bachu.stage("signed").reached_amount == titanium.signed_amount


def test_the_funnel_page_counts_the_lead_once_nationally_and_in_each_partys_row(
    titanium, client_for, coordinator
):
    client = client_for(coordinator)
    page = client.get(reverse("investment:funnel"), {"year": 2023}).content.decode()
    assert f'data-testid="party-{SHANDONG}"' in page and f'data-testid="party-{SHANGHAI}"' in page
    national = client.get(reverse("investment:funnel"), {"place": BACHU}).content.decode()
    assert 'data-testid="funnel-reached-talks">1<' in national
    for code in (SHANDONG, SHANGHAI):
        listed = client.get(reverse("investment:list"), {"party": code, "year": 2023})
        assert titanium.name in listed.content.decode()


def test_the_cross_pairing_table_names_the_other_party_on_both_sides(
    titanium, client_for, coordinator
):
    rows = {r.party.code: r for r in cross_pairing_table(Lead.objects.all())}
    assert rows[SHANDONG].brokered >= 1 and "上海" in rows[SHANDONG].partners
    assert rows[SHANGHAI].hosted >= 1 and "山东" in rows[SHANGHAI].partners
    page = client_for(coordinator).get(reverse("investment:cross_pairing")).content.decode()
    assert 'data-testid="cross-370000"' in page and titanium.name in page


def test_cross_pairing_work_leaves_the_two_80_percent_rule_as_it_was(titanium, coordinator):
    from duikou.funds.compliance import compliance

    before = compliance(coordinator, party_id=party(SHANDONG).pk)
    Lead.objects.filter(pk=titanium.pk).update(signed_amount=titanium.signed_amount * 2)
    assert compliance(coordinator, party_id=party(SHANDONG).pk) == before


def test_the_place_page_of_bachu_counts_the_lead_once_and_names_both_parties(
    titanium, client_for, coordinator
):
    page = client_for(coordinator).get(place(BACHU).get_absolute_url()).content.decode()
    assert 'data-testid="place-investment"' in page
    assert 'data-testid="funnel-reached-talks">1<' in page
    assert titanium.name in page and "山东省" in page and "上海市" in page
