"""Deleting a record, or saying why it may not be deleted: one path for pages and the API.

A model refuses a delete in its own terms with `delete_refusal(self) -> str | None`
("已有拨付记录，不能删除"); a reference the model did not foresee (a PROTECT foreign key) is
caught as `ProtectedError` / `RestrictedError` and named, so a refused delete is never a 500.
The history of the delete is written by the TrackedModel delete signal, not here.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Model, ProtectedError, RestrictedError
from django.utils.text import get_text_list
from django.utils.translation import gettext as _


def delete_refusal(obj: Model) -> str | None:
    """The model's own reason not to delete `obj`, if it has one."""
    method = getattr(obj, "delete_refusal", None)
    return method() if callable(method) else None


def delete_or_refuse(obj: Model) -> str | None:
    """Delete `obj` (row locked, atomically) and return None, or return why it was not deleted."""
    try:
        with transaction.atomic():
            locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
            refusal = delete_refusal(locked)
            if refusal:
                return refusal
            locked.delete()
    except (ProtectedError, RestrictedError) as error:
        blocking = getattr(error, "protected_objects", None) or error.restricted_objects
        kinds = sorted({str(o._meta.verbose_name) for o in blocking})
        return _("%(object)s is still referred to by %(kinds)s and cannot be deleted.") % {
            "object": obj,
            "kinds": get_text_list(kinds, _("and")),
        }
    return None
