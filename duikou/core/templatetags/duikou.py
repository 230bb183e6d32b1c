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
                    shown = getattr(model, f"display_{attname}", None)
                    if field.choices:
                        names = dict(field.flatchoices)
                        before, after = names.get(before, before), names.get(after, after)
                    elif callable(shown):  # the model says how people read this field
                        before, after = (shown(v) if v else v for v in (before, after))
                    else:
                        before, after = _for_people(field, before), _for_people(field, after)
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


def _for_people(field: Any, value: Any) -> Any:
    """A stored value as a person reads it: a time as 2026-12-01 14:05 (local time), a date
    as 2026-12-01, money with thousands separators and its unit."""
    import datetime as dt
    from decimal import Decimal, InvalidOperation

    from django.db import models
    from django.utils import timezone

    from duikou.core.forms import YUAN, money_unit

    if value in (None, ""):
        return value
    if isinstance(field, models.DateTimeField):
        try:
            moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
        except (TypeError, ValueError):
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%Y-%m-%d %H:%M")
    if isinstance(field, models.DateField):
        return str(value)[:10]
    if isinstance(field, models.DecimalField):
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            return value
        unit = money_unit(field)
        if unit == YUAN:
            return _("%(amount)s yuan") % {"amount": f"{amount:,.2f}"}
        if unit is not None:
            return _("%(amount)s 10k yuan") % {"amount": f"{amount:,.2f}"}
        return f"{amount:,}"
    return value


def _display(value: Any) -> Any:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


@register.inclusion_tag("generic/_inline_fields.html")
def inline_fields(form: Any, prefix: str, layout: str = "row") -> dict[str, Any]:
    """A form's fields, styled, with element ids of their own: several forms on one page
    (progress, transactions, workflow moves) never repeat an id such as `id_date`.

    `{% inline_fields progress_form "progress" %}` gives ids `id_progress_date` …; the field
    names (what the view reads) stay as they are."""
    form.auto_id = f"id_{prefix}_%s"
    for bound in form.visible_fields():
        widget = bound.field.widget
        input_type = getattr(widget, "input_type", "")
        if input_type == "checkbox":
            css = "form-check-input"
        elif input_type == "select" or widget.__class__.__name__.endswith("Select"):
            css = "form-select form-select-sm"
        else:
            css = "form-control form-control-sm"
        classes = widget.attrs.get("class", "")
        if css not in classes:
            widget.attrs["class"] = f"{classes} {css}".strip()
    return {"form": form, "layout": layout}


# The loaders that write in bulk, by the name history records them under ("loader:<source>").
LOADER_NAMES = {
    "demo_data": gettext_lazy("demo data"),
    "import": gettext_lazy("a file import"),
    "national": gettext_lazy("national-scale data"),
}


@register.filter
def actor(user_name: str) -> str:
    """Who made a change, as people read it: a user's name, or which loader wrote it."""
    if not user_name:
        return _("system")
    if user_name.startswith("loader:"):
        source = user_name.removeprefix("loader:")
        return _("loaded in bulk (%(source)s)") % {"source": LOADER_NAMES.get(source, source)}
    return user_name


@register.filter
def wan(value: Any, places: int = 2) -> str:
    """Yuan shown in 万元 (10,000 yuan), the unit people read aid money in."""
    return money.wan(value, places)


@register.simple_tag(takes_context=True)
def page_url(context: dict[str, Any], page: int) -> str:
    query = context.get("query_string", "")
    return f"?{query}&page={page}" if query else f"?page={page}"
