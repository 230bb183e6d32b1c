from rest_framework import serializers, viewsets

from duikou.core.api import ScopedModelViewSet, ScopedQuerysetMixin, TrackedSerializer
from duikou.core.api_fields import CODE_LOOKUP_REGEX, CodeRelatedField
from duikou.organisations.filters import OrganisationFilterSet
from duikou.organisations.models import AidingParty, Organisation
from duikou.places.models import Place


class AidingPartySerializer(serializers.ModelSerializer):
    class Meta:
        model = AidingParty
        fields = ["code", "name", "short_name", "kind", "colour"]


class AidingPartyViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = AidingPartySerializer
    lookup_field = "code"
    lookup_value_regex = CODE_LOOKUP_REGEX
    queryset = AidingParty.objects.all()


class OrganisationSerializer(TrackedSerializer):
    aiding_party = CodeRelatedField(
        slug_field="code", queryset=AidingParty.objects.all(), allow_null=True, required=False
    )
    place = CodeRelatedField(
        slug_field="code", queryset=Place.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "aiding_party",
            "place",
            "parent",
            "is_active",
            "note",
            "version",
        ]


class OrganisationViewSet(ScopedModelViewSet):
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    queryset = Organisation.objects.select_related("aiding_party", "place").order_by("code")
