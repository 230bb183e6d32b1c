"""Users: a role from DESIGN.md's table and the organisation they act for."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duikou.core.roles import Role
from duikou.organisations.choices import OrganisationKind

# Which kind of organisation each role acts for (None: the role needs no organisation).
ROLE_ORGANISATION_KIND = {
    Role.ADMIN: None,
    Role.COORDINATOR: OrganisationKind.OVERSIGHT,
    Role.HQ: OrganisationKind.HQ,
    Role.WORK_GROUP: OrganisationKind.WORK_GROUP,
    Role.RECIPIENT: OrganisationKind.RECIPIENT_GOVERNMENT,
}


class User(AbstractUser):
    """A person who signs in. What they may see and change follows from role + organisation."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("acting for"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    failed_logins = models.PositiveSmallIntegerField(_("failed sign-ins"), default=0)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        full = self.get_full_name()
        return f"{full}（{self.username}）" if full else self.username

    def clean(self) -> None:
        super().clean()
        if not self.role:
            return
        kind = ROLE_ORGANISATION_KIND[Role(self.role)]
        if kind is None:
            return
        if self.organisation is None:
            if self.role != Role.COORDINATOR:
                raise ValidationError({"organisation": _("This role acts for an organisation.")})
            return
        if self.organisation.kind != kind:
            raise ValidationError({"organisation": _("The organisation does not fit the role.")})

    # -- lockout -------------------------------------------------------------------------
    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()

    def register_failed_login(self) -> None:
        self.failed_logins += 1
        if self.failed_logins >= settings.LOGIN_FAILURE_LIMIT:
            self.locked_until = timezone.now() + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
            self.failed_logins = 0
        self.save(update_fields=["failed_logins", "locked_until"])

    def register_successful_login(self) -> None:
        if self.failed_logins or self.locked_until:
            self.failed_logins = 0
            self.locked_until = None
            self.save(update_fields=["failed_logins", "locked_until"])
