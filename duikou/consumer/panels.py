"""What consumer aid shows on the pages of aiding parties and places: the party's channels,
suppliers, kinds of product, tonnes and sales with its targets' progress; on a place, the
sales of the channels selling that area's products."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from duikou.consumer import services
from duikou.core import panels


def _figures(request: HttpRequest, **narrow: Any) -> dict[str, Any] | None:
    user = request.user
    if not user.is_authenticated:
        return None
    totals = services.totals(user, **narrow)
    if not (totals.channels or totals.entries):
        return None
    return {
        "totals": totals,
        "by_channel": services.breakdown(user, "channel", **narrow)[:10],
        "by_category": services.breakdown(user, "category", **narrow),
    }


@panels.register("organisations.AidingParty", "consumer/_party_panel.html", order=40)
def party_consumer_aid(request: HttpRequest, party: Any) -> dict[str, Any] | None:
    figures = _figures(request, party_id=party.pk)
    if figures is None:
        return None
    figures["progress"] = services.target_progress(request.user, party_id=party.pk)
    figures["query"] = f"party={party.code}"
    return figures


@panels.register("places.Place", "consumer/_place_panel.html", order=40)
def place_consumer_aid(request: HttpRequest, place: Any) -> dict[str, Any] | None:
    figures = _figures(request, place=place)
    if figures is None:
        return None
    figures["by_party"] = services.breakdown(request.user, "party", place=place)
    figures["query"] = f"place={place.code}"
    return figures
