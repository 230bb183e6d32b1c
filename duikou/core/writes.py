"""The one write path every page, API call and import goes through: save, then check scope.

A check of the stored row lets an edit move a record out of the caller's scope, and a Python
copy of each scope rule drifts from the query it copies. So, as NetBox does, the record is
saved inside a transaction (a savepoint when one is already open) and the caller's
`editable_by` queryset must still contain it afterwards; otherwise the save is rolled back and
refused. The same place refuses changes to scope-defining fields (`scope_fields` on a model,
such as an organisation's place) by anyone but administrators and coordinators.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from duikou.core.roles import Role
from duikou.core.scoping import Scope

# Who may change the fields that define someone else's scope.
SCOPE_OFFICES = (Role.ADMIN, Role.COORDINATOR)


class OutOfScope(PermissionDenied):
    """A write refused because of the caller's scope (pages show it, the API answers 403)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def changed_scope_fields(obj: Model, before: dict[str, Any]) -> list[str]:
    """The model's `scope_fields` whose value differs from `before` (the stored values)."""
    names = getattr(type(obj), "scope_fields", ())
    changed = []
    for name in names:
        attname = obj._meta.get_field(name).attname
        if attname in before and before[attname] != getattr(obj, attname):
            changed.append(name)
    return changed


def check_scope_fields(user: Any, obj: Model, before: dict[str, Any]) -> None:
    """Refuse a change of a scope-defining field unless the caller is an administrator or a
    coordinator. `before` holds the stored values; a new record has none to compare."""
    if Scope.of(user).role in SCOPE_OFFICES:
        return
    changed = changed_scope_fields(obj, before)
    if changed:
        labels = [str(obj._meta.get_field(name).verbose_name) for name in changed]
        raise OutOfScope(
            _("Only administrators and coordinators may change the %(fields)s of this record.")
            % {"fields": get_text_list(labels, _("and"))}
        )


def in_change_scope(user: Any, model: type[Model], pk: Any) -> bool:
    """Whether the saved record `pk` lies in the caller's change scope (one query)."""
    if pk is None:
        return False
    return model._default_manager.editable_by(user).filter(pk=pk).exists()


def save_in_scope(
    user: Any, obj: Model | None, save: Callable[[], Model | None] | None = None
) -> Model:
    """Save a record as the caller and require that it lies in their change scope afterwards.

    `obj` is the instance about to be saved (None when `save` creates it, as a serializer
    does); `save` writes it with whatever else belongs to it (many-to-many values) and
    defaults to `obj.save`. Runs in a savepoint: when the saved record is outside
    `editable_by(user)`, or a scope field changed without the right, everything `save` wrote
    is rolled back and `OutOfScope` is raised.
    """
    stored = dict(getattr(obj, "_history_snapshot", {})) if obj is not None and obj.pk else {}
    with transaction.atomic():
        result = save() if save is not None else obj.save()
        saved = result if isinstance(result, Model) else obj
        if saved is None:
            raise ValueError("save_in_scope: nothing was saved")
        if not in_change_scope(user, type(saved), saved.pk):
            raise OutOfScope(_("You may not save a record outside your own scope."))
        if stored:
            check_scope_fields(user, saved, stored)
    return saved
