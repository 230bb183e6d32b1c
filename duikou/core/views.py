"""Health check, the global change log, background task pages and error pages."""

from __future__ import annotations

import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from rest_framework import exceptions

from duikou.core.generic import paginate
from duikou.core.models import ChangeRecord, TaskRun, WorkflowMove
from duikou.core.roles import Role
from duikou.core.scoping import Scope

log = logging.getLogger("duikou.health")


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitors: the database, the migrations, the task queue.

    503 when the database cannot be reached or has migrations the code expects but the
    database lacks (this server must not take traffic yet). The task queue is reported — how
    many tasks wait and how long the oldest has waited (no worker running shows as a growing
    age) — and `status` is "degraded" (still 200) once that age passes
    HEALTH_MAX_QUEUE_AGE seconds.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not healthy"
        log.error("health check failed", extra={"error": str(exc)})
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    body: dict[str, object] = {"status": "ok", "database": "ok"}
    pending = _pending_migrations()
    body["migrations"] = {"state": "pending", "pending": pending} if pending else "applied"
    body["tasks"] = _task_queue()
    if pending:
        body["status"] = "error"
        return JsonResponse(body, status=503)
    age = body["tasks"].get("oldest_queued_seconds")
    if age is not None and age > settings.HEALTH_MAX_QUEUE_AGE:
        body["status"] = "degraded"
    return JsonResponse(body)


_migrations_applied = False


def _pending_migrations() -> int:
    """How many migrations the code has that the database lacks. Once none, remembered for
    the life of the process (migrations are not unapplied under a running server)."""
    global _migrations_applied
    if _migrations_applied:
        return 0
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    _migrations_applied = not plan
    return len(plan)


def _task_queue() -> dict[str, object]:
    from django.db.models import Count, Min
    from django.utils import timezone
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from duikou.core.tasks import execute

    if not isinstance(task_backends[execute.backend], DatabaseBackend):
        return {"backend": "immediate"}

    ready = DBTaskResult.objects.ready().aggregate(queued=Count("id"), oldest=Min("enqueued_at"))
    oldest = ready["oldest"]
    return {
        "backend": "database",
        "queued": ready["queued"],
        "oldest_queued_seconds": (
            round((timezone.now() - oldest).total_seconds(), 1) if oldest is not None else None
        ),
    }


@login_required
def change_log(request: HttpRequest) -> HttpResponse:
    """Every attributed change, newest first; for coordinators and administrators."""
    if Scope.of(request.user).role not in (Role.ADMIN, Role.COORDINATOR):
        raise PermissionDenied
    records = ChangeRecord.objects.select_related("content_type", "user")
    kinds = record_kinds()
    if model := request.GET.get("model", "").strip():
        # A record type is chosen by its Chinese name (项目 finds 援疆项目) or its model name.
        wanted = [
            pk for pk, (name, label) in kinds.items() if model in (name, label) or model in label
        ]
        records = records.filter(content_type_id__in=wanted)
    if user := request.GET.get("user"):
        records = records.filter(user_name=user)
    if action := request.GET.get("action"):
        records = records.filter(action=action)
    if request_id := request.GET.get("request"):
        records = records.filter(request_id=request_id)
    return render(
        request,
        "core/change_log.html",
        {
            **paginate(request, records),
            "actions": ChangeRecord.Action,
            "record_kinds": sorted({label for _name, label in kinds.values()}),
        },
    )


def record_kinds() -> dict[int, tuple[str, str]]:
    """{content type id: (model name, verbose name)} of every model the change log records."""
    from django.contrib.contenttypes.models import ContentType

    from duikou.core.models import TrackedModel

    kinds = {}
    for model in apps.get_models():
        if issubclass(model, TrackedModel) or hasattr(model, "scope_rule"):
            ct = ContentType.objects.get_for_model(model)
            kinds[ct.pk] = (model._meta.model_name, str(model._meta.verbose_name))
    return kinds


@login_required
def move_attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A workflow move's attachment, for those who may see the record it moved."""
    move = get_object_or_404(WorkflowMove.objects.select_related("content_type"), pk=pk)
    model = move.content_type.model_class()
    if not move.attachment or model is None:
        raise Http404
    if not model.objects.visible_to(request.user).filter(pk=move.object_id).exists():
        raise Http404
    try:
        handle = move.attachment.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=Path(move.attachment.name).name)


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


def _task_run(request: HttpRequest, pk: int) -> TaskRun:
    """A task run the caller may see (404 for anybody else's), its state checked."""
    from duikou.core.tasks import refresh_state

    return refresh_state(
        get_object_or_404(TaskRun.objects.visible_to(request.user).select_related("owner"), pk=pk)
    )


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    """The caller's background tasks, newest first (coordinators and administrators: all)."""
    runs = TaskRun.objects.visible_to(request.user).select_related("owner")
    if state := request.GET.get("state"):
        runs = runs.filter(state=state)
    return render(
        request,
        "core/task_list.html",
        {
            **paginate(request, runs),
            "states": TaskRun.State,
            "shows_owner": Scope.of(request.user).reads_everything,
        },
    )


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One task: its progress bar while it runs, then its outcome and errors (and the account
    its kind registered, e.g. an import's preview)."""
    from duikou.core import dataviews  # noqa: F401  (registers the import outcomes)
    from duikou.core.tasks import render_outcome

    run = _task_run(request, pk)
    return render(
        request,
        "core/task_detail.html",
        {"run": run, "outcome": render_outcome(request, run)},
    )


@login_required
@never_cache
def task_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment, polled by the task page (htmx) until the task ends; a kind with
    an account of its own reloads the page when it ends, to show it."""
    from duikou.core import dataviews  # noqa: F401
    from duikou.core.tasks import has_outcome

    run = _task_run(request, pk)
    response = render(request, "core/_task_progress.html", {"run": run})
    if run.is_finished and request.headers.get("HX-Request") and has_outcome(run):
        response["HX-Refresh"] = "true"
    return response


@login_required
def task_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file a background export wrote, for the user who started it (404 for anybody else,
    and once the file is cleaned away)."""
    from duikou.core.dataviews import export_file_of

    run = get_object_or_404(TaskRun, pk=pk, owner=request.user, state=TaskRun.State.DONE)
    path = export_file_of(run)
    if path is None:
        raise Http404
    name = path.name.split("-", 1)[1]
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)
