"""API permission: the REST framework's door into the one scoping mechanism.

Kept apart from `duikou.core.api` because the REST framework imports its permission classes
while it is itself being imported.
"""

from __future__ import annotations

from rest_framework import permissions

from duikou.core.scoping import can_create, can_edit


class ScopedPermission(permissions.BasePermission):
    """Reads follow `visible_to` (through the queryset); writes need a signed-in user whose
    change scope covers the stored object (403 otherwise). The record as saved is checked by
    `duikou.core.writes.save_in_scope`."""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        if not (request.user and request.user.is_authenticated):
            return False
        model = getattr(getattr(view, "queryset", None), "model", None)
        return model is None or can_create(request.user, model)

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return can_edit(request.user, obj)
