"""One filter set per consumer-aid model, shared by its list page, export and API."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duikou.consumer.choices import ChannelKind, ProductCategory
from duikou.consumer.models import Channel, Product, SalesEntry, SalesTarget
from duikou.organisations.filters import PartyFilter
from duikou.places.filters import PlaceFilter


class ChannelFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    party = PartyFilter()
    place = PlaceFilter(field_name="source_place")
    kind = django_filters.ChoiceFilter(choices=ChannelKind.choices, label=_("Kind"))

    class Meta:
        model = Channel
        fields = ["q", "party", "place", "kind"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(code__icontains=value) | Q(name__icontains=value) | Q(city__icontains=value)
        )


class ProductFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))
    party = PartyFilter(field_name="channel__aiding_party")
    place = PlaceFilter(field_name="supplier__place")
    channel = django_filters.CharFilter(field_name="channel__code", label=_("Channel code"))
    category = django_filters.ChoiceFilter(choices=ProductCategory.choices, label=_("Category"))

    class Meta:
        model = Product
        fields = ["q", "party", "place", "channel", "category"]


class SalesEntryFilterSet(django_filters.FilterSet):
    party = PartyFilter(field_name="channel__aiding_party")
    place = PlaceFilter(field_name="channel__source_place")
    channel = django_filters.CharFilter(field_name="channel__code", label=_("Channel code"))
    category = django_filters.ChoiceFilter(choices=ProductCategory.choices, label=_("Category"))
    year = django_filters.NumberFilter(
        field_name="period_end__year", label=_("Year"), min_value=1, max_value=9999
    )
    month = django_filters.NumberFilter(
        field_name="period_end__month", label=_("Month"), min_value=1, max_value=12
    )

    class Meta:
        model = SalesEntry
        fields = ["party", "place", "channel", "category", "year", "month"]


class SalesTargetFilterSet(django_filters.FilterSet):
    party = PartyFilter()
    year = django_filters.NumberFilter(label=_("Year"), min_value=1, max_value=9999)

    class Meta:
        model = SalesTarget
        fields = ["party", "year"]
