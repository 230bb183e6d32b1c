"""A date that links to its record reads like the other dates of the list."""

from __future__ import annotations

import django_tables2 as tables

from duikou.consumer.models import SalesEntry
from duikou.consumer.tables import SalesEntryTable
from duikou.core.registry import table_for


def test_a_sales_lists_period_end_link_is_a_date_as_people_read_it_not_iso():
    assert isinstance(SalesEntryTable.base_columns["period_end"], tables.DateColumn)


def test_a_generated_table_whose_first_column_is_a_date_links_it_as_a_date():
    table = table_for(SalesEntry, ["period_end", "amount"])
    assert isinstance(table.base_columns["period_end"], tables.DateColumn)
    assert table.base_columns["period_end"].link is not None
    channel = table_for(SalesEntry, ["channel"]).base_columns["channel"]
    assert not isinstance(channel, tables.DateColumn)
