"""What the investment app shows on the pages of aiding parties and places."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from duikou.core import panels
from duikou.investment.models import Lead, Park, ParkEntry
from duikou.investment.services import approx_wan, credited_q, funnel, park_totals
from duikou.places.models import within_q


@panels.register("organisations.AidingParty", "investment/_party_investment.html", order=40)
def party_investment(request: HttpRequest, party: Any) -> dict[str, Any] | None:
    """The party's funnel (credited: its own leads and cross-pairing work in its places), its
    cross-pairing leads marked with the other party, and its co-built parks."""
    leads = Lead.objects.visible_to(request.user).filter(credited_q([party.pk]))
    result = funnel(leads)
    parks = Park.objects.visible_to(request.user).filter(aiding_party=party)
    if not result.total and not parks.exists():
        return None
    totals = park_totals(ParkEntry.objects.visible_to(request.user).filter(park__in=parks))
    return {
        "funnel": result,
        "cross": leads.filter(is_cross_pairing=True)
        .select_related("place", "aiding_party", "paired_party")
        .order_by("-talks_on")[:50],
        "parks": parks,
        "park_totals": totals,
        "jobs_wan": approx_wan(totals["jobs"]),
    }


@panels.register("places.Place", "investment/_place_investment.html", order=40)
def place_investment(request: HttpRequest, place: Any) -> dict[str, Any] | None:
    """The funnel of the place and what lies below it (each lead once), its parks."""
    leads = Lead.objects.visible_to(request.user).filter(within_q("place", place))
    result = funnel(leads)
    parks = Park.objects.visible_to(request.user).filter(within_q("place", place))
    if not result.total and not parks.exists():
        return None
    totals = park_totals(ParkEntry.objects.visible_to(request.user).filter(park__in=parks))
    return {
        "funnel": result,
        "parks": parks[:50],
        "park_totals": totals,
        "jobs_wan": approx_wan(totals["jobs"]),
        "cross": leads.filter(is_cross_pairing=True)
        .select_related("aiding_party", "paired_party")
        .order_by("-talks_on")[:50],
    }
