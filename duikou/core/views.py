"""Home, health check, the global change log and error pages."""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from duikou.core.models import ChangeRecord
from duikou.core.roles import Role
from duikou.core.scoping import Scope

log = logging.getLogger("duikou.health")


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not healthy"
        log.error("health check failed", extra={"error": str(exc)})
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    from duikou.organisations.models import AidingParty
    from duikou.pairings.models import Pairing
    from duikou.places.models import Place

    scope = Scope.of(request.user)
    pairings = Pairing.objects.visible_to(request.user).current()
    party = AidingParty.objects.filter(pk=scope.party_id).first() if scope.party_id else None
    context = {
        "party": party,
        "organisation": request.user.organisation,
        "counts": {
            "parties": AidingParty.objects.count(),
            "pairings": pairings.count(),
            "places": Place.objects.filter(level__in=["prefecture", "county"]).count(),
        },
        "my_pairings": pairings.filter(aiding_party=party).select_related("place") if party else [],
    }
    return render(request, "core/home.html", context)


@login_required
def change_log(request: HttpRequest) -> HttpResponse:
    """Every attributed change, newest first; for coordinators and administrators."""
    if Scope.of(request.user).role not in (Role.ADMIN, Role.COORDINATOR):
        raise PermissionDenied
    records = ChangeRecord.objects.select_related("content_type", "user")
    if model := request.GET.get("model"):
        records = records.filter(content_type__model=model)
    if user := request.GET.get("user"):
        records = records.filter(user_name=user)
    if action := request.GET.get("action"):
        records = records.filter(action=action)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/change_log.html",
        {"page_obj": page, "query_string": query.urlencode(), "actions": ChangeRecord.Action},
    )


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
