"""The channel picker, and the suppliers a consumer-aid record may name."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duikou.consumer.models import Channel
from duikou.core import pickers
from duikou.core.pickers import Choice, PickerKind
from duikou.organisations.models import Organisation

pickers.register(
    PickerKind(
        name="channel",
        model=Channel,
        search=("code", "name", "city"),
        order=("aiding_party__sort_order", "code"),
        related=("aiding_party",),
        hint=lambda c: " · ".join(p for p in (c.aiding_party.short_name, c.city, c.code) if p),
        invalid=_("You may not choose this sales channel here."),
    )
)


@pickers.purpose("channel", "record")
def record_channel(user: Any) -> Choice:
    """A channel the caller may add products and sales to: one it may change."""
    return Choice(Channel.objects.editable_by(user))


@pickers.purpose("organisation", "consumer.supplier")
def supplier(user: Any) -> Choice:
    """A supplier is an enterprise of the recipient area: a local organisation with a place."""
    local = Q(aiding_party__isnull=True, place__isnull=False)
    return Choice(Organisation.objects.visible_to(user).filter(local))
