"""The investment pages, menu entries, exports, imports and API routes (core/registry.py).

Leads move through the pipeline workflow (services.PIPELINE_FLOW): its move forms ask for each
stage's date and amount. The funnel, the cross-pairing table and jobs by period are views of
this app (views.py); the party and place pages get panels (panels.py).
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from duikou.core.registry import register
from duikou.investment.columns import EVENTS, LEADS, PARK_ENTRIES, PARKS
from duikou.investment.filters import (
    EventFilterSet,
    LeadFilterSet,
    ParkEntryFilterSet,
    ParkFilterSet,
)
from duikou.investment.forms import LeadForm, ParkEntryForm, ParkForm, PromotionEventForm
from duikou.investment.models import Lead, Park, ParkEntry, PromotionEvent
from duikou.investment.services import (
    PIPELINE_FLOW,
    approx_wan,
    park_timeline,
    park_totals,
)
from duikou.investment.tables import LeadTable, ParkEntryTable, ParkTable

_numbers = itertools.count(1)


def sample_enterprise(party, place):
    from duikou.organisations.choices import OrganisationKind
    from duikou.organisations.models import Organisation

    n = next(_numbers)
    return Organisation.objects.create(
        code=f"KIT-ENT-{n}",
        name=f"样例企业{n}",
        kind=OrganisationKind.ENTERPRISE,
        aiding_party=party,
        place=place,
    )


def sample_lead(party, place) -> Lead:
    """A lead of `party` in `place` (its own pairing), still at 洽谈."""
    lead = Lead(
        code=f"KIT-LEAD-{next(_numbers)}",
        name="样例招商项目",
        enterprise=sample_enterprise(party, place),
        place=place,
        aiding_party=party,
        talks_on=dt.date(2025, 3, 1),
        planned_investment=Decimal(5000000),
    )
    lead.full_clean()
    lead.save()
    return lead


def sample_event(party, place) -> PromotionEvent:
    return PromotionEvent.objects.create(
        code=f"KIT-EV-{next(_numbers)}",
        name="样例推介会",
        aiding_party=party,
        held_on=dt.date(2025, 2, 1),
        city="南京",
        place=place,
    )


def sample_park(party, place) -> Park:
    return Park.objects.create(
        code=f"KIT-PK-{next(_numbers)}",
        name="样例共建园区",
        kind="cobuilt",
        aiding_party=party,
        place=place,
    )


def sample_entry(party, place) -> ParkEntry:
    return ParkEntry.objects.create(
        park=sample_park(party, place),
        enterprise=sample_enterprise(party, place),
        entered_on=dt.date(2025, 4, 1),
        jobs=20,
        local_jobs=15,
    )


def lead_context(request: HttpRequest, lead: Lead) -> dict[str, Any]:
    from duikou.investment.choices import PIPELINE, STAGE_AMOUNT, STAGE_DATE, Stage

    return {
        "stages": [
            {
                "label": Stage(stage).label,
                "date": getattr(lead, STAGE_DATE[stage]),
                "amount_label": LEADS.column(STAGE_AMOUNT[stage]).label,
                "amount": getattr(lead, STAGE_AMOUNT[stage]),
                "current": lead.stage == stage,
            }
            for stage in PIPELINE
        ],
        "park_entries": ParkEntry.objects.visible_to(request.user)
        .filter(lead=lead)
        .select_related("park"),
    }


def park_context(request: HttpRequest, park: Park) -> dict[str, Any]:
    entries = ParkEntry.objects.visible_to(request.user).filter(park=park)
    totals = park_totals(entries)
    return {
        "totals": totals,
        "jobs_wan": approx_wan(totals["jobs"]),
        "timeline": park_timeline(entries),
        "entries": entries.select_related("enterprise", "lead").order_by("-entered_on")[:200],
        "leads": Lead.objects.visible_to(request.user).filter(park=park),
    }


def parks_list_context(request: HttpRequest) -> dict[str, Any]:
    """The totals of the parks listed (as filtered): 入驻企业 and 吸纳就业."""
    _filterset, parks_qs = parks.filtered(request)
    entries = ParkEntry.objects.visible_to(request.user).filter(park__in=parks_qs.values("pk"))
    totals = park_totals(entries)
    return {
        "park_totals": totals,
        "jobs_wan": approx_wan(totals["jobs"]),
        "park_count": parks_qs.count(),
    }


leads = register(
    Lead,
    prefix="investment",
    path="leads/",
    list_path="leads/",
    filterset=LeadFilterSet,
    table=LeadTable,
    columns_table=LEADS,
    imports=True,
    form=LeadForm,
    api_prefix="investment/leads",
    api_basename="investment-lead",
    nav=(_("Investment leads"), None),
    nav_order=110,
    nav_url="investment:funnel",
    detail_template="investment/lead_detail.html",
    select_related=["enterprise", "place", "aiding_party", "paired_party", "park", "event"],
    ordering=["-talks_on", "code"],
    detail_context=lead_context,
    workflow=PIPELINE_FLOW,
    names={"move": "move"},
    sample=sample_lead,
)

events = register(
    PromotionEvent,
    prefix="investment_events",
    filterset=EventFilterSet,
    columns=["name", "kind", "aiding_party", "held_on", "city", "place"],
    columns_table=EVENTS,
    imports=True,
    form=PromotionEventForm,
    api_prefix="investment/events",
    api_basename="promotion-event",
    nav=(_("Promotion events"), None),
    nav_order=111,
    detail_template="investment/event_detail.html",
    select_related=["aiding_party", "place"],
    sample=sample_event,
)

parks = register(
    Park,
    prefix="investment_parks",
    filterset=ParkFilterSet,
    table=ParkTable,
    columns_table=PARKS,
    imports=True,
    form=ParkForm,
    api_prefix="investment/parks",
    api_basename="park",
    nav=(_("Parks"), None),
    nav_order=112,
    list_template="investment/park_list.html",
    detail_template="investment/park_detail.html",
    select_related=["aiding_party", "place"],
    list_context=parks_list_context,
    detail_context=park_context,
    sample=sample_park,
)

park_entries = register(
    ParkEntry,
    prefix="investment_entries",
    filterset=ParkEntryFilterSet,
    table=ParkEntryTable,
    columns_table=PARK_ENTRIES,
    imports=True,
    form=ParkEntryForm,
    api_prefix="investment/park-entries",
    api_basename="park-entry",
    nav=(_("Park enterprises"), None),
    nav_order=113,
    select_related=["park", "enterprise", "lead"],
    ordering=["-entered_on", "pk"],
    sample=sample_entry,
)


def _with_move_action() -> None:
    """The lead API gets a `move` action: the same workflow move as the page."""
    from drf_spectacular.utils import extend_schema
    from rest_framework import serializers
    from rest_framework.decorators import action
    from rest_framework.exceptions import ValidationError
    from rest_framework.permissions import IsAuthenticated
    from rest_framework.response import Response

    from duikou.core.api import MoveSerializer
    from duikou.core.errors import Refused
    from duikou.investment.choices import Stage
    from duikou.investment.services import move_lead

    base = leads.viewset

    class LeadMoveSerializer(MoveSerializer):
        stage = serializers.ChoiceField(choices=Stage.choices)
        amount = serializers.DecimalField(
            max_digits=18, decimal_places=2, min_value=Decimal(0), required=False
        )

    class LeadViewSet(base):
        @extend_schema(request=LeadMoveSerializer, responses=base.serializer_class)
        @action(detail=True, methods=["post"])
        def move(self, request, pk=None):
            """Move the lead along the pipeline (签约 with its date and 签约额, …, 终止 with
            its reason), if this user may make that move."""
            lead = self.get_object()
            data = LeadMoveSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            details = dict(data.validated_data)
            try:
                lead = move_lead(lead, details.pop("stage"), request.user, **details)
            except Refused as refused:
                raise ValidationError({"stage": refused.messages}) from None
            return Response(base.serializer_class(lead).data)

        def get_permissions(self):
            if self.action == "move":
                return [IsAuthenticated()]  # the workflow decides who moves
            return super().get_permissions()

    LeadViewSet.__name__ = "LeadViewSet"
    leads.viewset = LeadViewSet


_with_move_action()
