"""The pairing overview (map + table) and the lists of places and of aiding
parties with their current pairings (served at /places/ and /organisations/parties/).
The pages of one pairing are registered in pages.py."""

from __future__ import annotations

from collections import OrderedDict

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from duikou.core.scoping import can_create
from duikou.organisations.models import AidingParty
from duikou.pairings.models import Pairing
from duikou.places.choices import Level
from duikou.places.models import Place


def overview(request: HttpRequest) -> HttpResponse:
    """Who helps whom, where: a map coloured by aiding party and the table beside it."""
    parties = list(AidingParty.objects.visible_to(request.user))
    selected = request.GET.get("party", "")
    pairings = (
        Pairing.objects.visible_to(request.user)
        .current()
        .select_related("aiding_party", "place", "place__parent")
        .order_by("aiding_party__sort_order", "place__path")
    )
    map_data = [
        {
            "code": p.place.code,
            "place": str(p.place),
            "party": p.aiding_party.name,
            "partyIndex": parties.index(p.aiding_party),
            "since": p.valid_from.year,
        }
        for p in pairings
    ]
    if selected:
        pairings = [p for p in pairings if p.aiding_party.code == selected]
    table: OrderedDict[AidingParty, OrderedDict[str, list[Pairing]]] = OrderedDict()
    for pairing in pairings:
        place = pairing.place
        group = place.parent if place.parent and place.parent.level == Level.PREFECTURE else None
        # Corps divisions sit directly under the region: they group by their kind (兵团师市).
        key = str(group) if group else place.kind
        table.setdefault(pairing.aiding_party, OrderedDict()).setdefault(key, []).append(pairing)
    context = {
        "parties": parties,
        "selected": selected,
        "table": table,
        "map_data": map_data,
        "legend": [{"name": p.name, "colour": p.colour, "code": p.code} for p in parties],
        "can_create": request.user.is_authenticated and can_create(request.user, Pairing),
    }
    template = (
        "pairings/_table.html" if request.headers.get("HX-Request") else "pairings/overview.html"
    )
    return render(request, template, context)


def place_list(request: HttpRequest) -> HttpResponse:
    """Prefectures and Corps units with their counties, each with its current aiding party."""
    places = list(
        Place.objects.visible_to(request.user).filter(level__in=[Level.PREFECTURE, Level.COUNTY])
    )
    parties_by_place: dict[int, list] = {}
    for pairing in (
        Pairing.objects.visible_to(request.user).current().select_related("aiding_party")
    ):
        parties_by_place.setdefault(pairing.place_id, []).append(pairing.aiding_party)
    children: dict[int, list[Place]] = {}
    for place in places:
        place.current_parties = parties_by_place.get(place.pk, [])
        children.setdefault(place.parent_id, []).append(place)
    prefecture_ids = {p.pk for p in places if p.level == Level.PREFECTURE}
    # Top-level groups: the prefectures, and the county-level units directly under the region
    # (Corps divisions), whatever the region.
    top = [p for p in places if p.level == Level.PREFECTURE] + [
        p for p in places if p.level == Level.COUNTY and p.parent_id not in prefecture_ids
    ]
    groups = [(p, children.get(p.pk, []) if p.level == Level.PREFECTURE else []) for p in top]
    return render(request, "places/place_list.html", {"groups": groups})


def party_list(request: HttpRequest) -> HttpResponse:
    """The aiding parties, each with the number of places it is paired with now."""
    parties = AidingParty.objects.visible_to(request.user)
    counts: dict[int, int] = {}
    for pairing in Pairing.objects.visible_to(request.user).current().only("aiding_party_id"):
        counts[pairing.aiding_party_id] = counts.get(pairing.aiding_party_id, 0) + 1
    for party in parties:
        party.pairing_count = counts.get(party.pk, 0)
    return render(request, "organisations/party_list.html", {"parties": parties})
