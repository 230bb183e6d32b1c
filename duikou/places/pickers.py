"""The place picker: every place by name, alias or code; a caller's own subtree first."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duikou.core import pickers
from duikou.core.pickers import Choice, PickerKind
from duikou.core.roles import Role
from duikou.core.scoping import Scope
from duikou.places.models import Place


def _hint(place: Place) -> str:
    parent = place.parent.name if place.parent_id else ""
    return " · ".join(part for part in (parent, place.code) if part)


pickers.register(
    PickerKind(
        name="place",
        model=Place,
        search=("name", "alias", "code"),
        public=True,
        order=("path",),
        related=("parent",),
        hint=_hint,
        invalid=_("You may not choose this place here."),
    )
)


def own_subtree(user: Any) -> Q | None:
    """The caller's own place and what lies below it, or None for a caller without a place."""
    scope = Scope.of(user)
    return Q(path__startswith=scope.place_path) if scope.place_path else None


@pickers.purpose("place", "record")
def record_place(user: Any) -> Choice:
    """Where the caller may put a record of its own: work groups and recipients inside their
    own place (their scope stops there), the others anywhere with their own subtree first."""
    scope = Scope.of(user)
    places = Place.objects.all()
    if scope.is_anonymous:
        return Choice(places.none())
    if scope.role in (Role.WORK_GROUP, Role.RECIPIENT):
        inside = own_subtree(user)
        return Choice(places.filter(inside) if inside is not None else places.none())
    return Choice(places, first=own_subtree(user))
