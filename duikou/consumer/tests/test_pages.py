"""The consumer-aid pages: a channel's monthly sheet through the import pages, the channel
page with its months and products, the template and the export."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from duikou.consumer.demo import make_consumer_aid
from duikou.consumer.models import Channel, SalesEntry, SalesMonth
from duikou.consumer.tests.factories import make_channel
from duikou.core.models import TaskRun
from duikou.demo.generators import DemoContext

pytestmark = pytest.mark.django_db


def test_a_channels_monthly_sheet_is_previewed_then_imported_through_the_import_pages(
    client_for, hq_a, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    channel = make_channel()
    sheet = (
        "渠道编码,起始日期,截止日期,类别,销量,单位,销售额（元）\n"
        f"{channel.code},2024-05-01,2024-05-31,干果坚果,12.5,吨,380000\n"
        f"{channel.code},2024-05-01,2024-05-31,牛羊肉,600,公斤,90000\n"
    ).encode()
    client = client_for(hq_a)
    response = client.post(
        "/consumer/sales/import/", {"file": SimpleUploadedFile("2024-05.csv", sheet)}
    )
    preview = TaskRun.objects.get(owner=hq_a, kind="import.preview")
    assert response.status_code == 302
    assert preview.state == TaskRun.State.DONE, (preview.message, preview.errors)
    assert not SalesEntry.objects.exists()  # a preview writes nothing
    client.post("/consumer/sales/import/", {"confirm": "1", "run": preview.pk})
    assert SalesEntry.objects.count() == 2
    cell = SalesMonth.objects.get(category="dried_fruit")
    assert (cell.amount, cell.tonnes) == (Decimal(380000), Decimal("12.5"))
    assert SalesMonth.objects.get(category="meat").tonnes == Decimal("0.6")


def test_the_channel_page_shows_its_months_and_products(client_for, coordinator):
    make_consumer_aid(DemoContext(scale="tiny", log=lambda m: None))
    channel = Channel.objects.get(code="SD-DC-01")
    html = client_for(coordinator).get(channel.get_absolute_url()).content.decode()
    assert "山东大仓·济南" in html and "2020-05" in html and "等特色产品" in html


def test_the_sales_template_and_export_come_from_the_declaration(client_for, hq_a):
    from duikou.consumer.tests.factories import make_sale

    make_sale(make_channel())
    client = client_for(hq_a)
    template = client.get("/consumer/sales/import/template.xlsx")
    assert template.status_code == 200
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    response = client.get("/consumer/sales/?export=csv")
    export = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "渠道编码" in export and "销售额（元）" in export and "100000" in export


def test_the_menu_has_the_consumer_aid_entries(client_for, hq_a):
    html = client_for(hq_a).get("/consumer/").content.decode()
    for url in ("/consumer/", "/consumer/channels/", "/consumer/products/", "/consumer/sales/"):
        assert f'href="{url}"' in html
