"""Users: a role from DESIGN.md's table and the organisation they act for."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
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

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any) -> User:
        user = super().from_db(db, field_names, values)
        if "password" in user.__dict__:  # not when deferred
            user._stored_password = user.password
        return user

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saves; a new password (set_password, the admin, any path) revokes the API tokens."""
        update_fields = kwargs.get("update_fields")
        changed = (
            not self._state.adding
            and (update_fields is None or "password" in update_fields)
            and (
                self._password is not None  # set_password() since the last save
                or self.password != getattr(self, "_stored_password", self.password)
            )
        )
        super().save(*args, **kwargs)
        self._stored_password = self.password
        if changed:
            from rest_framework.authtoken.models import Token

            Token.objects.filter(user=self).delete()

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
        """Count one failure, locking the account at the limit, in one UPDATE statement.

        Counting in the database (not read, add one, save) makes concurrent failures count
        each: the row is locked while the statement runs, and both assignments read the row
        as it was before it, so the failure that reaches the limit is the one that locks.
        """
        reaching = Q(failed_logins__gte=settings.LOGIN_FAILURE_LIMIT - 1)
        until = timezone.now() + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
        type(self)._default_manager.filter(pk=self.pk).update(
            failed_logins=Case(When(reaching, then=Value(0)), default=F("failed_logins") + 1),
            locked_until=Case(
                When(reaching, then=Value(until)),
                default=F("locked_until"),
                output_field=models.DateTimeField(),
            ),
        )
        self.refresh_from_db(fields=["failed_logins", "locked_until"])

    def register_successful_login(self) -> None:
        if self.failed_logins or self.locked_until:
            self.failed_logins = 0
            self.locked_until = None
            self.save(update_fields=["failed_logins", "locked_until"])
