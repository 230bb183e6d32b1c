import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duikou.organisations.choices import OrganisationKind
from duikou.organisations.models import AidingParty, Organisation
from duikou.places.models import Place, within_q


class OrganisationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices, label=_("Kind"))
    aiding_party = django_filters.ModelChoiceFilter(
        queryset=AidingParty.objects.all(), label=_("Aiding party")
    )
    place = django_filters.CharFilter(method="within_place", label=_("Place code (subtree)"))

    class Meta:
        model = Organisation
        fields = ["q", "kind", "aiding_party", "place"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))

    def within_place(self, queryset, name, value):
        place = Place.objects.filter(code=value).first()
        if place is None:
            return queryset.none()
        return queryset.filter(within_q("place", place))
