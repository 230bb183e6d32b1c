"""A date that links to its record reads like the other dates of the list; the consumer
page's breakdowns end with their total."""

from __future__ import annotations

import re
from decimal import Decimal

import django_tables2 as tables
import pytest

from duikou.consumer.demo import make_consumer_aid
from duikou.consumer.models import SalesEntry
from duikou.consumer.tables import SalesEntryTable
from duikou.core.registry import table_for
from duikou.demo.generators import DemoContext


def test_a_sales_lists_period_end_link_is_a_date_as_people_read_it_not_iso():
    assert isinstance(SalesEntryTable.base_columns["period_end"], tables.DateColumn)


def test_a_generated_table_whose_first_column_is_a_date_links_it_as_a_date():
    table = table_for(SalesEntry, ["period_end", "amount"])
    assert isinstance(table.base_columns["period_end"], tables.DateColumn)
    assert table.base_columns["period_end"].link is not None
    channel = table_for(SalesEntry, ["channel"]).base_columns["channel"]
    assert not isinstance(channel, tables.DateColumn)


@pytest.mark.django_db
def test_the_consumer_pages_breakdowns_end_with_the_total_and_the_month_table_scrolls(
    client_for, coordinator
):
    make_consumer_aid(DemoContext(scale="tiny", log=lambda m: None))
    html = client_for(coordinator).get("/consumer/").content.decode()
    top = re.search(r'data-testid="total-amount">([\d.,]+)<', html).group(1)
    for by in ("party", "channel", "category"):
        row = re.search(rf'data-testid="by-{by}-total">(.*?)</tr>', html, re.S).group(1)
        wan = Decimal(re.findall(r'text-nowrap">([\d,.]+)<', row)[0].replace(",", ""))
        assert (wan / 10000).quantize(Decimal("0.01")) == Decimal(top)  # 万元 → 亿元
    assert 'data-testid="trend-scroll"' in html
