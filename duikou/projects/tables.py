"""The project list's table (django-tables2). Column names are the sort terms of
`ProjectFilterSet` ("year", "aid"), so a header click and `?sort=` mean the same order."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from duikou.core.registry import RegisteredTable, WanColumn
from duikou.projects.models import Project


class ProjectTable(RegisteredTable):
    code = tables.Column(verbose_name=_("Code"), linkify=True)
    name = tables.Column(verbose_name=_("Name"))
    aiding_party = tables.Column(verbose_name=_("Aiding party"), order_by="aiding_party__code")
    place = tables.Column(verbose_name=_("Place"), order_by="place__code")
    category = tables.Column(verbose_name=_("Category"), order_by="category__sort_order")
    year = tables.Column(verbose_name=_("Year"), accessor="plan_year")
    aid = WanColumn(verbose_name=_("Aid funds (10k yuan)"), accessor="budget_aid")
    status = tables.Column(verbose_name=_("Status"))

    class Meta(RegisteredTable.Meta):
        model = Project
        fields = ()
        attrs = {**RegisteredTable.Meta.attrs, "data-testid": "project-table"}

    def render_aiding_party(self, record: Project) -> str:
        return record.aiding_party.short_name or record.aiding_party.name

    def render_category(self, record: Project) -> str:
        # A livelihood project of the category 民生 says 民生 once, not "民生 民生".
        if record.is_livelihood and str(record.category) != str(_("livelihood")):
            return format_html(
                '{} <span class="badge text-bg-success">{}</span>', record.category, _("livelihood")
            )
        return str(record.category)
