"""REST API for projects: the same scoping and filters as the pages; status via an action."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from duikou.core.api import MoveSerializer, ScopedModelViewSet, TrackedSerializer
from duikou.core.api_fields import CodeRelatedField
from duikou.organisations.models import AidingParty, Organisation
from duikou.places.models import Place
from duikou.projects.choices import Status
from duikou.projects.filters import ProjectFilterSet
from duikou.projects.forms import PROJECT_FIELDS
from duikou.projects.models import Category, Project
from duikou.projects.services import Refused, allowed_moves, change_status


class ProjectSerializer(TrackedSerializer):
    aiding_party = CodeRelatedField(slug_field="code", queryset=AidingParty.objects.all())
    place = CodeRelatedField(slug_field="code", queryset=Place.objects.all())
    extra_places = CodeRelatedField(
        slug_field="code", queryset=Place.objects.all(), many=True, required=False
    )
    category = CodeRelatedField(slug_field="code", queryset=Category.objects.all())
    implementing_organisation = CodeRelatedField(
        slug_field="code", queryset=Organisation.objects.all(), allow_null=True, required=False
    )
    is_livelihood = serializers.BooleanField(required=False)
    status = serializers.CharField(read_only=True)
    budget_total = serializers.DecimalField(max_digits=18, decimal_places=2, read_only=True)
    # Why an accepted or handed-over project is amended (coordinator or administrator only);
    # history records it with the change.
    change_reason = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=500
    )

    class Meta:
        model = Project
        # The form's editable fields plus what the API shows read-only.
        fields = ["id", *PROJECT_FIELDS, "budget_total", "status", "version", "change_reason"]

    def validate(self, attrs):
        if self.instance is None and attrs.get("category"):
            attrs["is_livelihood"] = attrs["category"].livelihood(attrs.get("is_livelihood"))
        attrs = super().validate(attrs)  # the model's clean(): dates, places, organisation
        self._validate_extra_places(attrs)
        return attrs

    def _validate_extra_places(self, attrs) -> None:
        """The further places as they will be saved lie in the party's pairings (or the
        project is cross-pairing work): the model's rule, which `clean()` cannot see."""
        instance = self.instance
        probe = Project(
            aiding_party=attrs.get("aiding_party", getattr(instance, "aiding_party", None)),
            is_cross_pairing=attrs.get(
                "is_cross_pairing", getattr(instance, "is_cross_pairing", False)
            ),
        )
        if "extra_places" in attrs:
            places = attrs["extra_places"]
        else:
            places = list(instance.extra_places.all()) if instance is not None else []
        try:
            probe.clean_extra_places(places)
        except DjangoValidationError as exc:
            raise ValidationError(serializers.as_serializer_error(exc)) from None

    def validate_change_reason(self, value: str) -> str:
        """Who amends: the model's clean() lets a frozen field change only for a coordinator
        (the instance is copied for that check after the field validators ran)."""
        if self.instance is not None and value.strip():
            self.instance.amended_by = self.context["request"].user
            self.instance.change_reason = value
        return value

    def validate_extra_places(self, value):
        """The further places are frozen with the place (a change `clean()` cannot see)."""
        if self.instance is not None:
            self.instance.check_extra_places(value)
        return value

    def create(self, validated_data):
        validated_data.pop("change_reason", None)  # a new record is not amended
        return super().create(validated_data)


class TransitionSerializer(MoveSerializer):
    status = serializers.ChoiceField(choices=Status.choices)


class MovesSerializer(serializers.Serializer):
    """The answer of `moves`: the statuses the caller may move the project to now."""

    moves = serializers.ListField(child=serializers.ChoiceField(choices=Status.choices))


class ProjectViewSet(ScopedModelViewSet):
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    queryset = Project.objects.with_relations().order_by("-plan_year", "code")

    @extend_schema(request=TransitionSerializer, responses=ProjectSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the project to another lifecycle status (if this user may make that move)."""
        project = self.get_object()
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            details = dict(data.validated_data)
            project = change_status(project, details.pop("status"), request.user, **details)
        except Refused as refused:
            raise ValidationError({"status": refused.messages}) from None
        return Response(ProjectSerializer(project).data)

    @extend_schema(responses=MovesSerializer)
    @action(detail=True, methods=["get"], url_path="moves")
    def moves(self, request, pk=None):
        """The statuses this user may move the project to now."""
        return Response({"moves": allowed_moves(request.user, self.get_object())})

    def get_permissions(self):
        if self.action in ("transition",):
            # Coordinators and recipients make some moves without edit rights on the record;
            # the lifecycle service decides.
            from rest_framework.permissions import IsAuthenticated

            return [IsAuthenticated()]
        return super().get_permissions()
