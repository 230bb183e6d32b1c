"""Donations: one with neither cash nor in-kind value is refused on every path; pledges give
yearly entries; the seeds' money and goods read back from the pages."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from duikou.demo.generators import DemoContext
from duikou.donations.columns import import_donations
from duikou.donations.demo import make_donations
from duikou.donations.models import Donation, Pledge
from duikou.projects.tests.test_import import csv_file

pytestmark = pytest.mark.django_db

HEADER = [
    "code",
    "title",
    "purpose",
    "aiding_party",
    "donor_kind",
    "donor",
    "recipient_kind",
    "place",
    "given_on",
    "cash",
    "in_kind_value",
    "items",
    "item_count",
    "item_unit",
]


def row(cash="", in_kind=""):
    return [
        "JZ-IMP-1",
        "眼镜捐赠",
        "助学",
        "江苏省",
        "单位",
        "丹阳眼镜商会",
        "单位",
        "654021",
        "2025-05-01",
        cash,
        in_kind,
        "眼镜",
        "400",
        "副",
    ]


def api_donation(**over) -> dict:
    data = {
        "code": "API-JZ-1",
        "title": "助学金",
        "purpose": "schooling",
        "aiding_party": "320000",
        "donor_kind": "caring",
        "donor": "爱心人士",
        "donor_count": 20,
        "recipient_kind": "student",
        "place": "654021",
        "given_on": "2025-05-01",
        "people_helped": 20,
        "is_scholarship": True,
    }
    data.update(over)
    return data


def test_a_donation_with_neither_cash_nor_in_kind_value_is_refused_on_import(hq_a):
    result = import_donations("d.csv", csv_file(row(), header=HEADER), hq_a, commit=True)
    assert not result.ok and not Donation.objects.exists()
    assert "现金" in result.errors[0].reason or "cash" in result.errors[0].reason.lower()
    result = import_donations(
        "d.csv", csv_file(row(in_kind="20000"), header=HEADER), hq_a, commit=True
    )
    assert result.ok, result.errors
    assert Donation.objects.get().goods == "400副眼镜"


def test_a_donation_with_neither_cash_nor_in_kind_value_is_refused_on_the_api(api, hq_a):
    client = api(hq_a)
    response = client.post("/api/v1/donations/", api_donation(), format="json")
    assert response.status_code == 400 and "cash" in str(response.json())
    zero = client.post(
        "/api/v1/donations/", api_donation(cash="0", in_kind_value="0"), format="json"
    )
    assert zero.status_code == 400
    good = client.post("/api/v1/donations/", api_donation(cash="60000"), format="json")
    assert good.status_code == 201, good.content


def test_a_donation_with_neither_cash_nor_in_kind_value_is_refused_on_the_form(client_for, hq_a):
    from duikou.organisations.models import AidingParty
    from duikou.places.models import Place

    data = {
        "code": "F-JZ-1",
        "title": "帮困金",
        "purpose": "hardship",
        "aiding_party": AidingParty.objects.get(code="320000").pk,
        "donor_kind": "group",
        "donor": "爱心家庭",
        "recipient_kind": "household",
        "place": Place.objects.get(code="654021").pk,
        "given_on": "2025-05-01",
    }
    response = client_for(hq_a).post("/donations/new/", data)
    assert "cash" in response.context["form"].errors
    assert not Donation.objects.exists()


def test_a_pledge_records_one_entry_per_year_once(client_for, hq_a):
    from duikou.donations.pages import sample_pledge
    from duikou.organisations.models import AidingParty
    from duikou.places.models import Place

    pledge = sample_pledge(AidingParty.objects.get(code="320000"), Place.objects.get(code="654021"))
    client = client_for(hq_a)
    client.post(f"/donations/pledges/{pledge.pk}/instalments/")
    client.post(f"/donations/pledges/{pledge.pk}/instalments/")
    entries = pledge.instalments.order_by("year")
    assert [(d.year, d.cash) for d in entries] == [(2024, Decimal(300000)), (2025, Decimal(300000))]


def test_another_party_cannot_record_a_pledges_entries(client_for, hq_b):
    from duikou.donations.pages import sample_pledge
    from duikou.organisations.models import AidingParty
    from duikou.places.models import Place

    pledge = sample_pledge(AidingParty.objects.get(code="320000"), Place.objects.get(code="654021"))
    assert client_for(hq_b).post(f"/donations/pledges/{pledge.pk}/instalments/").status_code == 404
    assert not pledge.instalments.exists()


def test_the_seeds_donations_read_back_from_the_pages(client_for, coordinator):
    make_donations(DemoContext(scale="tiny", log=lambda m: None))
    client = client_for(coordinator)

    def page(code):
        return client.get(Donation.objects.get(code=code).get_absolute_url()).content.decode()

    glasses = page("JS-2017-ZJ-YJ")  # 捐赠30万元助学帮困金、400副眼镜
    assert re.search(r'data-testid="donation-cash">30\.00<', glasses)
    assert re.search(r'data-testid="donation-goods">400副眼镜<', glasses)
    uniforms = page("JS-2017-ZJG-XF")  # 31位江苏游客…校服等价值20万元
    assert re.search(r'data-testid="donation-in-kind">20\.00<', uniforms)
    assert "31 · 江苏游客" in uniforms
    jiangning = page("JS-2017-JN-280")  # 280户贫困家庭结对，累计捐助资金120万元
    assert re.search(r'data-testid="donation-cash">120\.00<', jiangning) and "280" in jiangning
    raised = page("JS-2017-WRBWH")  # 累计募集资金1000多万元
    cash = Decimal(
        re.search(r'data-testid="donation-cash">([\d,.]+)<', raised).group(1).replace(",", "")
    )
    assert 1000 < cash < 1100
    pledge = Pledge.objects.get(code="JS-CJC-30")  # 长江村每年援助30万元
    html = client.get(pledge.get_absolute_url()).content.decode()
    assert re.search(r'data-testid="pledge-amount">30\.00<', html)
    assert pledge.instalments.count() == 3
    figures = client.get("/donations/figures/", {"party": "江苏", "year": 2017, "half": 1})
    total = figures.content.decode().split('data-testid="donations-total"', 1)[1]
    cash_total = re.search(r'data-figure="cash">([\d,.]+)<', total).group(1)
    assert Decimal(cash_total.replace(",", "")) == Decimal("1230.00")  # 1020+120+60+30


def test_a_donation_goes_through_a_twinning_pair_on_the_api(api, hq_a):
    from duikou.organisations.models import AidingParty
    from duikou.places.models import Place
    from duikou.twinning.pages import sample_pair

    pair = sample_pair(AidingParty.objects.get(code="320000"), Place.objects.get(code="654021"))
    response = api(hq_a).post(
        "/api/v1/donations/", api_donation(cash="1200000", pair=pair.pk), format="json"
    )
    assert response.status_code == 201, response.content
    assert Donation.objects.get(code="API-JZ-1").pair == pair


def test_the_party_and_place_pages_show_this_years_money_donated(client_for, hq_a, recipient):
    import datetime as dt

    from duikou.organisations.models import AidingParty
    from duikou.places.models import Place

    jiangsu, county = AidingParty.objects.get(code="320000"), Place.objects.get(code="654021")
    Donation.objects.create(
        code="NOW-JZ-1",
        title="助学金",
        purpose="schooling",
        aiding_party=jiangsu,
        donor_kind="organisation",
        donor="爱心企业",
        recipient_kind="student",
        place=county,
        given_on=dt.date.today(),
        cash=Decimal(300000),
        in_kind_value=Decimal(50000),
    )
    for user, page in ((hq_a, jiangsu), (recipient, county)):
        html = client_for(user).get(page.get_absolute_url()).content.decode()
        panel = html.split('data-testid="donations-panel"', 1)[1]
        assert re.search(r'data-figure="total">35\.00<', panel)
