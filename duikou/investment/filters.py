"""One filter set per model, shared by the list pages, the API, the exports and the funnel."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from duikou.core.filters import YesNoAll
from duikou.core.pickers import PickerFilterInput
from duikou.investment.choices import ParkKind, Sector, Stage
from duikou.investment.models import Lead, Park, ParkEntry, PromotionEvent
from duikou.investment.services import credited_q
from duikou.organisations.filters import PartyFilter
from duikou.organisations.models import AidingParty
from duikou.places.filters import PlaceFilter


class CreditedPartyFilter(django_filters.CharFilter):
    """`party`: the leads credited to a party (code, name or short name) — its own and the
    cross-pairing work others did in its paired places (全域协作)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Aiding party"))
        kwargs.setdefault("widget", PickerFilterInput("party"))
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(credited_q(AidingParty.objects.by_code_or_name(value).values("id")))


class LeadFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    party = CreditedPartyFilter()
    broker = PartyFilter(label=_("Brokering aiding party"))
    place = PlaceFilter()
    year = django_filters.NumberFilter(
        field_name="year", label=_("Year"), min_value=1, max_value=9999
    )
    stage = django_filters.ChoiceFilter(choices=Stage.choices, label=_("Stage"))
    sector = django_filters.ChoiceFilter(choices=Sector.choices, label=_("Sector"))
    cross_pairing = django_filters.BooleanFilter(
        field_name="is_cross_pairing", label=_("Cross-pairing work"), widget=YesNoAll
    )

    class Meta:
        model = Lead
        fields = ["q", "party", "place", "year", "stage", "sector"]

    def search(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(
            Q(code__icontains=value)
            | Q(name__icontains=value)
            | Q(enterprise__name__icontains=value)
        )


class EventFilterSet(django_filters.FilterSet):
    party = PartyFilter()
    place = PlaceFilter()
    # A year outside the calendar is bad input (400), not a date the database cannot build.
    year = django_filters.NumberFilter(
        field_name="held_on__year", label=_("Year"), min_value=1, max_value=9999
    )

    class Meta:
        model = PromotionEvent
        fields = ["party", "place", "year"]


class ParkFilterSet(django_filters.FilterSet):
    party = PartyFilter()
    place = PlaceFilter()
    kind = django_filters.ChoiceFilter(choices=ParkKind.choices, label=_("Kind"))

    class Meta:
        model = Park
        fields = ["party", "place", "kind"]


class ParkEntryFilterSet(django_filters.FilterSet):
    party = PartyFilter(field_name="park__aiding_party")
    place = PlaceFilter(field_name="park__place")
    park = django_filters.CharFilter(field_name="park__code", label=_("Park code"))
    year = django_filters.NumberFilter(
        field_name="entered_on__year", label=_("Year"), min_value=1, max_value=9999
    )

    class Meta:
        model = ParkEntry
        fields = ["party", "place", "park", "year"]
