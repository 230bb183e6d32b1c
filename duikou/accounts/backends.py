"""Authentication with failed-login lockout."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

log = logging.getLogger("duikou.accounts")


class AccountLocked(PermissionDenied):
    """Raised to stop authentication altogether while an account is locked."""


class LockoutModelBackend(ModelBackend):
    """ModelBackend that counts consecutive failures and locks the account at the limit.

    A locked account is refused even with the right password, without revealing whether
    the password was right.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
        if user is not None and user.is_locked():
            log.warning("login refused: account locked", extra={"username": username})
            if request is not None:
                request.login_locked = True
            raise AccountLocked(_("This account is locked after too many failed sign-ins."))
        authenticated = super().authenticate(request, username=username, password=password)
        if user is not None:
            if authenticated is None:
                user.register_failed_login()
                log.info("login failed", extra={"username": username})
                if user.is_locked() and request is not None:
                    request.login_locked = True
            else:
                user.register_successful_login()
        return authenticated
