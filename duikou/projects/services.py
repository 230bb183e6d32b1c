"""Project workflows: the lifecycle (on the core workflow module) and the category list."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duikou.core.errors import Refused  # noqa: F401 (imported from here by older callers)
from duikou.core.roles import Role
from duikou.core.scoping import Scope, can_edit
from duikou.core.workflow import Actor, Need, Step, Workflow
from duikou.projects.choices import STANDARD_CATEGORIES, Status
from duikou.projects.models import Category, Project, may_amend_frozen


def _acts_for_the_party(user: Any, project: Project) -> bool:
    return Scope.of(user).role in (Role.HQ, Role.WORK_GROUP, Role.ADMIN) and can_edit(user, project)


def _is_the_coordinator(user: Any, project: Project) -> bool:
    return Scope.of(user).role in (Role.COORDINATOR, Role.ADMIN)


def _is_the_recipient(user: Any, project: Project) -> bool:
    scope = Scope.of(user)
    return scope.role == Role.ADMIN or (
        scope.role == Role.RECIPIENT and scope.covers(project.place)
    )


PARTY = Actor(
    "party", gettext_lazy("the aiding party (headquarters or work group)"), _acts_for_the_party
)
COORDINATOR = Actor("coordinator", gettext_lazy("the aid coordination office"), _is_the_coordinator)
RECIPIENT = Actor(
    "recipient", gettext_lazy("the recipient government of the place"), _is_the_recipient
)


# The lifecycle 储备→计划→批复→在建→竣工→验收→移交: who makes each move and what it needs.
LIFECYCLE = Workflow(
    "projects.Project",
    field="status",
    moves=[
        Step(Status.RESERVE, Status.PLANNED, PARTY, gettext_lazy("Put into the plan")),
        Step(Status.PLANNED, Status.RESERVE, PARTY, gettext_lazy("Back to the reserve")),
        Step(
            Status.PLANNED,
            Status.APPROVED,
            COORDINATOR,
            gettext_lazy("Approve"),
            needs=frozenset({Need.DOCUMENT_NUMBER}),
        ),
        Step(
            Status.APPROVED, Status.PLANNED, COORDINATOR, gettext_lazy("Send back"), send_back=True
        ),
        Step(
            Status.APPROVED,
            Status.BUILDING,
            PARTY,
            gettext_lazy("Start construction"),
            date_field="start_date",
        ),
        Step(
            Status.BUILDING,
            Status.COMPLETED,
            PARTY,
            gettext_lazy("Complete"),
            date_field="finish_date",
        ),
        Step(
            Status.COMPLETED,
            Status.ACCEPTED,
            RECIPIENT,
            gettext_lazy("Accept"),
            needs=frozenset({Need.OPINION}),
            confirm=True,
        ),
        Step(
            Status.ACCEPTED, Status.HANDED_OVER, RECIPIENT, gettext_lazy("Take over"), confirm=True
        ),
    ],
)


def allowed_moves(user: Any, project: Project) -> list[str]:
    """The statuses this user may move the project to now (for buttons and the API)."""
    return [step.target for step in LIFECYCLE.allowed(user, project)]


def change_status(project: Project, to: str, user: Any, **details: Any) -> Project:
    """Move a project to another lifecycle status, or refuse with the reason.

    `details` are what the move needs (document_number, opinion, date, attachment); the move is
    kept on the project's timeline and its status change in history.
    """
    return LIFECYCLE.move(project, to, user, **details)


def check_deletable(project: Project) -> None:
    """Refused unless `project` may be deleted (its model's `delete_refusal`)."""
    refusal = project.delete_refusal()
    if refusal:
        raise Refused(refusal, code="delete_refused")


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
