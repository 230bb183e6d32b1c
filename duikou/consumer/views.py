"""The consumer-aid overview: totals, target progress, the trend chart against the target, and
sales by party, channel, category and month — all computed from the records."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from duikou.consumer import services
from duikou.consumer.models import SalesTarget
from duikou.core.scoping import can_create
from duikou.organisations.models import AidingParty
from duikou.places.models import Place


def _narrowing(request: HttpRequest) -> dict:
    """The party, place and year the page is narrowed to (unknown names narrow to nothing
    rather than widening to everything)."""
    party = place = None
    year = None
    text = request.GET.get("party", "").strip()
    if text:
        party = AidingParty.objects.by_code_or_name(text).first()
    text = request.GET.get("place", "").strip()
    if text:
        place = Place.objects.by_code_or_name(text).order_by("path").first()
    text = request.GET.get("year", "").strip()
    if text.isdigit() and 1 <= int(text) <= 9999:
        year = int(text)
    return {"party": party, "place": place, "year": year}


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    chosen = _narrowing(request)
    party, place, year = chosen["party"], chosen["place"], chosen["year"]
    unknown = bool(request.GET.get("party", "").strip()) and party is None
    party_id = party.pk if party else (-1 if unknown else None)
    narrow = {"party_id": party_id, "place": place, "year": year}
    progress = services.target_progress(user, party_id=party_id, year=year)
    # The chart follows one target: the chosen party's (nearest year), else the first shown.
    focus = progress[0] if progress and (party is not None or len(progress) == 1) else None
    trend = services.trend(user, party_id=party_id, place=place, year=year, target=focus)
    context = {
        "title": SalesTarget._meta.app_config.verbose_name,
        "chosen": chosen,
        "parties": AidingParty.objects.all(),
        "totals": services.totals(user, **narrow),
        "progress": progress,
        "focus": focus,
        "trend": trend,
        "by_party": services.breakdown(user, "party", **narrow),
        "by_channel": services.breakdown(user, "channel", **narrow)[:50],
        "by_category": services.breakdown(user, "category", **narrow),
        "may_add_target": can_create(user, SalesTarget),
    }
    return render(request, "consumer/overview.html", context)
