"""The pair list's table (django-tables2): each side's unit, named."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from duikou.core.registry import RegisteredTable
from duikou.twinning.models import Pair


class PairTable(RegisteredTable):
    aiding = tables.Column(
        verbose_name=_("Aiding side"),
        accessor="aiding_unit",
        orderable=False,
        linkify=lambda record: record.get_absolute_url(),
    )
    recipient = tables.Column(
        verbose_name=_("Recipient side"), accessor="recipient_unit", orderable=False
    )

    class Meta(RegisteredTable.Meta):
        model = Pair
        fields = (
            "aiding",
            "recipient",
            "kind",
            "aiding_party",
            "recipient_county",
            "start",
            "end",
            "status",
            "brokered_by",
        )
