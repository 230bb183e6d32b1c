"""The funnel, the 全域协作 table and jobs by period: figures read from the records."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from duikou.investment.filters import LeadFilterSet, ParkEntryFilterSet
from duikou.investment.models import Lead, ParkEntry
from duikou.investment.services import (
    approx_wan,
    cross_pairing_table,
    employment,
    funnel,
    funnel_by,
    funnel_by_party_year,
    jobs_total,
)
from duikou.organisations.models import AidingParty
from duikou.places.models import Place


def _leads(request: HttpRequest) -> tuple[LeadFilterSet, Any]:
    filterset = LeadFilterSet(
        request.GET, queryset=Lead.objects.visible_to(request.user), request=request
    )
    return filterset, filterset.qs


# How many places the funnel page's by-place table shows before folding the rest away.
PLACES_SHOWN = 12


@login_required
def funnel_view(request: HttpRequest) -> HttpResponse:
    """The pipeline as a funnel (reached ≥ stage) with its table, then per party (credited,
    cross-pairing in both), per place and per year; the national row counts each lead once."""
    filterset, leads = _leads(request)
    total = funnel(leads)
    parties = {p.pk: p for p in AidingParty.objects.all()}
    by_party: dict[int, Any] = {}
    by_party_year = funnel_by_party_year(leads)
    for (party_id, _year), f in sorted(by_party_year.items(), key=lambda kv: kv[0][1]):
        if party_id is None:
            continue
        by_party.setdefault(party_id, []).append(f)
    party_rows = []
    for party_id, funnels in by_party.items():
        party_rows.append({"party": parties[party_id], "funnel": _sum(funnels)})
    party_rows.sort(key=lambda r: (r["party"].sort_order, r["party"].code))
    places = {p.pk: p for p in Place.objects.filter(pk__in=leads.values("place"))}
    # The places with most leads first; past PLACES_SHOWN the rest fold away under a
    # summary line, so that a national view does not list every county down the page.
    place_rows = sorted(
        ({"place": places[k[0]], "funnel": f} for k, f in funnel_by(leads, "place").items()),
        key=lambda r: (-r["funnel"].total, -r["funnel"].stages[-1].reached, r["place"].path),
    )
    year_rows = [{"year": k[0], "funnel": f} for k, f in sorted(funnel_by(leads, "year").items())]
    return render(
        request,
        "investment/funnel.html",
        {
            "filter": filterset,
            "funnel": total,
            "chart": total.chart(),
            "party_rows": party_rows,
            "place_rows": place_rows[:PLACES_SHOWN],
            "more_place_rows": place_rows[PLACES_SHOWN:],
            "year_rows": year_rows,
        },
    )


def _sum(funnels: list[Any]) -> Any:
    first, *rest = funnels
    for other in rest:
        first.total += other.total
        first.terminated += other.terminated
        first.cross_pairing += other.cross_pairing
        for mine, theirs in zip(first.stages, other.stages, strict=True):
            mine.reached += theirs.reached
            mine.reached_amount += theirs.reached_amount
            mine.at += theirs.at
            mine.at_amount += theirs.at_amount
    return first


@login_required
def cross_pairing_view(request: HttpRequest) -> HttpResponse:
    """全域协作 per party: brokered elsewhere, and brought into its paired places by others."""
    filterset, leads = _leads(request)
    cross = leads.filter(is_cross_pairing=True).select_related(
        "aiding_party", "paired_party", "place"
    )
    return render(
        request,
        "investment/cross_pairing.html",
        {"filter": filterset, "rows": cross_pairing_table(leads), "leads": cross[:200]},
    )


@login_required
def employment_view(request: HttpRequest) -> HttpResponse:
    """Direct jobs by year, each counted once, beside projects' 带动就业 results."""
    from duikou.projects.models import ResultIndicator

    filterset, leads = _leads(request)
    entries = ParkEntryFilterSet(
        {k: v for k, v in request.GET.items() if k in ("party", "place")},
        queryset=ParkEntry.objects.visible_to(request.user),
        request=request,
    ).qs
    results = ResultIndicator.objects.visible_to(request.user)
    party = request.GET.get("party")
    if party:
        results = results.filter(
            project__aiding_party__in=AidingParty.objects.by_code_or_name(party).values("id")
        )
    total = jobs_total(leads, entries)
    return render(
        request,
        "investment/employment.html",
        {
            "filter": filterset,
            "rows": employment(leads, entries, results),
            "total": total,
            "total_wan": approx_wan(total),
        },
    )
