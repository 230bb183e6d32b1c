import django_filters
from rest_framework import serializers, viewsets

from duikou.core.api import ScopedQuerysetMixin
from duikou.core.api_fields import CODE_LOOKUP_REGEX
from duikou.places.filters import PlaceFilter
from duikou.places.models import Place


class PlaceSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Place
        fields = ["code", "name", "alias", "level", "kind", "parent", "path", "official_code"]


class PlaceFilterSet(django_filters.FilterSet):
    place = PlaceFilter(field_name="pk")
    within = PlaceFilter(field_name="pk")  # the name used before filter names were unified

    class Meta:
        model = Place
        fields = ["level", "kind", "place", "within"]


class PlaceViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = PlaceSerializer
    filterset_class = PlaceFilterSet
    lookup_field = "code"
    lookup_value_regex = CODE_LOOKUP_REGEX
    queryset = Place.objects.select_related("parent")
