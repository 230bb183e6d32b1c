"""Aiding-party pages and organisation pages (the party list with its pairings is in pairings)."""

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


def party_detail(request: HttpRequest, code: str) -> HttpResponse:
    party = get_object_or_404(AidingParty.objects.visible_to(request.user), code=code)
    organisations = (
        Organisation.objects.visible_to(request.user)
        .filter(aiding_party=party)
        .select_related("place")
        .order_by("kind", "name")
    )
    context = {
        "object": party,
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
