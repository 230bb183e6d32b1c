"""The aiding-party page. Organisation pages are registered in pages.py; the party list with
its pairings is in pairings."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from duikou.organisations.choices import OrganisationKind
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
