"""Pickers for parks and promotion events (a lead's park and source event)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from duikou.core import pickers
from duikou.core.pickers import PickerKind
from duikou.investment.models import Lead, Park, PromotionEvent

pickers.register(
    PickerKind(
        name="park",
        model=Park,
        search=("name", "code"),
        order=("place__path", "name"),
        related=("place",),
        hint=lambda park: park.place.name,
        invalid=_("You may not choose this park here."),
    )
)

pickers.register(
    PickerKind(
        name="promotion_event",
        model=PromotionEvent,
        search=("name", "code", "city"),
        order=("-held_on",),
        hint=lambda event: f"{event.city} {event.held_on:%Y-%m-%d}",
        invalid=_("You may not choose this event here."),
    )
)

pickers.register(
    PickerKind(
        name="investment_lead",
        model=Lead,
        search=("code", "name"),
        order=("-talks_on", "code"),
        related=("place",),
        hint=lambda lead: f"{lead.code} · {lead.place.name}",
        invalid=_("You may not choose this lead here."),
    )
)
