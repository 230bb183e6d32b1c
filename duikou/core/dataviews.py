"""Import and export pages for any model with a column declaration (`core.columns.Table`).

An app's import page is `ImportView` with its table and URL names; its template download is
`template_view(table)`; its list export is `export_view(table, queryset, filterset)`.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from duikou.core.columns import Table
from duikou.core.exports import export_response, template_workbook
from duikou.core.imports import import_file
from duikou.core.scoping import can_create
from duikou.core.sheets import max_upload_bytes, megabytes
from duikou.lib.spreadsheet import XLSX

UPLOAD_DIR = "imports"
# A preview not confirmed within this time is abandoned; storing a new one clears them away.
PREVIEW_LIFETIME = dt.timedelta(days=1)


def clean_import_previews(older_than: dt.timedelta = PREVIEW_LIFETIME) -> int:
    """Delete stored import previews older than `older_than`; returns how many went."""
    folder = Path(settings.MEDIA_ROOT) / UPLOAD_DIR
    if not folder.is_dir():
        return 0
    cutoff = time.time() - older_than.total_seconds()
    removed = 0
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # another request cleaned it first
            continue
    return removed


class ImportView(LoginRequiredMixin, View):
    """GET: the upload form. POST with a file: validate and preview. POST confirm: write."""

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

    def _path(self, token: str) -> Path:
        return Path(settings.MEDIA_ROOT) / UPLOAD_DIR / token

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
        content = upload.read()
        result = import_file(self.table, upload.name, content, request.user, commit=False)
        context = self.context(result=result, filename=upload.name)
        if result.ok:
            token = f"{uuid.uuid4().hex}{Path(upload.name).suffix.lower()}"
            path = self._path(token)
            path.parent.mkdir(parents=True, exist_ok=True)
            clean_import_previews()
            path.write_bytes(content)
            request.session[f"import-{token}"] = upload.name
            context["token"] = token
        return render(request, self.template_name, context)

    def confirm(self, request: HttpRequest) -> HttpResponse:
        token = request.POST.get("token", "")
        name = request.session.get(f"import-{token}")
        path = self._path(Path(token).name)
        if not name or not path.exists():
            messages.error(request, _("This import has expired; upload the file again."))
            return HttpResponseRedirect(reverse(self.url_name))
        result = import_file(self.table, name, path.read_bytes(), request.user, commit=True)
        # Confirmed or not, this preview is used up: a failed confirm shows its errors and
        # asks for the file again.
        path.unlink(missing_ok=True)
        request.session.pop(f"import-{token}", None)
        if not result.ok:  # the data changed since the preview
            return render(request, self.template_name, self.context(result=result, filename=name))
        counts = result.counts()
        messages.success(
            request,
            _("Imported: %(create)s created, %(update)s updated, %(unchanged)s unchanged.")
            % counts,
        )
        return HttpResponseRedirect(reverse(self.done_url_name))


def template_view(table: Table) -> Callable[[HttpRequest], HttpResponse]:
    """A view that hands out the Excel import template of the table."""

    def download(request: HttpRequest) -> HttpResponse:
        response = HttpResponse(template_workbook(table), content_type=XLSX)
        name = f"{table.filename or table.model._meta.model_name}-template.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    return download


def export_view(
    table: Table, queryset: Callable[[Any], Any], filterset_class: Any
) -> Callable[[HttpRequest], HttpResponse]:
    """A view exporting what the caller's list shows: the same queryset and filter set as the
    list page, in the table's columns, as .xlsx or .csv (`?format=csv`)."""

    def export(request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            raise PermissionDenied
        filterset = filterset_class(request.GET, queryset=queryset(request.user), request=request)
        return export_response(table, filterset.qs, request.GET.get("format", "xlsx"))

    return export
