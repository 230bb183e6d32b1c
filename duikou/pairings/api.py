import django_filters
from rest_framework import serializers

from duikou.core.api import ScopedModelViewSet, TrackedSerializer
from duikou.core.api_fields import CodeRelatedField
from duikou.organisations.filters import PartyFilter
from duikou.organisations.models import AidingParty
from duikou.pairings.models import Pairing
from duikou.places.filters import PlaceFilter
from duikou.places.models import Place


class PairingSerializer(TrackedSerializer):
    aiding_party = CodeRelatedField(slug_field="code", queryset=AidingParty.objects.all())
    place = CodeRelatedField(slug_field="code", queryset=Place.objects.all())
    place_name = serializers.CharField(source="place.name", read_only=True)

    class Meta:
        model = Pairing
        fields = [
            "id",
            "aiding_party",
            "place",
            "place_name",
            "valid_from",
            "valid_to",
            "verification",
            "source_url",
            "note",
            "version",
        ]


class PairingFilterSet(django_filters.FilterSet):
    party = PartyFilter()
    place = PlaceFilter()
    # The names API clients used before the filter names were unified.
    aiding_party = PartyFilter()
    within = PlaceFilter(field_name="place")

    class Meta:
        model = Pairing
        fields = ["party", "place", "aiding_party", "within"]


class PairingViewSet(ScopedModelViewSet):
    serializer_class = PairingSerializer
    filterset_class = PairingFilterSet
    queryset = Pairing.objects.select_related("aiding_party", "place").order_by("id")
