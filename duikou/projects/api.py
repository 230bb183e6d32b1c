"""REST API for projects: the same scoping and filters as the pages; status via an action."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from duikou.core.api import ScopedModelViewSet, TrackedSerializer
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

    class Meta:
        model = Project
        # The form's editable fields plus what the API shows read-only.
        fields = ["id", *PROJECT_FIELDS, "budget_total", "status", "version"]

    def validate(self, attrs):
        if self.instance is None and "is_livelihood" not in attrs and attrs.get("category"):
            attrs["is_livelihood"] = attrs["category"].counts_as_livelihood
        return super().validate(attrs)  # the model's clean(): dates, implementing organisation


class TransitionSerializer(serializers.Serializer):
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
            project = change_status(project, data.validated_data["status"], request.user)
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
