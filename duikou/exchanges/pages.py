"""The exchange-event pages, menu entries, export, import and API route (core/registry.py)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from duikou.core.registry import register
from duikou.core.scoping import can_edit
from duikou.exchanges.columns import EVENTS
from duikou.exchanges.filters import EventFilterSet
from duikou.exchanges.forms import EventForm, GroupForm, MeasureForm, PhotoForm
from duikou.exchanges.models import Event

_numbers = itertools.count(1)


def sample_event(party, place) -> Event:
    """An event of `party` in `place` (the test kit's sample)."""
    return Event.objects.create(
        code=f"KIT-EX-{next(_numbers)}",
        title="样例交流活动",
        kind="visit",
        aiding_party=party,
        place=place,
        start_date=dt.date(2025, 5, 1),
        person_times=30,
        persons=20,
    )


def event_context(request: HttpRequest, event: Event) -> dict[str, Any]:
    editable = request.user.is_authenticated and can_edit(request.user, event)
    return {
        "partners": event.partners.all(),
        "projects": event.projects.all(),
        "pairs": event.pairs.all(),
        "groups": event.groups.all(),
        "measures": event.measures.all(),
        "photos": event.photos.all(),
        "group_form": GroupForm() if editable else None,
        "measure_form": MeasureForm() if editable else None,
        "photo_form": PhotoForm() if editable else None,
    }


events = register(
    Event,
    prefix="exchanges",
    filterset=EventFilterSet,
    columns=[
        "title",
        "kind",
        "aiding_party",
        "place",
        "start_date",
        "person_times",
        "persons",
        "beneficiaries",
    ],
    columns_table=EVENTS,
    imports=True,
    form=EventForm,
    api_prefix="exchange-events",
    api_basename="exchange-event",
    nav=(_("Exchanges"), None),
    nav_order=130,
    detail_template="exchanges/event_detail.html",
    list_template="exchanges/event_list.html",
    select_related=["aiding_party", "place"],
    prefetch_related=["partners", "projects", "pairs"],
    ordering=["-start_date", "code"],
    detail_context=event_context,
    sample=sample_event,
)
