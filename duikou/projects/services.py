"""Project workflows: the lifecycle move, with who may make it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from duikou.core.roles import Role
from duikou.core.scoping import Scope, can_edit
from duikou.projects.choices import (
    PUBLISHABLE_STATUSES,
    STANDARD_CATEGORIES,
    TRANSITIONS,
    Actor,
    Status,
    money_frozen,
)
from duikou.projects.models import Category, Project, may_amend_frozen


class Refused(ValidationError):
    """A workflow step the rules do not allow; the message says why, for the user."""


def actor_allows(user: Any, project: Project, actor: str) -> bool:
    """Whether `user` acts as `actor` for this project."""
    scope = Scope.of(user)
    if scope.role == Role.ADMIN:
        return True
    if actor == Actor.COORDINATOR:
        return scope.role == Role.COORDINATOR
    if actor == Actor.RECIPIENT:
        return scope.role == Role.RECIPIENT and scope.covers(project.place)
    return scope.role in (Role.HQ, Role.WORK_GROUP) and can_edit(user, project)


def allowed_moves(user: Any, project: Project) -> list[str]:
    """The statuses this user may move the project to now (for buttons and the API)."""
    return [
        to
        for (frm, to), actor in TRANSITIONS.items()
        if frm == project.status and actor_allows(user, project, actor)
    ]


def _check_move(user: Any, project: Project, to: str) -> None:
    if to not in Status.values:
        raise Refused(_("%(status)s is not a project status.") % {"status": to})
    frm = project.status
    actor = TRANSITIONS.get((frm, to))
    labels = {"from": Status(frm).label, "to": Status(to).label}
    if actor is None:
        raise Refused(_("A project cannot go from %(from)s to %(to)s.") % labels)
    if not actor_allows(user, project, actor):
        raise Refused(
            _("Only %(actor)s may move a project from %(from)s to %(to)s.")
            % {**labels, "actor": Actor(actor).label}
        )
    if to == Status.BUILDING and not project.start_date:
        raise Refused(_("Enter the start date before the project goes under construction."))
    if to == Status.COMPLETED and not project.finish_date:
        raise Refused(_("Enter the finish date before the project is completed."))


def change_status(project: Project, to: str, user: Any) -> Project:
    """Move a project to another lifecycle status, or refuse with the reason.

    Locks the project row so two people cannot make conflicting moves at once. History
    records the change like any other save. A published project moved back before 批复
    (the coordinator withdrawing an approval) is unpublished in the same save: only approved
    projects are public.
    """
    with transaction.atomic():
        locked = (
            Project.objects.visible_to(user)
            .select_for_update(of=("self",))
            .select_related("place")
            .filter(pk=project.pk)
            .first()
        )
        if locked is None:
            raise Refused(_("Project not found."))
        _check_move(user, locked, to)
        locked.status = to
        fields = ["status"]
        if locked.is_published and to not in PUBLISHABLE_STATUSES:
            locked.is_published = False
            fields.append("is_published")
        locked.save(update_fields=fields)
    project.status, project.version = locked.status, locked.version
    project.is_published = locked.is_published
    return locked


def check_deletable(project: Project) -> None:
    """An accepted or handed-over project is a record of finished work: it is kept."""
    if money_frozen(project.status):
        raise Refused(
            _("A project that is %(status)s is kept; it cannot be deleted.")
            % {"status": Status(project.status).label}
        )


def amend_frozen_project(
    project: Project, changes: dict[str, Any], user: Any, reason: str
) -> Project:
    """Change fields of an accepted or handed-over project: the coordinator's amendment.

    `changes` maps field names to new values. Refused unless `user` is the aid coordination
    office (or an administrator) and gives a reason; every other rule of the project still
    holds. History records the change with the user and the reason.
    """
    if not may_amend_frozen(user):
        raise Refused(_("Only the aid coordination office may amend an accepted project."))
    if not (reason or "").strip():
        raise Refused(_("Give a reason for amending this project."))
    unknown = sorted(set(changes) - {f.name for f in Project._meta.concrete_fields})
    if unknown or "status" in changes:
        raise Refused(
            _("%(fields)s cannot be amended.") % {"fields": ", ".join(unknown or ["status"])}
        )
    from django.core.exceptions import ValidationError  # the model's own errors, below

    from duikou.core.context import acting_as, current_request_id

    with transaction.atomic():
        locked = Project.objects.select_for_update(of=("self",)).get(pk=project.pk)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.change_reason, locked.amended_by = reason.strip(), user
        try:
            locked.full_clean()
        except ValidationError as invalid:
            raise Refused(invalid.messages) from None
        # History names the amending user even when this runs outside a request.
        with acting_as(user, current_request_id.get() or None):
            locked.save()
    return locked


def ensure_standard_categories() -> None:
    """Create the shipped category list where missing (also run by migration 0002).

    Needed again after a test database flush, which empties tables filled by migrations.
    """
    for order, (code, name, livelihood) in enumerate(STANDARD_CATEGORIES):
        Category.objects.get_or_create(
            code=code,
            defaults={"name": name, "counts_as_livelihood": livelihood, "sort_order": order},
        )
