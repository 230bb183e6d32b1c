"""The one filter set for projects, shared by the list page, the API and the exports."""

from __future__ import annotations

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duikou.organisations.models import AidingParty
from duikou.places.models import Place, within_q
from duikou.projects.choices import Status
from duikou.projects.models import Category, Project


class YesNoAll(forms.Select):
    """A yes/no/any select whose empty choice reads "all", not "unknown"."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("", _("All")), ("true", _("yes")), ("false", _("no"))])


class SortFilter(django_filters.OrderingFilter):
    """An ordering filter that keeps the list's own order when no sort term is given.

    django-filter's filter would call `order_by()` with no fields for `?sort=,` (only empty
    terms), which drops every ordering and leaves pages without a stable order.
    """

    def filter(self, qs, value):
        if value and not any(value):
            return qs
        return super().filter(qs, value)


class ProjectFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    year = django_filters.NumberFilter(field_name="plan_year", label=_("Plan year"))
    party = django_filters.ModelChoiceFilter(
        field_name="aiding_party",
        to_field_name="code",
        queryset=AidingParty.objects.all(),
        label=_("Aiding party"),
    )
    place = django_filters.CharFilter(method="within_place", label=_("Place code (subtree)"))
    category = django_filters.ModelChoiceFilter(
        to_field_name="code", queryset=Category.objects.all(), label=_("Category")
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    min_aid = django_filters.NumberFilter(
        field_name="budget_aid", lookup_expr="gte", label=_("Aid funds from (yuan)")
    )
    max_aid = django_filters.NumberFilter(
        field_name="budget_aid", lookup_expr="lte", label=_("Aid funds to (yuan)")
    )
    livelihood = django_filters.BooleanFilter(
        field_name="is_livelihood", label=_("Livelihood"), widget=YesNoAll
    )
    county_level = django_filters.BooleanFilter(
        method="at_county_level", label=_("County level and below"), widget=YesNoAll
    )
    sort = SortFilter(
        fields=(
            ("code", "code"),
            ("name", "name"),
            ("plan_year", "year"),
            ("budget_aid", "aid"),
            ("status", "status"),
            ("updated_at", "updated"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = Project
        fields = ["q", "year", "party", "place", "category", "status"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))

    def within_place(self, queryset, name, value):
        place = Place.objects.filter(code=value).only("path").first()
        if place is None:
            return queryset.none()
        return queryset.filter(within_q("place", place))

    def at_county_level(self, queryset, name, value):
        levels = settings.DUIKOU_COUNTY_AND_BELOW_LEVELS
        if value:
            return queryset.filter(place__level__in=levels)
        return queryset.exclude(place__level__in=levels)
