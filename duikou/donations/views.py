"""Donation pages beyond the registered ones: a pledge's yearly entries and the figures page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duikou.core.scoping import can_edit
from duikou.core.writes import OutOfScope, save_in_scope
from duikou.donations import services
from duikou.donations.filters import DonationFilterSet
from duikou.donations.models import Donation, Pledge
from duikou.lib import money


@login_required
@require_POST
def pledge_instalments(request: HttpRequest, pk: int) -> HttpResponse:
    """Record one donation entry per pledged year up to this year (those still missing)."""
    pledge = get_object_or_404(Pledge.objects.visible_to(request.user), pk=pk)
    if not can_edit(request.user, pledge):
        raise PermissionDenied
    try:
        with transaction.atomic():
            made = services.record_instalments(pledge)
            for donation in made:  # the entries must be the caller's to write, as saved
                save_in_scope(request.user, donation, lambda d=donation: None)
    except (ValidationError, OutOfScope) as refused:
        messages.error(
            request,
            getattr(refused, "message", "; ".join(getattr(refused, "messages", [str(refused)]))),
        )
        return HttpResponseRedirect(pledge.get_absolute_url())
    messages.success(request, _("%(count)s yearly entries recorded.") % {"count": len(made)})
    return HttpResponseRedirect(pledge.get_absolute_url())


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    filterset = DonationFilterSet(
        request.GET, queryset=Donation.objects.visible_to(request.user), request=request
    )
    donations = filterset.qs
    per_year = services.by_year(donations)
    years = sorted(per_year)
    return render(
        request,
        "donations/figures.html",
        {
            "filter": filterset,
            "totals": services.totals(donations),
            "purposes": services.by_purpose(donations),
            # The chart's figures as a table too: a chart alone cannot be read off or copied.
            "year_rows": [(y, per_year[y]) for y in years],
            "chart": {
                "labels": [str(y) for y in years],
                "series": [
                    {
                        "name": _("Cash and in-kind (10k yuan)"),
                        "data": [float(money.wan(per_year[y]).replace(",", "")) for y in years],
                    }
                ],
            },
        },
    )
