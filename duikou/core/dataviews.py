"""Import and export pages for any model with a column declaration (`core.columns.Table`).

An app's import page is `ImportView` with its table and URL names; its template download is
`template_view(table)`; its list export is `export_view(table, queryset, filterset)`.

Every import runs as background tasks (`duikou.core.tasks`), whatever its size: the upload is
stored under MEDIA_ROOT/imports, a task validates it (the preview: the engine's steps, rolled
back) and the user follows it on the task page; its outcome is the preview table (or the errors
by row, column and reason) with a confirm button, which starts a second task that writes it.
Only the owner of the preview may confirm it: the stored file is found from their task run,
never from a name the browser sends. An export of more than EXPORT_TASK_ROWS records is a task
too, writing a file the owner downloads from the task page; smaller ones answer directly.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from duikou.core import tasks
from duikou.core.columns import Table, table_named
from duikou.core.context import current_user
from duikou.core.exports import export_bytes, export_response, template_workbook
from duikou.core.imports import STAGE_VALIDATING, STAGE_WRITING, ImportResult, import_file
from duikou.core.models import TaskRun
from duikou.core.scoping import can_create
from duikou.core.sheets import max_upload_bytes, megabytes
from duikou.lib.spreadsheet import XLSX

UPLOAD_DIR = "imports"
EXPORT_DIR = "exports"
# A preview not confirmed within this time is abandoned; storing a new one clears them away
# (and background exports older than this).
PREVIEW_LIFETIME = dt.timedelta(days=1)
PREVIEW_KIND, COMMIT_KIND, EXPORT_KIND = "import.preview", "import.commit", "export"
# The outcome page lists at most this many rows (and errors); the counts cover the whole file.
OUTCOME_ROWS = 1000
STAGES = {
    STAGE_VALIDATING: gettext_lazy("Validating rows"),
    STAGE_WRITING: gettext_lazy("Writing rows"),
}


def clean_import_previews(older_than: dt.timedelta = PREVIEW_LIFETIME) -> int:
    """Delete stored import previews (and background exports) older than `older_than`;
    returns how many went."""
    cutoff = time.time() - older_than.total_seconds()
    removed = 0
    for name in (UPLOAD_DIR, EXPORT_DIR):
        folder = Path(settings.MEDIA_ROOT) / name
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            try:
                if path.is_file() and path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:  # another request cleaned it first
                continue
    return removed


def export_task_rows() -> int:
    """Exports of more records than this run as a task (setting EXPORT_TASK_ROWS)."""
    return int(getattr(settings, "EXPORT_TASK_ROWS", 20000))


def export_max_rows() -> int:
    """No export has more records than this (setting EXPORT_MAX_ROWS): a bigger one is refused
    with a message to narrow the filter, before any row is read."""
    return int(getattr(settings, "EXPORT_MAX_ROWS", 500_000))


def _upload_path(token: str) -> Path:
    return Path(settings.MEDIA_ROOT) / UPLOAD_DIR / Path(token).name


def _outcome_path(token: str, kind: str) -> Path:
    return _upload_path(f"{Path(token).name}.{kind}.json")


class ImportView(LoginRequiredMixin, View):
    """GET: the upload form. POST with a file: store it and start the preview task.
    POST confirm (with the preview's run): start the task that writes it."""

    template_name = "generic/import.html"
    table: Table
    url_name: str
    template_url_name: str
    done_url_name: str

    def check(self, request: HttpRequest) -> None:
        if not can_create(request.user, self.table.model):
            raise PermissionDenied

    def context(self, **extra: Any) -> dict[str, Any]:
        return {
            "title": self.table.title,
            "columns": self.table.import_columns,
            "template_url": reverse(self.template_url_name),
            "action_url": reverse(self.url_name),
            **extra,
        }

    def get(self, request: HttpRequest) -> HttpResponse:
        self.check(request)
        return render(request, self.template_name, self.context())

    def post(self, request: HttpRequest) -> HttpResponse:
        self.check(request)
        if "confirm" in request.POST:
            return self.confirm(request)
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose a file to import."))
            return render(request, self.template_name, self.context())
        if upload.size > max_upload_bytes():
            # Refused before the file is read, let alone parsed.
            messages.error(
                request,
                _("The file is %(size)s MB; files of at most %(limit)s MB are accepted.")
                % {
                    "size": megabytes(upload.size),
                    "limit": megabytes(max_upload_bytes()),
                },
            )
            return render(request, self.template_name, self.context())
        token = f"{uuid.uuid4().hex}{Path(upload.name).suffix.lower()}"
        path = _upload_path(token)
        path.parent.mkdir(parents=True, exist_ok=True)
        clean_import_previews()
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        run = tasks.start(
            PREVIEW_KIND,
            preview_import,
            self.table.label,
            token,
            upload.name,
            self.url_name,
            self.done_url_name,
            user=request.user,
            title=_("Check %(name)s") % {"name": upload.name},
            atomic=False,  # the engine writes a whole file or nothing by itself
        )
        return HttpResponseRedirect(run.get_absolute_url())

    def confirm(self, request: HttpRequest) -> HttpResponse:
        # The stored file is the one the caller's own finished preview checked.
        preview = (
            TaskRun.objects.filter(
                pk=_int(request.POST.get("run")),
                owner=request.user,
                kind=PREVIEW_KIND,
                state=TaskRun.State.DONE,
            )
            .only("arguments")
            .first()
        )
        args = preview.arguments if preview is not None else []
        if len(args) < 3 or args[0] != self.table.label or not _upload_path(args[1]).exists():
            messages.error(request, _("This import has expired; upload the file again."))
            return HttpResponseRedirect(reverse(self.url_name))
        label, token, name = args[:3]
        run = tasks.start(
            COMMIT_KIND,
            commit_import,
            label,
            token,
            name,
            self.url_name,
            self.done_url_name,
            preview.pk,
            user=request.user,
            title=_("Import %(name)s") % {"name": name},
            atomic=False,  # the engine writes a whole file or nothing by itself
        )
        return HttpResponseRedirect(run.get_absolute_url())


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# -- the import tasks -------------------------------------------------------------------------
def preview_import(label: str, token: str, name: str, url_name: str, done_url_name: str) -> None:
    """Task: validate the stored upload and keep its preview (nothing is written)."""
    _import_task(label, token, name, commit=False)


def commit_import(
    label: str, token: str, name: str, url_name: str, done_url_name: str, preview_id: int
) -> None:
    """Task: write the stored upload its owner previewed (checked again as it is written)."""
    user = current_user.get()
    if not TaskRun.objects.filter(pk=preview_id, owner=user, arguments__1=token).exists():
        raise tasks.TaskFailed(_("This import has expired; upload the file again."))
    try:
        result = _import_task(label, token, name, commit=True)
    finally:
        # Confirmed or not, the stored file is used up: a failed write shows its errors and
        # asks for the file again.
        _upload_path(token).unlink(missing_ok=True)
    counts = result.counts()
    tasks.progress.result(
        url=reverse(done_url_name),
        message=_("Imported: %(create)s created, %(update)s updated, %(unchanged)s unchanged.")
        % counts,
    )


def _import_task(label: str, token: str, name: str, *, commit: bool) -> ImportResult:
    path = _upload_path(token)
    if not path.exists():
        raise tasks.TaskFailed(_("This import has expired; upload the file again."))

    def report(done: int, total: int, stage: str) -> None:
        tasks.progress.update(done, total, stage=STAGES.get(stage, stage))

    table = table_named(label)
    result = import_file(
        table, name, path.read_bytes(), current_user.get(), commit=commit, progress=report
    )
    kind = COMMIT_KIND if commit else PREVIEW_KIND
    _outcome_path(token, kind).write_text(json.dumps(_outcome(result), ensure_ascii=False))
    if not result.ok:
        path.unlink(missing_ok=True)  # a file with errors cannot be confirmed: not kept
        n = len(result.errors)
        raise tasks.TaskFailed(
            ngettext(
                "%(name)s: %(n)s problem, nothing was imported",
                "%(name)s: %(n)s problems, nothing was imported",
                n,
            )
            % {"name": name, "n": n}
        )
    if not commit:
        tasks.progress.result(
            message=_(
                "Checked: %(create)s to create, %(update)s to update, %(unchanged)s unchanged."
            )
            % result.counts()
        )
    return result


def _outcome(result: ImportResult) -> dict[str, Any]:
    return {
        "counts": result.counts(),
        "rows": [
            {"row": r.row, "key": r.key, "action": r.action, "changes": r.changes}
            for r in result.rows[:OUTCOME_ROWS]
        ],
        "row_count": len(result.rows),
        "errors": [
            {"row": e.row, "column": str(e.column), "reason": str(e.reason)}
            for e in result.errors[:OUTCOME_ROWS]
        ],
        "error_count": len(result.errors),
    }


@tasks.outcome(PREVIEW_KIND, COMMIT_KIND)
def import_outcome(request: HttpRequest, run: TaskRun) -> str:
    """The task page's account of an import: the preview (with the confirm button) or the
    errors by row, column and reason."""
    label, token, name, url_name = run.arguments[:4]
    path = _outcome_path(token, run.kind)
    outcome = json.loads(path.read_text()) if path.exists() else None
    confirmable = (
        run.kind == PREVIEW_KIND
        and run.state == TaskRun.State.DONE
        and run.owner_id == request.user.pk
        and _upload_path(token).exists()
        and not TaskRun.objects.filter(
            kind=COMMIT_KIND,
            arguments__5=run.pk,
            state__in=[TaskRun.State.QUEUED, TaskRun.State.RUNNING],
        ).exists()
    )
    return render_to_string(
        "generic/_import_outcome.html",
        {
            "run": run,
            "outcome": outcome,
            "filename": name,
            "confirmable": confirmable,
            "action_url": reverse(url_name),
            "preview": run.kind == PREVIEW_KIND,
        },
        request=request,
    )


# -- exports ----------------------------------------------------------------------------------
def export_in_background(view_name: str, query: str, fmt: str) -> None:
    """Task: write the export the list at `view_name` with `query` would give its owner to a
    file, which only they may download (`core:task_download`)."""
    view = resolve(reverse(view_name)).func
    table: Table = view.table
    queryset = view.export_queryset(current_user.get(), QueryDict(query))
    total = queryset.count()
    stage = _("Writing rows")
    tasks.progress.update(0, total, stage=stage)
    content = export_bytes(
        table,
        queryset,
        fmt,
        on_row=lambda n: tasks.progress.update(n, total) if n % 500 == 0 else None,
    )
    run_id = tasks.progress.run_id
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    base = table.filename or table.model._meta.model_name
    folder = Path(settings.MEDIA_ROOT) / EXPORT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{run_id}-{base}-{stamp}.{'csv' if fmt == 'csv' else 'xlsx'}").write_bytes(content)
    tasks.progress.update(total, total, stage=stage)
    tasks.progress.result(
        url=reverse("core:task_download", args=[run_id]),
        message=ngettext("%(n)s record exported.", "%(n)s records exported.", total) % {"n": total},
    )


def export_file_of(run: TaskRun) -> Path | None:
    """The file a background export wrote, if it is still kept."""
    folder = Path(settings.MEDIA_ROOT) / EXPORT_DIR
    return next(iter(sorted(folder.glob(f"{run.pk}-*"))), None) if folder.is_dir() else None


def template_view(table: Table) -> Callable[[HttpRequest], HttpResponse]:
    """A view that hands out the Excel import template of the table."""

    def download(request: HttpRequest) -> HttpResponse:
        response = HttpResponse(template_workbook(table), content_type=XLSX)
        name = f"{table.filename or table.model._meta.model_name}-template.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    return download


def export_or_task(request: HttpRequest, table: Table, records: Any, fmt: str) -> HttpResponse:
    """The export of `records` now, or — above EXPORT_TASK_ROWS — a task writing it for the
    caller to download (the view that asked must carry `table` and `export_queryset`, so
    the worker can build the same records: see `export_view` and the registry)."""
    fmt = "csv" if fmt == "csv" else "xlsx"
    count = records.count()
    if count > export_max_rows():
        return _export_refused(request, count)
    if count > export_task_rows():
        if not request.user.is_authenticated:
            # A big export is a task of its owner's: visitors sign in for it.
            return redirect_to_login(request.get_full_path())
        run = tasks.start(
            EXPORT_KIND,
            export_in_background,
            request.resolver_match.view_name,
            request.GET.urlencode(),
            fmt,
            user=request.user,
            title=_("Export %(title)s") % {"title": table.title},
        )
        return HttpResponseRedirect(run.get_absolute_url())
    return export_response(table, records, fmt)


def _export_refused(request: HttpRequest, count: int) -> HttpResponse:
    """Back to the list the export was asked from, saying why nothing was exported."""
    messages.error(
        request,
        _(
            "%(count)s records match; an export holds at most %(limit)s. "
            "Narrow the filter and export again."
        )
        % {"count": f"{count:,}", "limit": f"{export_max_rows():,}"},
    )
    query = request.GET.copy()
    if "export" in query:  # a list page's own export: the same list without it
        query.pop("export")
        return HttpResponseRedirect(f"{request.path}?{query.urlencode()}")
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}):
        return HttpResponseRedirect(referer)
    return HttpResponseRedirect("/")


def export_view(
    table: Table, queryset: Callable[[Any], Any], filterset_class: Any
) -> Callable[[HttpRequest], HttpResponse]:
    """A view exporting what the caller's list shows: the same queryset and filter set as the
    list page, in the table's columns, as .xlsx or .csv (`?format=csv`)."""

    def export_queryset(user: Any, params: QueryDict, request: Any = None) -> Any:
        return filterset_class(params, queryset=queryset(user), request=request).qs

    def export(request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            raise PermissionDenied
        records = export_queryset(request.user, request.GET, request)
        return export_or_task(request, table, records, request.GET.get("format", "xlsx"))

    export.table = table  # type: ignore[attr-defined]
    export.export_queryset = export_queryset  # type: ignore[attr-defined]
    return export
