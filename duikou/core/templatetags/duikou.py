"""Template helpers shared by every app's pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duikou.core import panels as panel_registry
from duikou.core.models import ChangeRecord
from duikou.lib import money

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context: dict[str, Any], obj: Any, slot: str = "main") -> str:
    """The panels other apps registered for this record's detail page (core/panels.py)."""
    return panel_registry.render_panels(context["request"], obj, slot)


# Entries history records beside the fields (see AmendmentMixin in projects/models.py).
PSEUDO_FIELDS = {"change_reason": gettext_lazy("reason for the change")}


@register.simple_tag
def change_rows(record: ChangeRecord) -> list[tuple[str, Any, Any]]:
    """(field label, before, after) for one change record, FK ids shown as their objects."""
    model = record.model_class()
    rows = []
    for attname, (before, after) in record.changes.items():
        if record.action == ChangeRecord.Action.CREATE and after in (None, ""):
            continue  # an empty field of a new record is not news
        if record.action == ChangeRecord.Action.CREATE and after == []:
            continue
        label, related = PSEUDO_FIELDS.get(attname, attname), None
        if model is not None:
            for field in model._meta.concrete_fields:
                if field.attname == attname:
                    label = str(field.verbose_name)
                    related = field.related_model if field.is_relation else None
                    if field.choices:
                        names = dict(field.flatchoices)
                        before, after = names.get(before, before), names.get(after, after)
                    break
            for field in model._meta.many_to_many:
                if field.name == attname:
                    label = str(field.verbose_name)
                    before, after = _related_lists(field.related_model, before, after)
                    break
        if related is not None:
            ids = [v for v in (before, after) if v is not None]
            objs = {str(o.pk): str(o) for o in related._default_manager.filter(pk__in=ids)}
            before = objs.get(str(before), before) if before is not None else None
            after = objs.get(str(after), after) if after is not None else None
        rows.append((label, _display(before), _display(after)))
    return rows


def _related_lists(related: Any, before: Any, after: Any) -> tuple[Any, Any]:
    """Many-to-many id lists shown as the related objects, joined by 、 ("—" when empty)."""
    lists = [v if isinstance(v, list) else [] for v in (before, after)]
    ids = {str(pk) for ids in lists for pk in ids}
    objs = {str(o.pk): str(o) for o in related._default_manager.filter(pk__in=ids)}
    shown = ["、".join(objs.get(str(pk), str(pk)) for pk in ids) or None for ids in lists]
    return shown[0], shown[1]


def _display(value: Any) -> Any:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


@register.filter
def wan(value: Any, places: int = 2) -> str:
    """Yuan shown in 万元 (10,000 yuan), the unit people read aid money in."""
    return money.wan(value, places)


@register.simple_tag(takes_context=True)
def page_url(context: dict[str, Any], page: int) -> str:
    query = context.get("query_string", "")
    return f"?{query}&page={page}" if query else f"?page={page}"
