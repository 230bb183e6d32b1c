"""Pickers for twinning: places of either side, organisations of a side, households."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duikou.core import pickers
from duikou.core.pickers import FILTER, Choice, PickerKind
from duikou.core.roles import Role
from duikou.core.scoping import Scope
from duikou.organisations.models import Organisation
from duikou.places.choices import Level
from duikou.places.models import Place
from duikou.twinning.models import Household

UNIT_LEVELS = [Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE]


def _place_hint(place: Place) -> str:
    parent = place.parent.name if place.parent_id else ""
    return " · ".join(part for part in (parent, place.get_level_display(), place.code) if part)


pickers.register(
    PickerKind(
        name="division",
        model=Place,
        search=("name", "code"),
        public=True,
        order=("path",),
        related=("parent",),
        hint=_place_hint,
        invalid=_("You may not choose this place here."),
        purposes={FILTER: lambda user: Choice(Place.everywhere.all())},
    )
)


@pickers.purpose("division", "twinning.aiding")
def aiding_place(user: Any) -> Choice:
    """An aiding-side county, town or village (the aiding provinces' own tree)."""
    return Choice(Place.everywhere.filter(aided=False, level__in=UNIT_LEVELS))


@pickers.purpose("division", "twinning.recipient")
def recipient_place(user: Any) -> Choice:
    """A town or village of the aided region; a work group's or recipient's own county first
    (their scope stops there, see `Pair.scope_rule`)."""
    scope = Scope.of(user)
    places = Place.objects.filter(level__in=[Level.TOWNSHIP, Level.VILLAGE])
    if scope.is_anonymous:
        return Choice(places.none())
    if scope.role in (Role.WORK_GROUP, Role.RECIPIENT) and scope.place_path:
        return Choice(places.filter(path__startswith=scope.place_path))
    first = Q(path__startswith=scope.place_path) if scope.place_path else None
    return Choice(places, first=first)


@pickers.purpose("organisation", "twinning.aiding")
def aiding_organisation(user: Any) -> Choice:
    scope = Scope.of(user)
    organisations = Organisation.objects.visible_to(user).filter(aiding_party__isnull=False)
    if scope.role in (Role.HQ, Role.WORK_GROUP) and scope.party_id:
        return Choice(organisations.filter(aiding_party_id=scope.party_id))
    return Choice(organisations)


@pickers.purpose("organisation", "twinning.recipient")
def recipient_organisation(user: Any) -> Choice:
    return Choice(Organisation.objects.visible_to(user).filter(aiding_party__isnull=True))


pickers.register(
    PickerKind(
        name="household",
        model=Household,
        search=("label", "code"),
        order=("place__path", "label"),
        related=("place",),
        hint=lambda h: f"{h.place.name} · {h.get_kind_display()} · {h.code}",
        invalid=_("You may not choose this household here."),
    )
)


@pickers.purpose("household", "twinning.aiding")
def aiding_household(user: Any) -> Choice:
    return Choice(Household.objects.visible_to(user).filter(side="aiding"))


@pickers.purpose("household", "twinning.recipient")
def recipient_household(user: Any) -> Choice:
    return Choice(Household.objects.visible_to(user).filter(side="recipient"))


@pickers.purpose("division", "twinning.household")
def household_place(user: Any) -> Choice:
    return Choice(Place.everywhere.all())
