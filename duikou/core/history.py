"""The one mechanism that records changes: signal receivers on every TrackedModel.

Views and services never write history themselves. The acting user and request id come from
`duikou.core.context`, set by middleware for requests (and by DRF authentication for API
tokens) and by `acting_as` elsewhere. Many-to-many edits are recorded too (`m2m_changed`).

Bulk operations (`bulk_create`, COPY, queryset `update`) bypass signals. A loader that writes
in bulk records one creation entry per record, written in bulk as well: after `bulk_create`
call `record_bulk_creation(objects, source="demo_data")`; a PostgreSQL COPY loader streams
`creation_copy_lines(...)` into `CHANGE_RECORD_COPY_COLUMNS`. Either is attributed to the acting
user if there is one, else to "loader:<source>", under the run's request id. Other code that
uses bulk writes for user-facing edits records a ChangeRecord per object through
`record_change` (or saves per object).
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save

from duikou.core.context import current_request_id, current_user, new_request_id


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
    # Each value is made JSON-safe once: an import of 20,000 rows diffs 20 fields per row.
    changes: dict[str, list[Any]] = {}
    for key in sorted(before.keys() | after.keys()):
        old, new = json_safe(before.get(key)), json_safe(after.get(key))
        if old != new:
            changes[key] = [old, new]
    return changes


def record_change(
    instance: models.Model, action: str, changes: dict[str, list[Any]]
) -> models.Model:
    from duikou.core.models import ChangeRecord, record_key

    user = current_user.get()
    return ChangeRecord.objects.create(
        user=user if getattr(user, "pk", None) else None,
        user_name=getattr(user, "username", "") or "",
        request_id=current_request_id.get() or "",
        action=action,
        **record_key(instance),
        object_repr=str(instance)[:200],
        changes=changes,
    )


def bulk_attribution(source: str) -> dict[str, Any]:
    """Who a bulk load is recorded as: the acting user if any, else "loader:<source>".

    The request id is the run's (from `acting_as` or the request); without one a new id is made.
    """
    user = current_user.get()
    if getattr(user, "pk", None):
        return {
            "user": user,
            "user_name": user.username,
            "request_id": current_request_id.get() or new_request_id(f"{source}-"),
        }
    return {
        "user": None,
        "user_name": f"loader:{source}"[:150],
        "request_id": current_request_id.get() or new_request_id(f"{source}-"),
    }


def record_bulk_creation(
    objects: Iterable[models.Model], *, source: str, batch_size: int = 1000
) -> int:
    """One creation entry per object just written by `bulk_create`, written in bulk too.

    The objects must have their primary keys (bulk_create sets them on PostgreSQL and SQLite).
    Returns the number of entries written.
    """
    from duikou.core.models import ChangeRecord, TrackedModel

    who = bulk_attribution(source)
    types: dict[type, ContentType] = {}
    records = []
    for obj in objects:
        if not isinstance(obj, TrackedModel):
            continue
        model = type(obj)
        if model not in types:
            types[model] = ContentType.objects.get_for_model(model, for_concrete_model=False)
        after = obj.history_values()
        records.append(
            ChangeRecord(
                **who,
                action=ChangeRecord.Action.CREATE,
                content_type=types[model],
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                changes=diff({}, after),
            )
        )
        obj._history_snapshot = after
    ChangeRecord.objects.bulk_create(records, batch_size=batch_size)
    return len(records)


def record_bulk_updates(
    pairs: Iterable[tuple[models.Model, dict[str, Any]]], *, batch_size: int = 1000
) -> int:
    """One update entry per (record, values before) just written by `bulk_update`.

    Attributed like a request's own changes (the acting user and request id). Records whose
    values did not change get no entry. Returns the number of entries written.
    """
    from duikou.core.models import ChangeRecord, TrackedModel

    user = current_user.get()
    who = {
        "user": user if getattr(user, "pk", None) else None,
        "user_name": getattr(user, "username", "") or "",
        "request_id": current_request_id.get() or "",
    }
    types: dict[type, ContentType] = {}
    records = []
    for obj, before in pairs:
        if not isinstance(obj, TrackedModel):
            continue
        after = obj.history_values()
        changes = diff(before, after)
        obj._history_snapshot = after
        if not changes:
            continue
        model = type(obj)
        if model not in types:
            types[model] = ContentType.objects.get_for_model(model, for_concrete_model=False)
        records.append(
            ChangeRecord(
                **who,
                action=ChangeRecord.Action.UPDATE,
                content_type=types[model],
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                changes=changes,
            )
        )
    ChangeRecord.objects.bulk_create(records, batch_size=batch_size)
    return len(records)


# The ChangeRecord columns `creation_copy_lines` writes, in order.
CHANGE_RECORD_COPY_COLUMNS = [
    "timestamp",
    "user_id",
    "user_name",
    "request_id",
    "action",
    "content_type_id",
    "object_id",
    "object_repr",
    "changes",
]


def _copy_text(value: Any) -> str:
    """One value in PostgreSQL COPY text format."""
    if value is None:
        return "\\N"
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


def _from_copy_text(value: str) -> str | None:
    if value == "\\N":
        return None
    if "\\" not in value:
        return value
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            nxt = next(chars, "")
            out.append({"t": "\t", "n": "\n", "r": "\r"}.get(nxt, nxt))
        else:
            out.append(char)
    return "".join(out)


def _to_python(field: models.Field, value: str | None) -> Any:
    if value is None:
        return None
    result = field.to_python(value)
    if isinstance(field, models.DecimalField) and result is not None:
        result = result.quantize(decimal.Decimal(1).scaleb(-field.decimal_places))
    return result


def creation_copy_lines(
    model: type[models.Model],
    columns: list[str],
    lines: Iterable[str],
    *,
    source: str,
    object_repr: Callable[[dict[str, Any]], str],
    timestamp: dt.datetime | None = None,
) -> Iterator[str]:
    """COPY lines of creation entries (CHANGE_RECORD_COPY_COLUMNS) for COPY lines of `model`.

    `columns` names the columns of `lines` (which must include "id"); each value is read with
    its field's `to_python`, so the entry holds what `record_change` would. `object_repr` makes
    the record's label from those values (keyed by column name).
    """
    from django.utils import timezone

    from duikou.core.models import TrackedModel

    who = bulk_attribution(source)
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    fields = {f.column: f for f in model._meta.concrete_fields}
    excluded = set(TrackedModel.history_exclude) if issubclass(model, TrackedModel) else set()
    user_id = getattr(who["user"], "pk", None)
    fixed = "\t".join(
        [
            _copy_text((timestamp or timezone.now()).isoformat()),
            _copy_text(user_id),
            _copy_text(who["user_name"]),
            _copy_text(who["request_id"]),
            "create",
            str(content_type.pk),
        ]
    )
    for line in lines:
        raw = [_from_copy_text(v) for v in line.rstrip("\n").split("\t")]
        values = {
            column: _to_python(fields[column], value)
            for column, value in zip(columns, raw, strict=True)
        }
        changes = diff(
            {},
            {
                fields[c].attname: v
                for c, v in values.items()
                if not fields[c].primary_key and fields[c].name not in excluded
            },
        )
        yield (
            "\t".join(
                [
                    fixed,
                    _copy_text(values["id"]),
                    _copy_text(object_repr(values)[:200]),
                    _copy_text(json.dumps(changes, ensure_ascii=False)),
                ]
            )
            + "\n"
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
    from duikou.core.models import ChangeRecord, record_key

    request_id = current_request_id.get()
    latest = None
    if request_id:
        latest = (
            ChangeRecord.objects.filter(**record_key(obj), request_id=request_id)
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
    from duikou.core.models import ChangeRecord, record_key

    return ChangeRecord.objects.filter(**record_key(instance)).select_related(
        "user", "content_type"
    )
