import django_filters
from django.utils.translation import gettext_lazy as _

from duikou.funds.choices import PlanStatus, TransactionKind
from duikou.funds.models import FundPlan, FundTransaction
from duikou.organisations.filters import PartyFilter
from duikou.places.filters import PlaceFilter


class FundPlanFilterSet(django_filters.FilterSet):
    party = PartyFilter()
    year = django_filters.NumberFilter(label=_("Year"))
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices, label=_("Status"))

    class Meta:
        model = FundPlan
        fields = ["party", "year", "status"]


class FundTransactionFilterSet(django_filters.FilterSet):
    project = django_filters.CharFilter(field_name="project__code", label=_("Project code"))
    party = PartyFilter(field_name="project__aiding_party")
    place = PlaceFilter(field_name="project__place")
    # A year outside the calendar is bad input (400), not a date the database cannot build.
    year = django_filters.NumberFilter(
        field_name="date__year", label=_("Year"), min_value=1, max_value=9999
    )
    kind = django_filters.ChoiceFilter(choices=TransactionKind.choices, label=_("Kind"))
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("To"))

    class Meta:
        model = FundTransaction
        fields = ["project", "party", "place", "year", "kind", "date_from", "date_to"]
