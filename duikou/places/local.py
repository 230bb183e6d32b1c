"""Units a recipient office adds under its own county because the national codes lack them
(a new 连队, a farm): flagged `locally_added`, with a project-assigned code."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from duikou.core.roles import Role
from duikou.core.scoping import Scope
from duikou.places.choices import Level
from duikou.places.models import Place

CHILD_LEVEL = {Level.COUNTY: Level.TOWNSHIP, Level.TOWNSHIP: Level.VILLAGE}


def may_add_under(user: Any, parent: Place) -> bool:
    """Administrators and coordinators anywhere in the aided region; a recipient office
    inside its own place (its county)."""
    if not parent.aided or parent.level not in CHILD_LEVEL:
        return False
    scope = Scope.of(user)
    if scope.role in (Role.ADMIN, Role.COORDINATOR):
        return True
    return scope.role == Role.RECIPIENT and scope.covers(parent)


def add_local_unit(user: Any, parent: Place, name: str, kind: str = "", note: str = "") -> Place:
    """A town under a county, or a village (村/社区/连队) under a town, not in the national
    codes. Its code is the parent's code + "L" + a number (654024101L01)."""
    if not may_add_under(user, parent):
        raise PermissionDenied(_("You may not add places under %(place)s.") % {"place": parent})
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the unit's name.")})
    with transaction.atomic():
        siblings = Place.objects.select_for_update().filter(parent=parent)
        if siblings.filter(name=name).exists():
            raise ValidationError(
                {
                    "name": _("%(place)s already has a unit named %(name)s.")
                    % {"place": parent, "name": name}
                }
            )
        taken = set(
            Place.everywhere.filter(code__startswith=f"{parent.code}L").values_list(
                "code", flat=True
            )
        )
        number = next(n for n in range(1, 1000) if f"{parent.code}L{n:02d}" not in taken)
        place = Place(
            code=f"{parent.code}L{number:02d}",
            name=name,
            level=CHILD_LEVEL[parent.level],
            kind=kind.strip(),
            parent=parent,
            official_code=False,
            locally_added=True,
            verification=_("locally added by %(who)s")
            % {"who": getattr(getattr(user, "organisation", None), "name", "") or user},
            note=note,
        )
        place.full_clean()
        place.save()
    return place
