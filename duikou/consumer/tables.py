"""The consumer-aid list tables (django-tables2): money in 万元, volumes with their unit."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from duikou.consumer.models import Channel, SalesEntry, SalesTarget
from duikou.core.registry import RegisteredTable, WanColumn


class ChannelTable(RegisteredTable):
    name = tables.Column(linkify=True)

    class Meta(RegisteredTable.Meta):
        model = Channel
        fields = ("name", "code", "kind", "aiding_party", "city", "source_place", "opened_on")


class SalesEntryTable(RegisteredTable):
    period_end = tables.DateColumn(linkify=True, verbose_name=_("Period end"))
    volume = tables.Column(verbose_name=_("Volume"), attrs={"td": {"class": "text-end"}})
    amount = WanColumn(verbose_name=_("Sales (10k yuan)"))

    class Meta(RegisteredTable.Meta):
        model = SalesEntry
        fields = (
            "period_end",
            "period_start",
            "channel",
            "channel__aiding_party",
            "category",
            "supplier",
            "volume",
            "amount",
        )

    def render_volume(self, value, record):
        return f"{value.normalize():f} {record.get_unit_display()}"

    def value_volume(self, value, record):
        return value


class SalesTargetTable(RegisteredTable):
    year = tables.Column(linkify=True)
    amount = WanColumn(verbose_name=_("Target sales (10k yuan)"))

    class Meta(RegisteredTable.Meta):
        model = SalesTarget
        fields = ("year", "aiding_party", "amount", "cumulative", "note")
