"""Aiding-party pages and organisation pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from duikou.core.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
)
from duikou.organisations.choices import OrganisationKind
from duikou.organisations.filters import OrganisationFilterSet
from duikou.organisations.forms import OrganisationForm
from duikou.organisations.models import AidingParty, Organisation
from duikou.pairings.models import Pairing


def party_list(request: HttpRequest) -> HttpResponse:
    parties = AidingParty.objects.visible_to(request.user)
    counts: dict[int, int] = {}
    for pairing in Pairing.objects.visible_to(request.user).current().only("aiding_party_id"):
        counts[pairing.aiding_party_id] = counts.get(pairing.aiding_party_id, 0) + 1
    for party in parties:
        party.pairing_count = counts.get(party.pk, 0)
    return render(request, "organisations/party_list.html", {"parties": parties})


def party_detail(request: HttpRequest, code: str) -> HttpResponse:
    party = get_object_or_404(AidingParty.objects.visible_to(request.user), code=code)
    pairings = (
        Pairing.objects.visible_to(request.user)
        .filter(aiding_party=party)
        .select_related("place", "place__parent")
        .order_by("place__path")
    )
    organisations = (
        Organisation.objects.visible_to(request.user)
        .filter(aiding_party=party)
        .select_related("place")
        .order_by("kind", "name")
    )
    context = {
        "object": party,
        "pairings": pairings,
        "hq": [o for o in organisations if o.kind == OrganisationKind.HQ],
        "work_groups": [o for o in organisations if o.kind == OrganisationKind.WORK_GROUP],
        "other_organisations": [o for o in organisations if o.kind not in Organisation.AIDING_SIDE],
    }
    return render(request, "organisations/party_detail.html", context)


class OrganisationListView(ObjectListView):
    model = Organisation
    filterset_class = OrganisationFilterSet
    template_name = "organisations/organisation_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("aiding_party", "place")


class OrganisationDetailView(ObjectDetailView):
    model = Organisation
    template_name = "organisations/organisation_detail.html"


class OrganisationEditView(ObjectEditView):
    model = Organisation
    form_class = OrganisationForm


class OrganisationHistoryView(ObjectHistoryView):
    model = Organisation
