"""The aiding-party and organisation pickers."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duikou.core import pickers
from duikou.core.pickers import Choice, PickerKind
from duikou.core.roles import Role
from duikou.core.scoping import Scope
from duikou.organisations.models import AidingParty, Organisation

pickers.register(
    PickerKind(
        name="party",
        model=AidingParty,
        search=("name", "short_name", "code"),
        public=True,
        order=("sort_order", "code"),
        hint=lambda party: party.code,
        invalid=_("You may not choose this aiding party here."),
    )
)


def _organisation_hint(org: Organisation) -> str:
    side = org.aiding_party.short_name if org.aiding_party_id else ""
    where = org.place.name if org.place_id else ""
    return " · ".join(part for part in (side, where, org.code) if part)


pickers.register(
    PickerKind(
        name="organisation",
        model=Organisation,
        search=("name", "code"),
        order=("aiding_party__sort_order", "kind", "name"),
        related=("aiding_party", "place"),
        hint=_organisation_hint,
        invalid=_("You may not choose this organisation here."),
    )
)


@pickers.purpose("party", "record")
def record_party(user: Any) -> Choice:
    """The party a caller may give its records: a headquarters or work group only its own;
    administrators and coordinators any; everyone else none."""
    scope = Scope.of(user)
    parties = AidingParty.objects.all()
    if scope.reads_everything:
        return Choice(parties)
    if scope.role in (Role.HQ, Role.WORK_GROUP) and scope.party_id:
        return Choice(parties.filter(pk=scope.party_id))
    return Choice(parties.none())


@pickers.purpose("organisation", "record")
def record_organisation(user: Any) -> Choice:
    """An organisation a caller may link its records to (implementing organisation, parent):
    what it may read, and for an aiding party's users only their own party's or local ones,
    their own party's first."""
    scope = Scope.of(user)
    organisations = Organisation.objects.visible_to(user)
    if scope.role in (Role.HQ, Role.WORK_GROUP) and scope.party_id:
        own = Q(aiding_party_id=scope.party_id)
        return Choice(organisations.filter(own | Q(aiding_party__isnull=True)), first=own)
    return Choice(organisations)
