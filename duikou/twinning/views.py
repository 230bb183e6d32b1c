"""Twinning pages beyond the registered ones: coverage (全覆盖) and the agreement download."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from duikou.organisations.models import AidingParty
from duikou.places.choices import Level
from duikou.places.models import Place
from duikou.twinning.coverage import county_units, coverage_by_county
from duikou.twinning.models import Pair


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def coverage(request: HttpRequest) -> HttpResponse:
    """Each county's towns and villages twinned on a date (`?on=2017-06-30`), optionally of one
    party (`?party=江苏`); `?county=654024` lists that county's towns and villages."""
    on = _date(request.GET.get("on"))
    party_text = request.GET.get("party", "").strip()
    party = AidingParty.objects.by_code_or_name(party_text).first() if party_text else None
    rows = coverage_by_county(request.user, on=on, party=party)
    rows.sort(key=lambda r: r.county.path)
    totals = {
        "towns": sum(r.towns for r in rows),
        "towns_twinned": sum(r.towns_twinned for r in rows),
        "villages": sum(r.villages for r in rows),
        "villages_twinned": sum(r.villages_twinned for r in rows),
    }
    for key in ("towns", "villages"):
        whole = totals[key]
        totals[f"{key}_share"] = round(100 * totals[f"{key}_twinned"] / whole, 1) if whole else None
    # `?twinned=1`: only the counties with something twinned (the table is otherwise every county).
    only_twinned = request.GET.get("twinned") == "1"
    listed = [r for r in rows if r.towns_twinned or r.villages_twinned] if only_twinned else rows
    county = None
    towns = villages = []
    code = request.GET.get("county", "").strip()
    if code:
        county = get_object_or_404(Place.objects.filter(level=Level.COUNTY), code=code)
        towns, villages = county_units(county, request.user, on=on, party=party)
    map_data = [
        {
            "name": r.county.code,
            "value": r.share,
            "county": r.county.name,
            "towns": f"{r.towns_twinned}/{r.towns}",
            "villages": f"{r.villages_twinned}/{r.villages}",
        }
        for r in rows
        if r.share is not None
    ]
    context = {
        "rows": listed,
        "totals": totals,
        "only_twinned": only_twinned,
        "on": on,
        "party": party,
        "party_text": party_text,
        "parties": AidingParty.objects.all(),
        "county": county,
        "county_row": next((r for r in rows if county and r.county.pk == county.pk), None),
        "towns": towns,
        "villages": villages,
        "map_data": map_data,
    }
    return render(request, "twinning/coverage.html", context)


@login_required
def agreement_download(request: HttpRequest, pk: int) -> FileResponse:
    """The pair's agreement (结对协议), to those who may see the pair (uploads are not public)."""
    pair = get_object_or_404(Pair.objects.visible_to(request.user), pk=pk)
    if not pair.agreement:
        raise Http404
    try:
        handle = pair.agreement.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=Path(pair.agreement.name).name)
