"""The one filter set for exchange events: list page, figures page, export and API."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duikou.exchanges.choices import EventKind
from duikou.exchanges.models import Event
from duikou.organisations.filters import PartyFilter
from duikou.organisations.models import party_named_q
from duikou.places.filters import PlaceFilter

HALVES = ((1, _("First half (Jan–Jun)")), (2, _("Second half (Jul–Dec)")))


class CreditedPartyFilter(PartyFilter):
    """Records a party is credited with: as lead organiser or as a co-organiser."""

    def __init__(self, *args, partners: str = "partners", **kwargs):
        self.partners = partners
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        lead = party_named_q(self.field_name, value)
        return qs.filter(
            lead
            | Q(pk__in=qs.model.objects.filter(party_named_q(self.partners, value)).values("pk"))
        )


class HalfFilter(django_filters.ChoiceFilter):
    """The half of the year a record starts in (上半年 / 下半年)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", HALVES)
        kwargs.setdefault("label", _("Half year"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in ("", None):
            return qs
        months = (1, 6) if str(value) == "1" else (7, 12)
        return qs.filter(
            **{
                f"{self.field_name}__month__gte": months[0],
                f"{self.field_name}__month__lte": months[1],
            }
        )


class EventFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    party = CreditedPartyFilter()
    place = PlaceFilter()
    year = django_filters.NumberFilter(field_name="year", label=_("Year"))
    half = HalfFilter(field_name="start_date")
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, label=_("Kind"))

    class Meta:
        model = Event
        fields = ["q", "party", "place", "year", "half", "kind"]

    def search(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(
            Q(title__icontains=value) | Q(code__istartswith=value) | Q(organiser__icontains=value)
        )
