"""The training figures page: cumulative 人次 per party and period, by mode and by field."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from duikou.training import services
from duikou.training.filters import SessionFilterSet
from duikou.training.models import TrainingSession


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    filterset = SessionFilterSet(
        request.GET, queryset=TrainingSession.objects.visible_to(request.user), request=request
    )
    sessions = filterset.qs
    cumulative = services.cumulative_by_party(sessions)
    per_year = [
        sum(r["per_year"][i] for r in cumulative["rows"]) for i in range(len(cumulative["years"]))
    ]
    return render(
        request,
        "training/figures.html",
        {
            "filter": filterset,
            "totals": services.totals(sessions),
            "modes": services.by_choice(sessions, "mode"),
            "fields": services.by_choice(sessions, "field"),
            "cumulative": cumulative,
            "per_year": per_year,
            "per_year_total": sum(per_year),
            "chart": {
                "labels": [str(y) for y in cumulative["years"]],
                "series": [{"name": _("Trainees (人次)"), "data": per_year}],
            },
        },
    )
