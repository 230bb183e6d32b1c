"""The posting (term) API: the roster's terms, each naming its person by id."""

from __future__ import annotations

from rest_framework import serializers

from duikou.core.api import ScopedModelViewSet, TrackedSerializer
from duikou.core.api_fields import CodeRelatedField
from duikou.organisations.models import Organisation
from duikou.personnel.filters import PostingFilterSet
from duikou.personnel.models import Batch, Person, Posting
from duikou.places.models import Place


class PostingSerializer(TrackedSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    aiding_party = serializers.SlugRelatedField(slug_field="code", read_only=True)
    batch = serializers.PrimaryKeyRelatedField(
        queryset=Batch.objects.all(), required=False, allow_null=True
    )
    place = CodeRelatedField(slug_field="code", queryset=Place.objects.all())
    unit = CodeRelatedField(
        slug_field="code", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    previous = serializers.PrimaryKeyRelatedField(
        queryset=Posting.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Posting
        fields = [
            "id",
            "person",
            "aiding_party",
            "batch",
            "kind",
            "field",
            "place",
            "unit",
            "post",
            "start",
            "end",
            "status",
            "returned_on",
            "previous",
            "cross_pairing_reason",
            "note",
            "version",
        ]


class PostingViewSet(ScopedModelViewSet):
    serializer_class = PostingSerializer
    filterset_class = PostingFilterSet
    queryset = Posting.objects.select_related("person", "aiding_party", "batch", "place", "unit")
