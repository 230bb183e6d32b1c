"""Tables of the fund pages (django-tables2): the columns of the list, its export too."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from duikou.core.registry import RegisteredTable, WanColumn
from duikou.funds.models import FundPlan


class FundPlanTable(RegisteredTable):
    aiding_party = tables.Column(linkify=lambda record: record.get_absolute_url())
    amount = WanColumn(verbose_name=_("Amount (10k yuan)"))
    allocated = WanColumn(verbose_name=_("Allocated (10k yuan)"), default=0)

    class Meta(RegisteredTable.Meta):
        model = FundPlan
        fields = ("aiding_party", "year", "amount", "allocated", "status", "note")
