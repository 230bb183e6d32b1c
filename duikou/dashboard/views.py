"""The overview page: the cross-module summary a signed-in user lands on.

It lives above the domain apps (it reads several of them) so that `core` depends on none.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from duikou.core.scoping import Scope
from duikou.organisations.models import AidingParty
from duikou.pairings.models import Pairing
from duikou.places.choices import Level
from duikou.places.models import Place


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = Scope.of(request.user)
    pairings = Pairing.objects.visible_to(request.user).current()
    party = AidingParty.objects.filter(pk=scope.party_id).first() if scope.party_id else None
    context = {
        "party": party,
        "organisation": request.user.organisation,
        "counts": {
            "parties": AidingParty.objects.visible_to(request.user).count(),
            "pairings": pairings.count(),
            "places": Place.objects.visible_to(request.user)
            .filter(level__in=[Level.PREFECTURE, Level.COUNTY])
            .count(),
        },
        "my_pairings": pairings.filter(aiding_party=party).select_related("place") if party else [],
    }
    return render(request, "dashboard/home.html", context)
