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
from django.db.models.signals import m2m_changed, post_delete, post_save

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


def _m2m_field(model: type[models.Model], through: type[models.Model]) -> Any | None:
    """The many-to-many field of `model` whose join table is `through`."""
    for field in model._meta.many_to_many:
        if field.remote_field.through is through:
            return field
    return None


def _related_ids(obj: models.Model, field: Any) -> list[Any]:
    return sorted(json_safe(pk) for pk in getattr(obj, field.name).values_list("pk", flat=True))


def _record_m2m(obj: models.Model, field: Any, before: list[Any], after: list[Any]) -> None:
    """One many-to-many change as `{field: [ids before, ids after]}`.

    A form or serializer saves the record and then sets its relations (`set` removes, then
    adds); changes made under the same request id are one logical edit, so they are merged
    into that request's latest record of the object instead of adding a record per step.
    """
    from duikou.core.models import ChangeRecord

    request_id = current_request_id.get()
    latest = None
    if request_id:
        latest = (
            ChangeRecord.objects.filter(
                content_type=ContentType.objects.get_for_model(type(obj), for_concrete_model=False),
                object_id=str(obj.pk),
                request_id=request_id,
            )
            .order_by("-id")
            .first()
        )
    if latest is not None and latest.action != ChangeRecord.Action.DELETE:
        first = latest.changes.get(field.name, [before, after])[0]
        if first == after:
            latest.changes.pop(field.name, None)
        else:
            latest.changes[field.name] = [first, after]
        if latest.changes or latest.action == ChangeRecord.Action.CREATE:
            latest.save(update_fields=["changes"])
        else:
            latest.delete()
    elif before != after:
        record_change(obj, "update", {field.name: [before, after]})


def _on_m2m_changed(
    sender: type[models.Model],
    instance: Any,
    action: str,
    reverse: bool,
    model: type[models.Model],
    pk_set: set[Any] | None,
    **kw: Any,
) -> None:
    """Many-to-many edits (`add`, `remove`, `set`, `clear`, either side) of a TrackedModel."""
    from duikou.core.models import TrackedModel

    tracked_model = model if reverse else type(instance)
    if not issubclass(tracked_model, TrackedModel):
        return
    field = _m2m_field(tracked_model, sender)
    if field is None:
        return
    phase, _sep, _kind = action.partition("_")
    if reverse:
        # Changed from the other side: every record of `model` named in pk_set (all related
        # ones for a clear) has a new list of related ids.
        if phase == "pre":
            if pk_set is None:
                accessor = field.remote_field.get_accessor_name()
                pks = set(getattr(instance, accessor).values_list("pk", flat=True))
            else:
                pks = set(pk_set)
            objs = list(tracked_model._default_manager.filter(pk__in=pks))
            instance._history_m2m_pending = [(o, _related_ids(o, field)) for o in objs]
        else:
            for obj, before in getattr(instance, "_history_m2m_pending", []):
                _record_m2m(obj, field, before, _related_ids(obj, field))
            instance._history_m2m_pending = []
        return
    if phase == "pre":
        instance._history_m2m_before = _related_ids(instance, field)
    else:
        before = getattr(instance, "_history_m2m_before", None)
        after = _related_ids(instance, field)
        _record_m2m(instance, field, after if before is None else before, after)
        instance._history_m2m_before = None


def connect_signals() -> None:
    post_save.connect(_on_save, dispatch_uid="duikou.history.save")
    post_delete.connect(_on_delete, dispatch_uid="duikou.history.delete")
    m2m_changed.connect(_on_m2m_changed, dispatch_uid="duikou.history.m2m")


def history_for(instance: models.Model) -> models.QuerySet:
    from duikou.core.models import ChangeRecord

    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(type(instance), for_concrete_model=False),
        object_id=str(instance.pk),
    ).select_related("user", "content_type")
