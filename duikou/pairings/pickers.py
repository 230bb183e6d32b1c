"""What the pairing form offers: pairings are decided centrally, so any party and any place."""

from __future__ import annotations

from typing import Any

from duikou.core import pickers
from duikou.core.pickers import Choice
from duikou.organisations.models import AidingParty
from duikou.places.models import Place


@pickers.purpose("party", "pairing")
def pairing_party(user: Any) -> Choice:
    return Choice(AidingParty.objects.all())


@pickers.purpose("place", "pairing")
def pairing_place(user: Any) -> Choice:
    return Choice(Place.objects.all())
