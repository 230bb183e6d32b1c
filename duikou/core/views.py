"""Health check, the global change log and error pages."""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from rest_framework import exceptions

from duikou.core.generic import paginate
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
    return render(
        request,
        "core/change_log.html",
        {**paginate(request, records), "actions": ChangeRecord.Action},
    )


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _api_error(request, exceptions.PermissionDenied) or render(
        request, "403.html", status=403
    )


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _api_error(request, exceptions.NotFound) or render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return _api_error(request, exceptions.APIException) or render(request, "500.html", status=500)


def _api_error(
    request: HttpRequest, exc_class: type[exceptions.APIException]
) -> HttpResponse | None:
    """Under /api/ an error is JSON in the REST framework's shape (as the schema documents),
    also where no API view answered (a URL the router does not match, a server error)."""
    if not request.path.startswith("/api/"):
        return None
    return JsonResponse({"detail": str(exc_class.default_detail)}, status=exc_class.status_code)
