import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duikou.core.pickers import PickerFilterInput
from duikou.organisations.choices import OrganisationKind
from duikou.organisations.models import AidingParty, Organisation, party_named_q
from duikou.places.filters import PlaceFilter


class PartyFilter(django_filters.CharFilter):
    """Records of the aiding party a text names: its code, name or short name (江苏).

    `field_name` is the lookup from the record to its party ("aiding_party",
    "project__aiding_party").
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "aiding_party")
        kwargs.setdefault("label", _("Aiding party"))
        kwargs.setdefault("widget", PickerFilterInput("party"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(party_named_q(self.field_name, value))


class OrganisationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices, label=_("Kind"))
    party = PartyFilter()
    place = PlaceFilter()

    class Meta:
        model = Organisation
        fields = ["q", "kind", "party", "place"]

    def __init__(self, data=None, *args, **kwargs):
        # `aiding_party` (a party's id) is the name API clients used before the filter names
        # were unified across filter sets; it still works as `party`.
        if data is not None and data.get("aiding_party") and not data.get("party"):
            data = data.copy()
            old = str(data["aiding_party"])
            party = AidingParty.objects.filter(pk=old).first() if old.isdigit() else None
            data["party"] = party.code if party else old
        super().__init__(data, *args, **kwargs)

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))
