"""Workflows: states, the moves between them, who makes each move and what it needs.

One small module for every lifecycle of the platform (a project's 储备→…→移交, a fund plan's
approval, later the investment pipeline, indicator submissions and briefing issues). A model
declares its workflow once:

    PROJECT_FLOW = Workflow(
        "projects.Project", field="status",
        moves=[
            Step("planned", "approved", actor=COORDINATOR, label=_("Approve"),
                 needs={Need.DOCUMENT_NUMBER, Need.DATE}),
            Step("approved", "planned", actor=COORDINATOR, label=_("Send back"), send_back=True),
            ...
        ],
    )

and `flow.move(obj, "approved", user, document_number="苏援发〔2025〕3号")` does the rest in one
transaction: it locks the row among those the caller may see, checks that the move exists, that
the caller acts as its actor, that what the move needs was given and that the record is ready
(`Step.check`), sets the state (and whatever the model's `on_workflow_move(step, details,
user)` hook sets, e.g. who approved), checks the record as it will be saved, saves (history
records the field change with the user), and writes a `WorkflowMove` for the record's
timeline (who, when, opinion, 文号, attachment).

Refusals are `Refused` with the reason in the user's language, so pages show it and the API
answers 409 with a code; nothing is half-written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duikou.core.errors import Refused


class Need(StrEnum):
    """What a move can require of the person making it."""

    DATE = "date"
    OPINION = "opinion"
    DOCUMENT_NUMBER = "document_number"
    ATTACHMENT = "attachment"


NEED_LABELS = {
    Need.DATE: gettext_lazy("date"),
    Need.OPINION: gettext_lazy("opinion"),
    Need.DOCUMENT_NUMBER: gettext_lazy("document number"),
    Need.ATTACHMENT: gettext_lazy("attachment"),
}


@dataclass(frozen=True)
class Actor:
    """Who makes a move: a label for messages and a test of (user, record)."""

    name: str
    label: Any
    allows: Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Step:
    """One allowed move from `source` to `target`.

    needs: what the caller must supply (date, opinion, document number, attachment).
    confirm: the move cannot be undone; pages ask for a second confirmation.
    send_back: the move returns the record to an earlier state; an opinion (the reason) is
        required.
    check: the record's own readiness, returning the reason it is not ready or None.
    date_field: a date field of the record the move's date is written to (开工 sets the start
        date, 竣工 the finish date); the page asks for it, and it is required while the record
        has none.
    amount_field: a money field of the record the move's amount is written to (签约 sets the
        contracted amount); asked for and required like `date_field`.
    """

    source: str
    target: str
    actor: Actor
    label: Any = None
    needs: frozenset[Need] = frozenset()
    confirm: bool = False
    send_back: bool = False
    check: Callable[[Any], str | None] | None = None
    date_field: str | None = None
    amount_field: str | None = None

    @property
    def required(self) -> frozenset[Need]:
        return self.needs | {Need.OPINION} if self.send_back else self.needs


@dataclass
class MoveDetails:
    """What the caller supplied with a move."""

    date: Any = None
    opinion: str = ""
    document_number: str = ""
    attachment: Any = None
    amount: Any = None

    def given(self) -> set[Need]:
        present = {
            Need.DATE: self.date is not None,
            Need.OPINION: bool(self.opinion.strip()),
            Need.DOCUMENT_NUMBER: bool(self.document_number.strip()),
            Need.ATTACHMENT: self.attachment is not None,
        }
        return {need for need, ok in present.items() if ok}


@dataclass
class Workflow:
    """The states of one model's `field` and the moves between them."""

    model_label: str
    field: str
    moves: list[Step] = field(default_factory=list)

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    def label_of(self, state: str) -> str:
        choices = dict(self.model._meta.get_field(self.field).flatchoices)
        return str(choices.get(state, state))

    def step(self, source: str, target: str) -> Step | None:
        return next((s for s in self.moves if s.source == source and s.target == target), None)

    def allowed(self, user: Any, obj: Any) -> list[Step]:
        """The moves this user may make on the record now (for buttons and the API)."""
        state = getattr(obj, self.field)
        return [s for s in self.moves if s.source == state and s.actor.allows(user, obj)]

    def _refuse_unless_allowed(self, user: Any, obj: Any, target: str) -> Step:
        states = {value for value, _label in self.model._meta.get_field(self.field).flatchoices}
        if target not in states:
            raise Refused(
                _("%(state)s is not a state of this record.") % {"state": target}, code="state"
            )
        source = getattr(obj, self.field)
        labels = {"from": self.label_of(source), "to": self.label_of(target)}
        step = self.step(source, target)
        if step is None:
            raise Refused(_("A record cannot go from %(from)s to %(to)s.") % labels, code="move")
        if not step.actor.allows(user, obj):
            raise Refused(
                _("Only %(actor)s may move this record from %(from)s to %(to)s.")
                % {**labels, "actor": step.actor.label},
                code="actor",
            )
        return step

    def move(self, obj: Any, target: str, user: Any, **details: Any) -> Any:
        """Make the move or refuse with the reason; returns the saved record."""
        given = MoveDetails(**details)
        model = type(obj)
        with transaction.atomic():
            locked = (
                model.objects.visible_to(user)
                .select_for_update(of=("self",))
                .filter(pk=obj.pk)
                .first()
            )
            if locked is None:
                raise Refused(_("Record not found."), code="not_found")
            source = getattr(locked, self.field)
            step = self._refuse_unless_allowed(user, locked, target)
            missing = [NEED_LABELS[n] for n in sorted(step.required - given.given())]
            if missing:
                raise Refused(
                    _("This move needs: %(needs)s.") % {"needs": "、".join(map(str, missing))},
                    code="needs",
                )
            update = {self.field}
            if step.date_field:
                if given.date is not None:
                    setattr(locked, step.date_field, given.date)
                    update.add(step.date_field)
                elif getattr(locked, step.date_field) is None:
                    label = locked._meta.get_field(step.date_field).verbose_name
                    raise Refused(_("This move needs: %(needs)s.") % {"needs": label}, code="needs")
            if step.amount_field:
                if given.amount is not None:
                    setattr(locked, step.amount_field, given.amount)
                    update.add(step.amount_field)
                elif getattr(locked, step.amount_field) is None:
                    label = locked._meta.get_field(step.amount_field).verbose_name
                    raise Refused(_("This move needs: %(needs)s.") % {"needs": label}, code="needs")
            if step.check is not None and (reason := step.check(locked)):
                raise Refused(reason, code="not_ready")
            setattr(locked, self.field, target)
            on_move = getattr(locked, "on_workflow_move", None)
            if on_move is not None:
                update |= set(on_move(step, given, user) or ())
            try:  # the record as it will be saved must still satisfy the model's rules
                locked.full_clean(exclude=_unchanged_fields(locked, update))
            except ValidationError as invalid:
                raise Refused(" ".join(invalid.messages), code="invalid") from None
            locked.save(update_fields=sorted(update))
            record_move(locked, step, source, user, given)
        for name in update:
            setattr(obj, name, getattr(locked, name))
        obj.version = locked.version
        return locked


def _unchanged_fields(obj: models.Model, changed: Iterable[str]) -> list[str]:
    keep = set(changed)
    return [f.name for f in obj._meta.concrete_fields if f.name not in keep]


def record_move(obj: Any, step: Step, source: str, user: Any, given: MoveDetails) -> Any:
    from duikou.core.models import WorkflowMove, record_key

    return WorkflowMove.objects.create(
        **record_key(obj),
        source=source,
        target=step.target,
        is_send_back=step.send_back,
        user=user if getattr(user, "pk", None) else None,
        user_name=getattr(user, "username", "") or "",
        date=given.date or timezone.localdate(),
        opinion=given.opinion.strip(),
        document_number=given.document_number.strip(),
        attachment=given.attachment,
    )


def timeline(obj: Any) -> models.QuerySet:
    """The record's moves, oldest first."""
    from duikou.core.models import WorkflowMove, record_key

    return WorkflowMove.objects.filter(**record_key(obj)).select_related("user")


def move_from_request(flow: Workflow, request: Any, obj: Any) -> tuple[bool, str]:
    """Make the move a page's move form posted; (done, message for the user)."""
    from duikou.core.forms import MoveForm

    target = request.POST.get("target", "") or request.POST.get("status", "")
    step = flow.step(getattr(obj, flow.field), target)
    form = MoveForm(request.POST, request.FILES, step=step, record=obj)
    if step is None or not form.is_valid():
        if step is None:
            return False, _("A record cannot go from %(from)s to %(to)s.") % {
                "from": flow.label_of(getattr(obj, flow.field)),
                "to": flow.label_of(target),
            }
        errors = [
            f"{form.fields[name].label}: {' '.join(messages)}"
            if name in form.fields
            else " ".join(messages)
            for name, messages in form.errors.items()
        ]
        return False, "；".join(errors)
    try:
        flow.move(obj, target, request.user, **form.details())
    except Refused as refused:
        return False, " ".join(refused.messages)
    return True, _("%(record)s is now %(state)s.") % {
        "record": obj,
        "state": flow.label_of(target),
    }


def panel_context(flow: Workflow, user: Any, obj: Any) -> dict[str, Any]:
    """What `generic/_workflow.html` shows: the timeline and a form per move the user may make."""
    from duikou.core.forms import MoveForm

    moves = (
        [(step, MoveForm(step=step, record=obj)) for step in flow.allowed(user, obj)]
        if user.is_authenticated
        else []
    )
    return {
        "workflow": flow,
        "workflow_moves": moves,
        "workflow_timeline": [
            (move, flow.label_of(move.source), flow.label_of(move.target)) for move in timeline(obj)
        ],
    }
