import django_filters
from django.utils.translation import gettext_lazy as _

from duikou.organisations.filters import PartyFilter
from duikou.places.filters import PlaceFilter
from duikou.twinning.choices import HouseholdKind, PairKind, PairStatus, Side
from duikou.twinning.models import Household, Pair


class PairFilterSet(django_filters.FilterSet):
    party = PartyFilter()
    # The recipient side's place: its county, so `?place=巩留县` or a prefecture works.
    place = PlaceFilter(field_name="recipient_county")
    kind = django_filters.ChoiceFilter(choices=PairKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=PairStatus.choices, label=_("Status"))
    year = django_filters.NumberFilter(
        field_name="start__year", label=_("Year"), min_value=1, max_value=9999
    )
    started_from = django_filters.DateFilter(
        field_name="start", lookup_expr="gte", label=_("Started on or after")
    )
    started_to = django_filters.DateFilter(
        field_name="start", lookup_expr="lte", label=_("Started on or before")
    )

    class Meta:
        model = Pair
        fields = ["party", "place", "kind", "status", "year", "started_from", "started_to"]


class HouseholdFilterSet(django_filters.FilterSet):
    party = PartyFilter()
    place = PlaceFilter()
    kind = django_filters.ChoiceFilter(choices=HouseholdKind.choices, label=_("Kind"))
    side = django_filters.ChoiceFilter(choices=Side.choices, label=_("Side"))

    class Meta:
        model = Household
        fields = ["party", "place", "kind", "side"]
