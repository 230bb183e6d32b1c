"""What the twinning app shows on the pages of aiding parties and places."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from django.urls import reverse

from duikou.core import panels
from duikou.places.choices import Level
from duikou.twinning.choices import PairKind
from duikou.twinning.coverage import coverage_by_county
from duikou.twinning.models import Pair


def _by_kind(pairs) -> list[dict[str, Any]]:
    counts = dict(pairs.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    top = max(counts.values(), default=0)
    return [
        {
            "kind": kind,
            "label": label,
            "count": counts[kind],
            "width": round(100 * counts[kind] / top) if top else 0,
        }
        for kind, label in PairKind.choices
        if counts.get(kind)
    ]


@panels.register("organisations.AidingParty", "twinning/_party_pairs.html", order=40)
def party_pairs(request: HttpRequest, party: Any) -> dict[str, Any] | None:
    """The party's current twinning pairs, counted by kind (a bar per kind)."""
    pairs = Pair.objects.visible_to(request.user).current().filter(aiding_party=party)
    kinds = _by_kind(pairs)
    if not kinds:
        return None
    return {
        "kinds": kinds,
        "total": sum(k["count"] for k in kinds),
        "list_url": f"{reverse('twinning:list')}?party={party.code}",
        "coverage_url": f"{reverse('twinning:coverage')}?party={party.code}",
    }


@panels.register("places.Place", "twinning/_place_pairs.html", order=40)
def place_pairs(request: HttpRequest, place: Any) -> dict[str, Any] | None:
    """A place's current pairs by kind (the recipient side's county or above), with the
    coverage of its towns and villages; a town or village shows its own partners."""
    pairs = Pair.objects.visible_to(request.user).current()
    if place.level in (Level.TOWNSHIP, Level.VILLAGE):
        pairs = (
            pairs.filter(recipient_place=place) if place.aided else pairs.filter(aiding_place=place)
        )
        partners = list(pairs.select_related("aiding_party", "aiding_place", "recipient_place"))
        if not partners:
            return None
        return {"partners": partners, "kinds": _by_kind(pairs), "total": len(partners)}
    if not place.aided:
        return None
    pairs = pairs.filter(recipient_county__path__startswith=place.path)
    kinds = _by_kind(pairs)
    rows = coverage_by_county(request.user, within=place)
    if not kinds and not rows:
        return None
    return {
        "kinds": kinds,
        "total": sum(k["count"] for k in kinds),
        "coverage": rows if len(rows) <= 30 else None,
        "list_url": f"{reverse('twinning:list')}?place={place.code}",
        "coverage_url": reverse("twinning:coverage")
        + (f"?county={place.code}" if place.level == Level.COUNTY else ""),
    }
