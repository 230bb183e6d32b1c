"""The monthly summary equals a GROUP BY of the entries after every kind of write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from duikou.consumer import summary
from duikou.consumer.columns import import_sales
from duikou.consumer.models import SalesEntry, SalesMonth
from duikou.consumer.tests.factories import make_channel, make_sale

pytestmark = pytest.mark.django_db


def cells() -> set[tuple]:
    return set(
        SalesMonth.objects.values_list("channel_id", "category", "month", "entries", "amount")
    )


def grouped() -> set[tuple]:
    rows = (
        SalesEntry.objects.annotate(month=TruncMonth("period_end"))
        .values("channel_id", "category", "month")
        .annotate(n=Count("id"), total=Sum("amount"))
        .values_list("channel_id", "category", "month", "n", "total")
        .order_by()
    )
    return set(rows)


def test_the_summary_follows_a_sale_saved_moved_to_another_month_and_deleted():
    channel = make_channel()
    sale = make_sale(channel, (2024, 5), amount=Decimal(1000))
    make_sale(channel, (2024, 5), amount=Decimal(500), category="meat")
    assert cells() == grouped()
    sale.period_start, sale.period_end = dt.date(2024, 6, 1), dt.date(2024, 6, 30)
    sale.save()
    assert cells() == grouped()
    assert not SalesMonth.objects.filter(month=dt.date(2024, 5, 1), category="dried_fruit")
    sale.delete()
    assert cells() == grouped() == {(channel.pk, "meat", dt.date(2024, 5, 1), 1, Decimal(500))}


def test_the_summary_follows_a_sale_moved_to_another_channel_through_the_api(api, hq_a):
    first, second = make_channel(), make_channel()
    sale = make_sale(first)
    response = api(hq_a).patch(
        f"/api/v1/consumer/sales/{sale.pk}/",
        {"channel": second.code, "version": sale.version},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert cells() == grouped()
    assert set(SalesMonth.objects.values_list("channel_id", flat=True)) == {second.pk}


def test_the_summary_follows_an_import_and_a_delete_on_the_page(hq_a, client_for):
    channel = make_channel()
    rows = [
        f"{channel.code},2024-0{m},2024-0{m}-01,2024-0{m}-28,dried_fruit,1.5,t,{m * 1000}"
        for m in (1, 2, 3)
    ]
    content = (
        "channel,note,period_start,period_end,category,volume,unit,amount\n" + "\n".join(rows)
    ).encode()
    result = import_sales("sales.csv", content, hq_a, commit=True)
    assert result.written, [str(e) for e in result.errors]
    assert len(cells()) == 3 and cells() == grouped()
    sale = SalesEntry.objects.get(period_end=dt.date(2024, 2, 28))
    response = client_for(hq_a).post(f"/consumer/sales/{sale.pk}/delete/")
    assert response.status_code == 302
    assert cells() == grouped() and len(cells()) == 2


def test_a_monthly_sheet_imported_twice_counts_once(hq_a):
    channel = make_channel()
    content = (
        "channel,period_start,period_end,category,volume,unit,amount\n"
        f"{channel.code},2024-05-01,2024-05-31,meat,2,t,50000\n"
        f"{channel.code},2024-05-01,2024-05-31,dried_fruit,800,kg,30000\n"
    ).encode()
    assert import_sales("s.csv", content, hq_a, commit=True).written
    again = import_sales("s.csv", content, hq_a, commit=True)
    assert again.counts()["unchanged"] == 2
    assert SalesEntry.objects.count() == 2
    cell = SalesMonth.objects.aggregate(amount=Sum("amount"), tonnes=Sum("tonnes"))
    assert cell["amount"] == Decimal(80000)
    assert cell["tonnes"] == Decimal("2.8")


def test_a_channel_moved_to_another_party_takes_its_figures_with_it():
    from duikou.organisations.models import AidingParty

    channel = make_channel()
    make_sale(channel)
    channel.aiding_party = AidingParty.objects.get(code="110000")
    channel.save()
    assert set(SalesMonth.objects.values_list("aiding_party__code", flat=True)) == {"110000"}


def test_a_rebuild_gives_the_same_cells_as_the_writes_did():
    channel = make_channel()
    for m in range(1, 5):
        make_sale(channel, (2023, m), unit="kg", volume=Decimal(1500))
    before = set(SalesMonth.objects.values_list("channel_id", "category", "month", "tonnes"))
    summary.rebuild()
    after = set(SalesMonth.objects.values_list("channel_id", "category", "month", "tonnes"))
    assert before == after and {t for *_k, t in after} == {Decimal("1.5")}
