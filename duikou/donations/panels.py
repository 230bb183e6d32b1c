"""What the donations app shows on the pages of aiding parties and places: money donated this
year and per year (cash and in-kind, 万元)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from duikou.core import panels
from duikou.donations import services
from duikou.donations.models import Donation
from duikou.lib import money
from duikou.places.models import within_q

YEARS_SHOWN = 10


def _context(donations: QuerySet, query: str, chart_id: str) -> dict[str, Any] | None:
    if not donations.exists():
        return None
    per_year = services.by_year(donations)
    # The latest year with records, not the calendar year: in the first weeks of a year (or
    # before this year's records are in) "this year: 0" would tell the reader nothing.
    year = panels.latest_year(per_year, dt.date.today().year)
    # The years that have records, and this year.
    years = sorted({*per_year, year})[-YEARS_SHOWN:]
    return {
        "year": year,
        "totals": services.totals(donations.filter(year=year)),
        "all_time": services.totals(donations),
        "figures_url": f"{reverse('donations:figures')}?{query}",
        "chart_id": chart_id,
        "chart": {
            "labels": [str(y) for y in years],
            "series": [
                {
                    "name": _("Cash and in-kind (10k yuan)"),
                    "data": [float(money.wan(per_year.get(y, 0)).replace(",", "")) for y in years],
                }
            ],
        },
    }


@panels.register("organisations.AidingParty", "donations/_panel.html", order=34)
def party_donations(request: HttpRequest, party: Any) -> dict[str, Any] | None:
    donations = Donation.objects.visible_to(request.user).filter(aiding_party=party)
    return _context(donations, f"party={party.code}", f"party-donations-{party.pk}")


@panels.register("places.Place", "donations/_panel.html", order=34)
def place_donations(request: HttpRequest, place: Any) -> dict[str, Any] | None:
    donations = Donation.objects.visible_to(request.user).filter(within_q("place", place))
    return _context(donations, f"place={place.code}", f"place-donations-{place.pk}")
