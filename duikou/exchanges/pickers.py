"""The twinning-pair picker, for the records that go through a pair (exchange events,
donations): searched by either side's unit, the caller's own party's pairs first."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duikou.core import pickers
from duikou.core.pickers import Choice, PickerKind
from duikou.core.scoping import Scope
from duikou.twinning.models import Pair

UNITS = (
    "aiding_place",
    "aiding_organisation",
    "aiding_household",
    "recipient_place",
    "recipient_organisation",
    "recipient_household",
)

pickers.register(
    PickerKind(
        name="pair",
        model=Pair,
        search=(
            "aiding_place__name",
            "aiding_organisation__name",
            "aiding_household__label",
            "recipient_place__name",
            "recipient_organisation__name",
            "recipient_household__label",
        ),
        code="pk",
        order=("aiding_party__sort_order", "kind", "pk"),
        related=("aiding_party", *UNITS),
        hint=lambda pair: f"{pair.aiding_party.short_name} · {pair.get_kind_display()}",
        invalid=_("You may not choose this twinning pair here."),
    )
)


@pickers.purpose("pair", "record")
def record_pair(user: Any) -> Choice:
    """Any pair the caller may see, its own party's first."""
    scope = Scope.of(user)
    first = Q(aiding_party_id=scope.party_id) if scope.party_id else None
    return Choice(Pair.objects.visible_to(user), first=first)
