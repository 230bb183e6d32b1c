"""The one filter set for projects, shared by the list page, the API and the exports."""

from __future__ import annotations

import django_filters
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duikou.core.filters import MoneyFilter, YesNoAll
from duikou.organisations.filters import PartyFilter
from duikou.places.filters import PlaceFilter
from duikou.projects.choices import COUNTED_STATUSES, Status
from duikou.projects.models import Category, Project


class SortFilter(django_filters.OrderingFilter):
    """An ordering filter that keeps the list's own order when no sort term is given.

    django-filter's filter would call `order_by()` with no fields for `?sort=,` (only empty
    terms), which drops every ordering and leaves pages without a stable order.
    """

    # django-filter's own "(descending)" suffix has no Chinese translation: ours has.
    descending_fmt = _("%s (descending)")

    def filter(self, qs, value):
        if value and not any(value):
            return qs
        return super().filter(qs, value)


class ProjectFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    year = django_filters.NumberFilter(field_name="plan_year", label=_("Plan year"))
    party = PartyFilter()
    place = PlaceFilter()
    category = django_filters.ModelChoiceFilter(
        to_field_name="code", queryset=Category.objects.all(), label=_("Category")
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    min_aid = MoneyFilter(
        field_name="budget_aid", lookup_expr="gte", label=_("Aid funds from (yuan)")
    )
    max_aid = MoneyFilter(
        field_name="budget_aid", lookup_expr="lte", label=_("Aid funds to (yuan)")
    )
    livelihood = django_filters.BooleanFilter(
        field_name="is_livelihood", label=_("Livelihood"), widget=YesNoAll
    )
    county_level = django_filters.BooleanFilter(
        method="at_county_level", label=_("County level and below"), widget=YesNoAll
    )
    counted = django_filters.BooleanFilter(
        method="approved_or_later", label=_("Approved or later"), widget=YesNoAll
    )
    sort = SortFilter(
        fields=(
            ("code", "code"),
            ("name", "name"),
            ("plan_year", "year"),
            ("budget_aid", "aid"),
            ("status", "status"),
            ("updated_at", "updated"),
            # The list's sortable columns (projects/tables.py) use these terms too.
            ("aiding_party__code", "aiding_party"),
            ("place__code", "place"),
            ("category__sort_order", "category"),
        ),
        field_labels={
            "budget_aid": _("Aid funds"),
            "aiding_party__code": _("Aiding party"),
            "place__code": _("Place"),
            "category__sort_order": _("Category"),
            "updated_at": _("Last changed"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = Project
        fields = ["q", "year", "party", "place", "category", "status"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))

    def approved_or_later(self, queryset, name, value):
        """The projects the two-80 table and the statistics count (or the others)."""
        if value:
            return queryset.filter(status__in=COUNTED_STATUSES)
        return queryset.exclude(status__in=COUNTED_STATUSES)

    def at_county_level(self, queryset, name, value):
        levels = settings.DUIKOU_COUNTY_AND_BELOW_LEVELS
        if value:
            return queryset.filter(place__level__in=levels)
        return queryset.exclude(place__level__in=levels)
