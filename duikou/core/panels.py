"""Panels: blocks that later apps add to the detail pages of earlier apps.

An app that has something to show on another app's page (the pairings of a place, the two-80
figures of an aiding party, the money of a project) registers a panel for that model in its own
`panels.py`; the page renders `{% panels object %}` and never imports the later app. So the
dependency runs one way: pairings know places, places know nothing of pairings.

    # duikou/pairings/panels.py
    @panels.register("places.Place", "pairings/_place_pairings.html", order=10)
    def place_pairings(request, place):
        return {"pairings": ...}          # or None: nothing to show to this caller

A panel's function reads through `visible_to(request.user)` like every other read, and returns
None when the caller may see nothing of it, so the block is left out rather than shown empty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.module_loading import autodiscover_modules
from django.utils.safestring import SafeString, mark_safe

PanelContext = Callable[[HttpRequest, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    model: str  # "app_label.ModelName", case-insensitive
    template: str
    context: PanelContext
    order: int = 100
    slot: str = "main"  # where on the page: "main" below the record, "top" above the rest


_registry: dict[str, list[Panel]] = {}


def _key(model: str | type[Model] | Model) -> str:
    if isinstance(model, str):
        return model.lower()
    return model._meta.label_lower


def register(
    model: str, template: str, *, order: int = 100, slot: str = "main"
) -> Callable[[PanelContext], PanelContext]:
    """Decorator: show `template` on the detail page of `model` with the function's context."""

    def decorate(fn: PanelContext) -> PanelContext:
        panels = _registry.setdefault(_key(model), [])
        panels[:] = [p for p in panels if p.context.__qualname__ != fn.__qualname__]
        panels.append(Panel(_key(model), template, fn, order, slot))
        panels.sort(key=lambda p: p.order)
        return fn

    return decorate


def panels_for(model: str | type[Model] | Model) -> list[Panel]:
    return list(_registry.get(_key(model), []))


def render_panels(request: HttpRequest, obj: Model, slot: str = "main") -> SafeString:
    """Every panel registered for the object's model in `slot`, rendered in order."""
    parts = []
    for panel in panels_for(obj):
        if panel.slot != slot:
            continue
        context = panel.context(request, obj)
        if context is None:
            continue
        parts.append(render_to_string(panel.template, {"object": obj, **context}, request))
    return mark_safe("".join(parts))  # each part is a rendered, autoescaped template


def autodiscover() -> None:
    """Import every installed app's `panels` module (run once from core's AppConfig.ready)."""
    autodiscover_modules("panels")


def latest_year(years: Any, this_year: int) -> int:
    """The year a "this year" panel should show: the latest of `years` (the years that have
    records) up to `this_year`, or `this_year` when none has records yet. A panel headed with
    the calendar year reads "0" for the whole programme until the new year's records come in."""
    past = [y for y in years if y is not None and y <= this_year]
    return max(past) if past else this_year
