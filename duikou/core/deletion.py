"""Deleting a record, or saying why it may not be deleted: one path for pages and the API.

A model refuses a delete in its own terms with `delete_refusal(self) -> str | None`
("已有拨付记录，不能删除"); a reference the model did not foresee (a PROTECT foreign key) is
caught as `ProtectedError` / `RestrictedError` and named, so a refused delete is never a 500.
The history of the delete is written by the TrackedModel delete signal, not here.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Model, ProtectedError, RestrictedError

from duikou.core.errors import Refused, refusal_for_delete


def delete_refusal(obj: Model) -> str | None:
    """The model's own reason not to delete `obj`, if it has one."""
    method = getattr(obj, "delete_refusal", None)
    return method() if callable(method) else None


def delete_or_refuse(obj: Model) -> Refused | None:
    """Delete `obj` (row locked, atomically) and return None, or the refusal saying why not:
    the model's own reason (code "delete_refused") or the references that protect it
    (code "protected", `core.errors.refusal_for_delete`)."""
    try:
        with transaction.atomic():
            locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
            refusal = delete_refusal(locked)
            if refusal:
                return Refused(refusal, code="delete_refused")
            locked.delete()
    except (ProtectedError, RestrictedError) as error:
        return refusal_for_delete(error)
    return None
