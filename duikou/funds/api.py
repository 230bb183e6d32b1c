"""REST API for fund plans, allocations, transactions and the two-80 figures."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from duikou.core.api import ScopedModelViewSet, ScopedQuerysetMixin, TrackedSerializer
from duikou.core.api_fields import CodeRelatedField
from duikou.funds.compliance import compliance, sees_figures
from duikou.funds.filters import FundPlanFilterSet, FundTransactionFilterSet
from duikou.funds.models import Allocation, FundPlan, FundTransaction
from duikou.funds.services import allocate, approve_plan, record_transaction
from duikou.organisations.models import AidingParty
from duikou.projects.models import Project
from duikou.projects.services import Refused


def _refused(refused: Refused, field: str = "non_field_errors") -> ValidationError:
    return ValidationError({field: refused.messages})


class FundPlanSerializer(TrackedSerializer):
    aiding_party = CodeRelatedField(slug_field="code", queryset=AidingParty.objects.all())
    status = serializers.CharField(read_only=True)

    class Meta:
        model = FundPlan
        fields = [
            "id",
            "aiding_party",
            "year",
            "amount",
            "status",
            "approved_at",
            "note",
            "version",
        ]
        read_only_fields = ["approved_at"]


class FundPlanViewSet(ScopedModelViewSet):
    serializer_class = FundPlanSerializer
    filterset_class = FundPlanFilterSet
    queryset = FundPlan.objects.select_related("aiding_party").order_by(
        "-year", "aiding_party__sort_order"
    )

    @extend_schema(request=None, responses=FundPlanSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def approve(self, request, pk=None):
        try:
            plan = approve_plan(self.get_object(), request.user)
        except Refused as refused:
            raise _refused(refused) from None
        return Response(FundPlanSerializer(plan).data)


class ProjectCodeField(CodeRelatedField):
    """A project named by code, looked up among the projects the caller may see."""

    def get_queryset(self):
        return Project.objects.visible_to(self.context["request"].user)


class AllocationSerializer(TrackedSerializer):
    project = ProjectCodeField(slug_field="code")
    plan = serializers.PrimaryKeyRelatedField(queryset=FundPlan.objects.all())

    class Meta:
        model = Allocation
        fields = ["id", "plan", "project", "amount", "note", "version"]


class AllocationViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Allocations are created (or re-set) through the allocation service, never edited raw."""

    serializer_class = AllocationSerializer
    queryset = Allocation.objects.select_related("project", "plan").order_by("pk")

    def perform_create(self, serializer):
        data = serializer.validated_data
        try:
            serializer.instance = allocate(
                data["plan"],
                data["project"],
                data["amount"],
                self.request.user,
                data.get("note", ""),
            )
        except Refused as refused:
            raise _refused(refused, "amount") from None


class FundTransactionSerializer(serializers.ModelSerializer):
    project = ProjectCodeField(slug_field="code")

    class Meta:
        model = FundTransaction
        fields = ["id", "project", "kind", "date", "amount", "reference", "note", "version"]
        read_only_fields = ["version"]


class FundTransactionViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Disbursements and expenditures: recorded through the service that guards the limits."""

    serializer_class = FundTransactionSerializer
    filterset_class = FundTransactionFilterSet
    queryset = FundTransaction.objects.select_related("project").order_by("-date", "-pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        project = data.pop("project")
        try:
            serializer.instance = record_transaction(project, user=self.request.user, **data)
        except Refused as refused:
            raise _refused(refused, "amount") from None


class ComplianceSerializer(serializers.Serializer):
    party = serializers.CharField()
    year = serializers.IntegerField()
    total = serializers.DecimalField(max_digits=18, decimal_places=2)
    county_amount = serializers.DecimalField(max_digits=18, decimal_places=2)
    livelihood_amount = serializers.DecimalField(max_digits=18, decimal_places=2)
    county_share = serializers.DecimalField(max_digits=7, decimal_places=4, allow_null=True)
    livelihood_share = serializers.DecimalField(max_digits=7, decimal_places=4, allow_null=True)
    county_ok = serializers.BooleanField(allow_null=True)
    livelihood_ok = serializers.BooleanField(allow_null=True)
    ok = serializers.BooleanField(allow_null=True)


class ComplianceView(APIView):
    """The two-80 figures for every party and year the caller may see."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=ComplianceSerializer(many=True))
    def get(self, request):
        if not sees_figures(request.user):
            return Response([])
        codes = dict(AidingParty.objects.values_list("pk", "code"))
        rows = []
        for r in compliance(request.user):
            rows.append(
                {
                    "party": codes[r.party],
                    "year": r.year,
                    "total": r.total,
                    "county_amount": r.county_amount,
                    "livelihood_amount": r.livelihood_amount,
                    "county_share": r.county_share,
                    "livelihood_share": r.livelihood_share,
                    "county_ok": r.county_ok,
                    "livelihood_ok": r.livelihood_ok,
                    "ok": r.ok,
                }
            )
        return Response(ComplianceSerializer(rows, many=True).data)
