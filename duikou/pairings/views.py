"""The pairing overview (map + table) and pairing pages."""

from __future__ import annotations

from collections import OrderedDict

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from duikou.core.generic import ObjectDetailView, ObjectEditView, ObjectHistoryView
from duikou.core.scoping import can_create
from duikou.organisations.models import AidingParty
from duikou.pairings.forms import PairingForm
from duikou.pairings.models import Pairing
from duikou.places.choices import Level


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
        key = str(group) if group else "新疆生产建设兵团"
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


class PairingDetailView(ObjectDetailView):
    model = Pairing
    template_name = "pairings/pairing_detail.html"
    login_required = False


class PairingEditView(ObjectEditView):
    model = Pairing
    form_class = PairingForm


class PairingHistoryView(ObjectHistoryView):
    model = Pairing
