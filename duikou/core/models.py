"""Shared base models: tracked (versioned, history-keeping) records and the change log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from duikou.core.scoping import ScopedQuerySet


def record_key(obj: models.Model) -> dict[str, Any]:
    """How the change log, workflow timelines and task runs name the record they are about:
    its content type and primary key (one definition, so the three always agree)."""
    return {
        "content_type": ContentType.objects.get_for_model(type(obj), for_concrete_model=False),
        "object_id": str(obj.pk),
    }


class TrackedModel(models.Model):
    """A record whose every change is kept in history and whose edits carry a version.

    `version` increases on every save, so an edit based on a stale copy can be refused.
    The field values as loaded from the database are kept in `_history_snapshot` so the
    history mechanism can record before/after without another query.
    """

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = ScopedQuerySet.as_manager()

    history_exclude: tuple[str, ...] = ("created_at", "updated_at", "version")

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            self.version = (self.version or 0) + 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version", "updated_at"}
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any) -> TrackedModel:
        instance = super().from_db(db, field_names, values)
        instance._history_snapshot = instance.history_values()
        return instance

    def clean(self) -> None:
        """The rules other apps registered for this model (core/rules.py)."""
        from duikou.core import rules

        rules.check(self)

    def history_values(self) -> dict[str, Any]:
        """The field values history compares, keyed by attribute name (FKs by id)."""
        return {
            field.attname: getattr(self, field.attname)
            for field in self._meta.concrete_fields
            if not field.primary_key
            and field.name not in self.history_exclude
            and field.attname in self.__dict__
        }


class AttributedRecord(models.Model):
    """Who did something: the user (kept by name too, should the account go) — for the
    change log and the workflow timeline."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user_name = models.CharField(_("user name"), max_length=150, blank=True)

    class Meta:
        abstract = True


class ChangeRecord(AttributedRecord):
    """One create, update or delete of a tracked record: who, when, under which request, what."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Updated")
        DELETE = "delete", _("Deleted")

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    # {"field attname": [before, after]} with JSON-safe values.
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        verbose_name = _("change record")
        verbose_name_plural = _("change records")
        ordering = ["-timestamp", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-timestamp"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def model_class(self) -> type[models.Model] | None:
        return self.content_type.model_class()


class WorkflowMove(AttributedRecord):
    """One move of a record through its workflow: the timeline shown on the record's page.

    The state field's change is in the change log as well; this keeps what only a move has:
    the opinion (the reason of a send-back), the document number (文号), the date the move
    stands for and an attachment.
    """

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(_("object id"), max_length=64)
    source = models.CharField(_("from"), max_length=30)
    target = models.CharField(_("to"), max_length=30)
    is_send_back = models.BooleanField(_("sent back"), default=False)
    date = models.DateField(_("date"))
    opinion = models.TextField(_("opinion"), blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    attachment = models.FileField(_("attachment"), upload_to="workflow/%Y/", blank=True)

    class Meta:
        verbose_name = _("workflow move")
        verbose_name_plural = _("workflow moves")
        ordering = ["timestamp", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "timestamp"])]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


class TaskRunQuerySet(models.QuerySet):
    """Who sees which task runs: their own; coordinators and administrators every one."""

    def visible_to(self, user: Any) -> TaskRunQuerySet:
        from duikou.core.scoping import Scope

        scope = Scope.of(user)
        if scope.reads_everything:
            return self.all()
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(owner=user)

    def for_object(self, obj: models.Model) -> TaskRunQuerySet:
        """The runs that worked on `obj`, newest first."""
        return self.filter(**record_key(obj))


class TaskRun(models.Model):
    """One piece of long work run as a background task, as its owner follows it.

    The queue itself is django-tasks' (`task_result_id` names its result); this record is what
    the pages show: who started it, how far it got (`done` of `total`, `stage`), and how it
    ended (a message, the errors, a link to what it made). `duikou.core.tasks` writes it.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=64, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    function = models.CharField(_("function"), max_length=200)
    arguments = models.JSONField(_("arguments"), default=list, blank=True)
    atomic = models.BooleanField(_("in one transaction"), default=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="task_runs",
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What the task works on, if anything (a document, an import file), so its page can link.
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.QUEUED, db_index=True
    )
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    message = models.TextField(_("outcome"), blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    result_url = models.CharField(_("result"), max_length=500, blank=True)
    task_result_id = models.CharField(_("task result id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = TaskRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "-created_at"]),
            models.Index(fields=["content_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:task", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def percent(self) -> int:
        """How far the task got, 0–100 (a finished task is at 100)."""
        if self.state == self.State.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)
