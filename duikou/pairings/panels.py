"""What the pairings app shows on the pages of places and aiding parties."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest

from duikou.core import panels
from duikou.pairings.models import Pairing


@panels.register("places.Place", "pairings/_place_pairings.html", order=10)
def place_pairings(request: HttpRequest, place: Any) -> dict[str, Any]:
    """The parties paired with the place, with a place above it or with one below it."""
    pairings = (
        Pairing.objects.visible_to(request.user)
        .filter(Q(place__path__in=place.ancestor_paths()) | Q(place__path__startswith=place.path))
        .select_related("aiding_party", "place")
        .order_by("place__path", "valid_from")
    )
    return {"pairings": pairings}


@panels.register("organisations.AidingParty", "pairings/_party_pairings.html", order=10)
def party_pairings(request: HttpRequest, party: Any) -> dict[str, Any]:
    pairings = (
        Pairing.objects.visible_to(request.user)
        .filter(aiding_party=party)
        .select_related("place", "place__parent")
        .order_by("place__path")
    )
    return {"pairings": pairings}
