import django_filters
from rest_framework import serializers

from duikou.core.api import ScopedModelViewSet, TrackedSerializer
from duikou.core.api_fields import CodeRelatedField
from duikou.organisations.models import AidingParty
from duikou.pairings.models import Pairing
from duikou.places.models import Place, within_q


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
    aiding_party = django_filters.CharFilter(field_name="aiding_party__code")
    within = django_filters.CharFilter(method="filter_within")

    class Meta:
        model = Pairing
        fields = ["aiding_party", "within"]

    def filter_within(self, queryset, name, value):
        place = Place.objects.filter(code=value).first()
        return queryset.filter(within_q("place", place)) if place else queryset.none()


class PairingViewSet(ScopedModelViewSet):
    serializer_class = PairingSerializer
    filterset_class = PairingFilterSet
    queryset = Pairing.objects.select_related("aiding_party", "place").order_by("id")
