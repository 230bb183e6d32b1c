"""The pairing pages, menu entry and API route (see core/registry.py). The overview (map and
table) stays a view of its own and is the pairings' list and menu entry."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils.translation import gettext_lazy as _

from duikou.core.registry import register
from duikou.pairings.api import PairingFilterSet, PairingViewSet
from duikou.pairings.forms import PairingForm
from duikou.pairings.models import Pairing

_days = itertools.count(1)


def sample_pairing(party, place) -> Pairing:
    """A closed one-day pairing long ago, so it never overlaps a real one."""
    day = dt.date(1950, 1, 1) + dt.timedelta(days=next(_days))
    return Pairing.objects.create(aiding_party=party, place=place, valid_from=day, valid_to=day)


pairings = register(
    Pairing,
    prefix="pairings",
    pages=("create", "detail", "edit", "delete", "history"),
    filterset=PairingFilterSet,
    form=PairingForm,
    viewset=PairingViewSet,
    api_prefix="pairings",
    nav=(_("Pairings"), None),
    nav_order=20,
    nav_url="pairings:overview",
    after_delete="pairings:overview",
    detail_template="pairings/pairing_detail.html",
    select_related=["aiding_party", "place"],
    public=True,
    sample=sample_pairing,
)
