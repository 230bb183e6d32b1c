"""Pickers of the teams app: teams, mentees, mentorships, and the persons a team or a
mentorship may name (the personnel app's persons, chosen here as mentors and members)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from duikou.core import pickers
from duikou.core.pickers import Choice, PickerKind
from duikou.personnel.models import Person
from duikou.teams.models import Mentee, Mentorship, Team


def _party_hint(obj: Any) -> str:
    return " · ".join(p for p in (obj.aiding_party.short_name, obj.code) if p)


pickers.register(
    PickerKind(
        name="team",
        model=Team,
        search=("name", "code"),
        order=("aiding_party__sort_order", "code"),
        related=("aiding_party",),
        hint=_party_hint,
        invalid=_("You may not choose this team here."),
    )
)
pickers.register(
    PickerKind(
        name="mentee",
        model=Mentee,
        search=("name", "code"),
        order=("code",),
        related=("aiding_party",),
        hint=_party_hint,
        invalid=_("You may not choose this mentee here."),
    )
)
pickers.register(
    PickerKind(
        name="mentorship",
        model=Mentorship,
        search=("code", "mentee__name", "mentor__name"),
        order=("-start", "id"),
        related=("mentor", "mentee"),
        invalid=_("You may not choose this mentorship here."),
    )
)
pickers.register(
    PickerKind(
        name="teams_person",
        model=Person,
        search=("name", "code"),
        order=("aiding_party__sort_order", "code"),
        related=("aiding_party",),
        hint=_party_hint,
        invalid=_("You may not choose this person here."),
    )
)


def _editable(model):
    def choose(user: Any) -> Choice:
        return Choice(model._default_manager.editable_by(user))

    return choose


for _kind, _model in (("team", Team), ("mentee", Mentee), ("mentorship", Mentorship)):
    pickers.purpose(_kind, "record")(_editable(_model))


@pickers.purpose("teams_person", "record")
def record_person(user: Any) -> Choice:
    """A person a caller may name as a member or mentor: those it may read (a member of
    another party needs a justification, which the model asks for)."""
    return Choice(Person.objects.visible_to(user))
