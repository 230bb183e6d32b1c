"""The one filter set for training sessions: list page, figures page, export and API."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duikou.exchanges.filters import HalfFilter
from duikou.organisations.filters import PartyFilter
from duikou.places.filters import PlaceFilter
from duikou.training.choices import Field, Mode
from duikou.training.models import TrainingSession


class SessionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    party = PartyFilter()
    place = PlaceFilter()
    year = django_filters.NumberFilter(field_name="year", label=_("Year"))
    half = HalfFilter(field_name="start_date")
    year_from = django_filters.NumberFilter(
        field_name="year", lookup_expr="gte", label=_("From year")
    )
    year_to = django_filters.NumberFilter(field_name="year", lookup_expr="lte", label=_("To year"))
    mode = django_filters.ChoiceFilter(choices=Mode.choices, label=_("Mode"))
    field = django_filters.ChoiceFilter(choices=Field.choices, label=_("Field"))

    class Meta:
        model = TrainingSession
        fields = ["q", "party", "place", "year", "half", "year_from", "year_to", "mode", "field"]

    def search(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(
            Q(title__icontains=value) | Q(code__istartswith=value) | Q(organiser__icontains=value)
        )
