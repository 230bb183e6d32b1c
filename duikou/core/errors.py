"""One way to refuse: the domain exception every rule raises, and what a refused delete says.

A service or model rule raises `Refused` with a message for the user and a machine-readable
`code`. Pages show the message; the API maps it once (`duikou.core.api_errors`) to 409 for a
refusal by the rules of the record's state (or 400 when `status` says the input was invalid).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _


class Refused(ValidationError):
    """A step the rules do not allow; the message says why, for the user.

    `code` is machine-readable (the API returns it); `status` is the HTTP status the API
    answers with: 409 (the record's state forbids it) unless the caller says 400 (bad input).
    """

    def __init__(
        self, message: Any, code: str | None = "refused", params: Any = None, *, status: int = 409
    ) -> None:
        super().__init__(message, code=code, params=params)
        self.status = status
        self.extra: dict[str, Any] = {}  # more for the API answer (e.g. the related kinds)

    @property
    def refusal_code(self) -> str:
        return getattr(self, "code", None) or "refused"


def related_kinds(exc: ProtectedError | RestrictedError) -> list[str]:
    """The kinds of record (plural verbose names) that keep a record from being deleted."""
    objects = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", ())
    kinds: list[str] = []
    for obj in objects:
        name = str(type(obj)._meta.verbose_name_plural)
        if name not in kinds:
            kinds.append(name)
    return kinds


def refusal_for_delete(exc: ProtectedError | RestrictedError) -> Refused:
    """The refusal a blocked delete gives: which kinds of record still refer to it."""
    kinds = related_kinds(exc)
    refused = Refused(
        _("It cannot be deleted: there are %(related)s that refer to it.")
        # The separator is a message too: "、" in Chinese.
        % {"related": _(", ").join(kinds) if kinds else _("records")},
        code="protected",
    )
    refused.extra = {"related": kinds}
    return refused
