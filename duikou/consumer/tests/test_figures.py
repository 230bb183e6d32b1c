"""The 山东大仓 and 广东 figures come out of the platform's pages from the demo records."""

from __future__ import annotations

import re

import pytest

from duikou.consumer.demo import make_consumer_aid
from duikou.consumer.models import Channel
from duikou.consumer.tests.factories import make_channel, make_sale
from duikou.demo.generators import DemoContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    make_consumer_aid(DemoContext(scale="tiny", log=lambda m: None))


def figure(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}">([^<]*)<', html)
    assert match, testid
    return match.group(1).strip()


def test_the_overview_shows_the_shandong_warehouse_figures_from_the_records(
    demo, client_for, coordinator
):
    html = client_for(coordinator).get("/consumer/?party=山东").content.decode()
    assert figure(html, "total-channels") == "5"
    assert figure(html, "total-suppliers") == "62"  # 60多家喀什企业
    assert figure(html, "total-kinds") == "412"  # 400余种
    assert figure(html, "total-tonnes") == "1.40"  # 1.4万吨
    assert figure(html, "total-amount") == "4.40"  # 4.4亿元
    # 力争2020年底销售额突破10亿元: 4.4 of 10 亿元 so far.
    assert figure(html, "progress-percent") == "44.0%"
    assert "山东大仓·济南" in html and "山东大仓·东营" in html


def test_the_shandong_party_page_shows_its_consumer_aid(demo, client_for, coordinator):
    html = client_for(coordinator).get("/organisations/parties/370000/").content.decode()
    assert 'data-testid="party-consumer-aid"' in html
    assert figure(html, "total-channels") == "5"
    assert figure(html, "total-amount") == "4.40"
    assert figure(html, "progress-percent") == "44.0%"


def test_the_guangdong_hall_and_online_platform_are_its_channels(demo, client_for, coordinator):
    names = set(Channel.objects.filter(aiding_party__code="440000").values_list("name", flat=True))
    assert names == {"“疆品南下 粤品北上”体验馆", "“疆品南下 粤品北上”线上平台"}
    html = client_for(coordinator).get("/consumer/?party=广东").content.decode()
    assert figure(html, "total-channels") == "2"


def test_the_kashgar_place_page_shows_the_sales_of_channels_selling_its_products(
    demo, client_for, coordinator
):
    html = client_for(coordinator).get("/places/653100/").content.decode()
    assert 'data-testid="place-consumer-aid"' in html
    assert figure(html, "total-channels") == "7"


def test_the_demo_data_is_the_same_every_time(demo):
    from duikou.consumer.models import SalesEntry

    first = list(SalesEntry.objects.order_by("pk").values_list("amount", "volume", "category"))
    from duikou.consumer.models import SalesTarget
    from duikou.organisations.models import Organisation

    SalesEntry.objects.all().delete()
    Channel.objects.all().delete()
    SalesTarget.objects.all().delete()

    Organisation.objects.filter(code__startswith="ENT-").delete()
    make_consumer_aid(DemoContext(scale="tiny", log=lambda m: None))
    again = list(SalesEntry.objects.order_by("pk").values_list("amount", "volume", "category"))
    assert first == again


def test_a_party_sees_only_its_own_channels_figures(client_for, hq_a, hq_b):
    make_sale(make_channel("320000"))
    html_a = client_for(hq_a).get("/consumer/").content.decode()
    assert figure(html_a, "total-channels") == "1"
    html_b = client_for(hq_b).get("/consumer/").content.decode()
    assert figure(html_b, "total-channels") == "0"
    assert figure(html_b, "total-amount") == "0.00"


def test_a_recipient_reads_the_channels_selling_its_areas_products(client_for, recipient):
    make_sale(make_channel("320000", "654021"))
    make_sale(make_channel("320000", "653122"))
    html = client_for(recipient).get("/consumer/").content.decode()
    assert figure(html, "total-channels") == "1"


def test_a_yearly_target_counts_only_that_years_sales(hq_a, client_for):
    from decimal import Decimal

    from duikou.consumer.models import SalesTarget
    from duikou.consumer.services import target_progress
    from duikou.organisations.models import AidingParty

    channel = make_channel()
    make_sale(channel, (2023, 12), amount=Decimal(700))
    make_sale(channel, (2024, 1), amount=Decimal(300))
    party = AidingParty.objects.get(code="320000")
    SalesTarget.objects.create(aiding_party=party, year=2024, amount=Decimal(1000))
    [progress] = target_progress(hq_a, party_id=party.pk)
    assert progress.achieved == Decimal(300) and progress.percent == Decimal("30.0")
    html = client_for(hq_a).get("/consumer/?party=320000").content.decode()
    trend_table = html.split('data-testid="trend-table"')[1].split("</table>")[0]
    assert "2024-01" in trend_table and "2023-12" not in trend_table  # the target's year only
