"""The project picker, and what a project's form offers: a party's own places first."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duikou.core import pickers
from duikou.core.pickers import Choice, PickerKind
from duikou.core.scoping import Scope
from duikou.pairings.models import Pairing
from duikou.places.models import Place
from duikou.places.pickers import own_subtree, record_place
from duikou.projects.models import Project

pickers.register(
    PickerKind(
        name="project",
        model=Project,
        search=("code", "name"),
        order=("-plan_year", "code"),
        related=("aiding_party",),
        hint=lambda p: f"{p.aiding_party.short_name} · {p.plan_year}",
        invalid=_("You may not choose this project here."),
    )
)


@pickers.purpose("project", "record")
def record_project(user: Any) -> Choice:
    """A project the caller may attach its records to: one it may change."""
    return Choice(Project.objects.editable_by(user))


def _own_places(user: Any) -> Q | None:
    """The caller's own subtree, or for a headquarters its party's current pairings' places."""
    first = own_subtree(user)
    scope = Scope.of(user)
    if scope.party_id:
        paths = Place.objects.filter(
            pk__in=Pairing.objects.current()
            .filter(aiding_party_id=scope.party_id)
            .values("place_id")
        ).values_list("path", flat=True)
        for path in paths:
            paired = Q(path__startswith=path)
            first = paired if first is None else first | paired
    return first


@pickers.purpose("place", "project.place")
def project_place(user: Any) -> Choice:
    """A project's place: where the caller may put its records, its own places first."""
    return Choice(record_place(user).queryset, first=_own_places(user))


@pickers.purpose("place", "project.extra_places")
def project_extra_places(user: Any) -> Choice:
    """Further places a project covers may lie anywhere; the caller's own come first."""
    scope = Scope.of(user)
    places = Place.objects.none() if scope.is_anonymous else Place.objects.all()
    return Choice(places, first=_own_places(user))
