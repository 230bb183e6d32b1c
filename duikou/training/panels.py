"""What the training app shows on the pages of aiding parties and places: 人次 trained this
year and per year."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet, Sum
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from duikou.core import panels
from duikou.places.models import within_q
from duikou.training import services
from duikou.training.models import TrainingSession

YEARS_SHOWN = 10


def _context(sessions: QuerySet, query: str, chart_id: str) -> dict[str, Any] | None:
    if not sessions.exists():
        return None
    per_year = dict(sessions.order_by().values_list("year").annotate(total=Sum("trainees")))
    # The latest year with records, not the calendar year: in the first weeks of a year (or
    # before this year's records are in) "this year: 0" would tell the reader nothing.
    year = panels.latest_year(per_year, dt.date.today().year)
    # The years that have records (the seeds reach back to 2014), and this year.
    years = sorted({*per_year, year})[-YEARS_SHOWN:]
    return {
        "year": year,
        "totals": services.totals(sessions.filter(year=year)),
        "all_time": services.totals(sessions),
        "figures_url": f"{reverse('training:figures')}?{query}",
        "chart_id": chart_id,
        "chart": {
            "labels": [str(y) for y in years],
            "series": [
                {"name": _("Trainees (人次)"), "data": [per_year.get(y) or 0 for y in years]}
            ],
        },
    }


@panels.register("organisations.AidingParty", "training/_panel.html", order=32)
def party_training(request: HttpRequest, party: Any) -> dict[str, Any] | None:
    sessions = TrainingSession.objects.visible_to(request.user).filter(aiding_party=party)
    return _context(sessions, f"party={party.code}", f"party-training-{party.pk}")


@panels.register("places.Place", "training/_panel.html", order=32)
def place_training(request: HttpRequest, place: Any) -> dict[str, Any] | None:
    sessions = TrainingSession.objects.visible_to(request.user).filter(within_q("place", place))
    return _context(sessions, f"place={place.code}", f"place-training-{place.pk}")
