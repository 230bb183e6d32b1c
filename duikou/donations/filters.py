"""The filter sets of donations and pledges: list pages, figures, exports and API."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duikou.core.filters import YesNoAll
from duikou.donations.choices import Purpose
from duikou.donations.models import Donation, Pledge
from duikou.exchanges.filters import HalfFilter
from duikou.organisations.filters import PartyFilter
from duikou.places.filters import PlaceFilter


def _search(qs, name, value):
    if not value:
        return qs
    return qs.filter(
        Q(title__icontains=value)
        | Q(code__istartswith=value)
        | Q(donor__icontains=value)
        | Q(recipient__icontains=value)
    )


class DonationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method=_search, label=_("Search"))
    party = PartyFilter()
    place = PlaceFilter()
    year = django_filters.NumberFilter(field_name="year", label=_("Year"))
    half = HalfFilter(field_name="given_on")
    purpose = django_filters.ChoiceFilter(choices=Purpose.choices, label=_("Purpose"))
    scholarship = django_filters.BooleanFilter(
        field_name="is_scholarship", label=_("Scholarships"), widget=YesNoAll
    )

    class Meta:
        model = Donation
        fields = ["q", "party", "place", "year", "half", "purpose", "scholarship"]


class PledgeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method=_search, label=_("Search"))
    party = PartyFilter()
    place = PlaceFilter()
    purpose = django_filters.ChoiceFilter(choices=Purpose.choices, label=_("Purpose"))

    class Meta:
        model = Pledge
        fields = ["q", "party", "place", "purpose"]
