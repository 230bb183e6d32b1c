"""The one mechanism that records changes: signal receivers on every TrackedModel.

Views and services never write history themselves. The acting user and request id come from
`duikou.core.context`, set by middleware for requests and by `acting_as` elsewhere.
Bulk operations (`bulk_create`, queryset `update`) bypass signals by design; code that uses them
for user-facing edits must record a ChangeRecord per object through `record_change`.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_save

from duikou.core.context import current_request_id, current_user


def json_safe(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    return str(value)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    keys = before.keys() | after.keys()
    return {
        key: [json_safe(before.get(key)), json_safe(after.get(key))]
        for key in sorted(keys)
        if json_safe(before.get(key)) != json_safe(after.get(key))
    }


def record_change(
    instance: models.Model, action: str, changes: dict[str, list[Any]]
) -> models.Model:
    from duikou.core.models import ChangeRecord

    user = current_user.get()
    return ChangeRecord.objects.create(
        user=user if getattr(user, "pk", None) else None,
        user_name=getattr(user, "username", "") or "",
        request_id=current_request_id.get() or "",
        action=action,
        content_type=ContentType.objects.get_for_model(type(instance), for_concrete_model=False),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        changes=changes,
    )


def _on_save(sender: type[models.Model], instance: Any, created: bool, raw: bool, **kw: Any):
    from duikou.core.models import TrackedModel

    if raw or not isinstance(instance, TrackedModel):
        return
    after = instance.history_values()
    before = {} if created else getattr(instance, "_history_snapshot", {})
    changes = diff(before, after)
    if created or changes:
        record_change(instance, "create" if created else "update", changes)
    instance._history_snapshot = after


def _on_delete(sender: type[models.Model], instance: Any, **kw: Any) -> None:
    from duikou.core.models import TrackedModel

    if not isinstance(instance, TrackedModel):
        return
    record_change(instance, "delete", diff(instance.history_values(), {}))


def connect_signals() -> None:
    post_save.connect(_on_save, dispatch_uid="duikou.history.save")
    post_delete.connect(_on_delete, dispatch_uid="duikou.history.delete")


def history_for(instance: models.Model) -> models.QuerySet:
    from duikou.core.models import ChangeRecord

    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(type(instance), for_concrete_model=False),
        object_id=str(instance.pk),
    ).select_related("user", "content_type")
