"""What the exchanges app shows on the pages of aiding parties and places: the events of this
year with their 人次 and beneficiaries, and a chart of 人次 over the recent years."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from duikou.core import panels
from duikou.exchanges import services
from duikou.exchanges.models import Event
from duikou.places.models import within_q

YEARS_SHOWN = 10


def _context(events: QuerySet, query: str, chart_id: str) -> dict[str, Any] | None:
    """This year's figures and a per-year chart of `events` (already scoped), or None."""
    if not events.exists():
        return None
    per_year = dict(events.order_by().values_list("year").annotate(total=Sum("person_times")))
    # The latest year with records, not the calendar year: in the first weeks of a year (or
    # before this year's records are in) "this year: 0" would tell the reader nothing.
    year = panels.latest_year(per_year, dt.date.today().year)
    this_year = events.filter(year=year)
    # The years that have records (the seeds reach back to 2014), and this year.
    years = sorted({*per_year, year})[-YEARS_SHOWN:]
    return {
        "year": year,
        "totals": services.totals(this_year),
        "kinds": services.by_kind(this_year),
        "list_url": f"{reverse('exchanges:list')}?{query}&year={year}",
        "figures_url": f"{reverse('exchanges:figures')}?{query}&year={year}",
        "chart_id": chart_id,
        "chart": {
            "labels": [str(y) for y in years],
            "series": [
                {"name": _("Person-times (人次)"), "data": [per_year.get(y) or 0 for y in years]}
            ],
        },
    }


@panels.register("organisations.AidingParty", "exchanges/_panel.html", order=30)
def party_exchanges(request: HttpRequest, party: Any) -> dict[str, Any] | None:
    """Events the party is credited with (lead or co-organiser) that the caller may see."""
    events = Event.objects.visible_to(request.user).filter(
        Q(aiding_party=party)
        | Q(
            pk__in=Event.partners.through.objects.filter(aidingparty_id=party.pk).values("event_id")
        )
    )
    return _context(events, f"party={party.code}", f"party-exchanges-{party.pk}")


@panels.register("places.Place", "exchanges/_panel.html", order=30)
def place_exchanges(request: HttpRequest, place: Any) -> dict[str, Any] | None:
    """Events held at the place or below it that the caller may see."""
    events = Event.objects.visible_to(request.user).filter(within_q("place", place))
    return _context(events, f"place={place.code}", f"place-exchanges-{place.pk}")
