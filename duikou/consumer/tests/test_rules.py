"""Bad sales entries are refused with a clear message on the form, the API and the import."""

from __future__ import annotations

import pytest
from django.utils.translation import gettext as _

from duikou.consumer.columns import import_sales
from duikou.consumer.models import SalesEntry
from duikou.consumer.tests.factories import make_channel, make_supplier

pytestmark = pytest.mark.django_db

VOLUME_NO_UNIT = "A volume needs its unit (tonnes, kilograms, pieces or boxes)."
NEGATIVE = "A sales amount cannot be negative."
BACKWARDS = "The period cannot end before it starts."

GOOD = {
    "category": "dried_fruit",
    "period_start": "2024-05-01",
    "period_end": "2024-05-31",
    "volume": "3",
    "unit": "t",
    "amount": "120000",
}
BAD = [
    ({"unit": ""}, "unit", VOLUME_NO_UNIT),
    ({"amount": "-5"}, "amount", NEGATIVE),
    ({"period_end": "2024-04-30"}, "period_end", BACKWARDS),
]
HEADER = ["channel", "period_start", "period_end", "category", "volume", "unit", "amount"]


@pytest.fixture
def channel():
    return make_channel()


@pytest.mark.parametrize(("change", "field", "message"), BAD, ids=[f for _c, f, _m in BAD])
def test_a_bad_sales_entry_is_refused_on_the_form(
    client_for, hq_a, channel, change, field, message
):
    data = {**GOOD, "channel": channel.pk, **change}
    response = client_for(hq_a).post("/consumer/sales/new/", data)
    assert response.status_code == 200
    assert _(message) in response.content.decode()
    assert not SalesEntry.objects.exists()


def test_the_refusal_of_a_volume_without_unit_is_in_chinese(client_for, hq_a, channel):
    data = {**GOOD, "channel": channel.pk, "unit": ""}
    response = client_for(hq_a).post("/consumer/sales/new/", data)
    assert "填写了销量就必须填写单位（吨、公斤、件或箱）。" in response.content.decode()


@pytest.mark.parametrize(("change", "field", "message"), BAD, ids=[f for _c, f, _m in BAD])
def test_a_bad_sales_entry_is_refused_on_the_api(api, hq_a, channel, change, field, message):
    data = {**GOOD, "channel": channel.code, **change}
    response = api(hq_a).post("/api/v1/consumer/sales/", data, format="json")
    assert response.status_code == 400, response.content
    assert _(message) in str(response.json())
    assert not SalesEntry.objects.exists()


@pytest.mark.parametrize(("change", "field", "message"), BAD, ids=[f for _c, f, _m in BAD])
def test_a_bad_sales_entry_is_refused_on_import_with_its_row_and_column(
    hq_a, channel, change, field, message
):
    good = {**GOOD, "channel": channel.code}
    bad = {**good, **change}
    content = "\n".join(
        [",".join(HEADER), *(",".join(row[h] for h in HEADER) for row in (good, bad))]
    ).encode()
    result = import_sales("sales.csv", content, hq_a, commit=True)
    assert not result.written
    assert [(e.row, e.reason) for e in result.errors] == [(3, _(message))]
    letter = "ABCDEFG"[HEADER.index(field)]
    assert result.errors[0].column.endswith(f"（{letter}）")  # 单位（F）: label and letter
    assert not SalesEntry.objects.exists()


def test_a_supplier_from_the_aiding_side_is_refused(api, hq_a, channel):
    from duikou.organisations.models import Organisation

    hq = Organisation.objects.get(code="HQ-320000")
    response = api(hq_a).post(
        "/api/v1/consumer/sales/",
        {**GOOD, "channel": channel.code, "supplier": hq.code},
        format="json",
    )
    assert response.status_code == 400
    assert "supplier" in response.json().get("fields", response.json())


def test_a_unit_without_a_volume_is_refused(api, hq_a, channel):
    response = api(hq_a).post(
        "/api/v1/consumer/sales/",
        {**GOOD, "channel": channel.code, "volume": None, "unit": "t"},
        format="json",
    )
    assert response.status_code == 400
    assert _("A unit is given but no volume.") in str(response.json())


def test_a_local_supplier_and_a_volume_in_boxes_are_accepted(api, hq_a, channel):
    supplier = make_supplier()
    response = api(hq_a).post(
        "/api/v1/consumer/sales/",
        {**GOOD, "channel": channel.code, "supplier": supplier.code, "unit": "box"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert SalesEntry.objects.get().supplier == supplier


def test_a_channel_closing_before_it_opens_is_refused(api, hq_a):
    response = api(hq_a).post(
        "/api/v1/consumer/channels/",
        {
            "code": "X-1",
            "name": "x",
            "kind": "hall",
            "aiding_party": "320000",
            "opened_on": "2024-05-01",
            "closed_on": "2024-01-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert _("A channel cannot close before it opens.") in str(response.json())


def test_another_partys_channel_cannot_take_sales(api, hq_b, channel):
    response = api(hq_b).post(
        "/api/v1/consumer/sales/", {**GOOD, "channel": channel.code}, format="json"
    )
    assert response.status_code in (400, 403, 404)
    assert not SalesEntry.objects.exists()


def test_a_supplier_cannot_become_an_aiding_side_organisation(api, coordinator, channel):
    from duikou.consumer.tests.factories import make_sale

    supplier = make_supplier()
    make_sale(channel, supplier=supplier)
    response = api(coordinator).patch(
        f"/api/v1/organisations/{supplier.pk}/",
        {"aiding_party": "320000", "version": supplier.version},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert _(
        "This organisation supplies consumer-aid products: it stays an organisation "
        "of the recipient area, with a place and no aiding party."
    ) in str(response.json())
