"""Narrative reports read into data: an uploaded or pasted document and the quantities in it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duikou.core.models import TrackedModel
from duikou.core.roles import Role
from duikou.core.scoping import Scope, ScopeRule


@dataclass(frozen=True)
class OwnerOrganisationRule(ScopeRule):
    """Records belong to the organisation of the user who created them.

    A report someone uploads to the reader is a working copy of that organisation, not
    programme data: other organisations of the same aiding party or place do not see it.

    | role                  | read                          | change                      |
    |-----------------------|-------------------------------|-----------------------------|
    | admin                 | everything                    | everything                  |
    | coordinator           | everything                    | own organisation's records  |
    | hq, work group, recipient | own organisation's records | own organisation's records |
    | no organisation, anonymous | nothing                  | nothing                     |
    """

    organisation: str = "owner_organisation"

    def _own_q(self, scope: Scope) -> Q | None:
        if scope.organisation_id is None:
            return None
        return Q(**{f"{self.organisation}_id": scope.organisation_id})

    def read_q(self, scope: Scope, model: Any = None) -> Q | None:
        if scope.reads_everything:
            return Q()
        return self._own_q(scope)

    def edit_q(self, scope: Scope) -> Q | None:
        if scope.role == Role.ADMIN:
            return Q()
        return self._own_q(scope)


class ReportDocument(TrackedModel):
    """One report given to the reader: the file (or pasted text), its text and its quantities.

    Reading and extraction run as a background task (`duikou.reader.tasks`); `status` tells the
    page how far it got. `result` holds {"mentions": [Quantity.to_dict(), ...]}, the same shape
    the `duikou extract` command writes.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Reading")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="reader/%Y/%m/", blank=True)
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    error = models.TextField(_("error message"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report_documents",
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="report_documents",
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    scope_rule = OwnerOrganisationRule()
    # The text and the extraction result can be megabytes: history keeps the rest.
    history_exclude = (*TrackedModel.history_exclude, "text", "result")

    class Meta:
        verbose_name = _("report document")
        verbose_name_plural = _("report documents")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner_organisation", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reader:document", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def mentions(self) -> list[dict]:
        return list((self.result or {}).get("mentions", []))

    @property
    def text_length(self) -> int:
        """The length of the document's whole text; more than `len(text)` when it was cut."""
        return int((self.result or {}).get("text_length", len(self.text)))

    @property
    def mentions_found(self) -> int:
        """How many quantities the text held; more than `len(mentions)` when they were cut."""
        return int((self.result or {}).get("mentions_found", len(self.mentions)))
