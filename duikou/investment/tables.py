"""The list tables (django-tables2 on the registry's base)."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from duikou.core.registry import RegisteredTable, WanColumn
from duikou.investment.models import Lead, Park, ParkEntry


class LeadTable(RegisteredTable):
    code = tables.Column(linkify=True)
    name = tables.Column(linkify=True)
    signed_amount = WanColumn(verbose_name=_("Contracted amount (10k yuan)"))
    invested_total = WanColumn(verbose_name=_("Cumulative investment (10k yuan)"))
    is_cross_pairing = tables.Column(verbose_name=_("Cross-pairing work"))

    class Meta(RegisteredTable.Meta):
        model = Lead
        fields = (
            "code",
            "name",
            "enterprise",
            "place",
            "aiding_party",
            "stage",
            "talks_on",
            "signed_amount",
            "invested_total",
            "jobs_created",
            "is_cross_pairing",
        )

    def render_is_cross_pairing(self, value, record):
        if not value:
            return "—"
        return format_html(
            '<span class="badge text-bg-warning">{}</span> {}',
            _("Cross-pairing"),
            record.paired_party.short_name if record.paired_party_id else "",
        )

    def value_is_cross_pairing(self, value, record):
        return "是" if value else "否"


class ParkTable(RegisteredTable):
    name = tables.Column(linkify=True)

    class Meta(RegisteredTable.Meta):
        model = Park
        fields = ("code", "name", "kind", "place", "aiding_party", "focus", "established_on")


class ParkEntryTable(RegisteredTable):
    enterprise = tables.Column(linkify=lambda record: record.get_absolute_url())
    investment = WanColumn(verbose_name=_("Investment (10k yuan)"))

    class Meta(RegisteredTable.Meta):
        model = ParkEntry
        fields = (
            "enterprise",
            "park",
            "entered_on",
            "left_on",
            "jobs",
            "local_jobs",
            "investment",
            "lead",
        )
