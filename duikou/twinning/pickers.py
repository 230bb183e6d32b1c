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
    """A county, town or village, the aiding provinces' own first. A recipient-side one may be
    chosen too: the pair's rule then says why it cannot be (both units on one side)."""
    return Choice(Place.everywhere.filter(level__in=UNIT_LEVELS), first=Q(aided=False))


@pickers.purpose("division", "twinning.recipient")
def recipient_place(user: Any) -> Choice:
    """A town or village of the aided region, a work group's or recipient's own county first
    (their scope stops there: `Pair.scope_rule` refuses a pair outside it when saved)."""
    scope = Scope.of(user)
    places = Place.everywhere.filter(level__in=UNIT_LEVELS)
    if scope.is_anonymous:
        return Choice(places.none())
    first = Q(aided=True, level__in=[Level.TOWNSHIP, Level.VILLAGE])
    if scope.place_path:
        first &= Q(path__startswith=scope.place_path)
    return Choice(places, first=first)


@pickers.purpose("organisation", "twinning.aiding")
def aiding_organisation(user: Any) -> Choice:
    scope = Scope.of(user)
    organisations = Organisation.objects.visible_to(user)
    own = Q(aiding_party__isnull=False)
    if scope.role in (Role.HQ, Role.WORK_GROUP) and scope.party_id:
        own = Q(aiding_party_id=scope.party_id)
    return Choice(organisations, first=own)


@pickers.purpose("organisation", "twinning.recipient")
def recipient_organisation(user: Any) -> Choice:
    return Choice(Organisation.objects.visible_to(user), first=Q(aiding_party__isnull=True))


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
    return Choice(Household.objects.visible_to(user), first=Q(side="aiding"))


@pickers.purpose("household", "twinning.recipient")
def recipient_household(user: Any) -> Choice:
    return Choice(Household.objects.visible_to(user), first=Q(side="recipient"))


@pickers.purpose("division", "twinning.household")
def household_place(user: Any) -> Choice:
    return Choice(Place.everywhere.all())
