"""Import and export pages: template download, upload with preview, confirm; list exports.

Shared by the projects and funds apps: an import page names its columns and its importer.
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
from django.utils.translation import gettext_lazy
from django.views import View

from duikou.core.scoping import can_create
from duikou.lib.spreadsheet import XLSX
from duikou.projects.exports import project_header, project_rows, table_response
from duikou.projects.filters import ProjectFilterSet
from duikou.projects.imports import (
    PROJECT_COLUMNS,
    Column,
    ImportResult,
    import_projects,
    max_upload_bytes,
    megabytes,
    template_workbook,
)
from duikou.projects.models import Project
from duikou.projects.views import project_queryset

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

    template_name = "projects/import.html"
    title: str
    columns: list[Column]
    model: type
    importer: Callable[..., ImportResult]
    url_name: str
    template_url_name: str
    done_url_name: str

    def check(self, request: HttpRequest) -> None:
        if not can_create(request.user, self.model):
            raise PermissionDenied

    def context(self, **extra: Any) -> dict[str, Any]:
        return {
            "title": self.title,
            "columns": self.columns,
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
        result = type(self).importer(upload.name, content, request.user, commit=False)
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
        result = type(self).importer(name, path.read_bytes(), request.user, commit=True)
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


class ProjectImportView(ImportView):
    title = gettext_lazy("Import projects")
    columns = PROJECT_COLUMNS
    model = Project
    importer = staticmethod(import_projects)
    url_name = "projects:import"
    template_url_name = "projects:import_template"
    done_url_name = "projects:list"


def template_view(columns: list, title: Any, filename: str):
    """A view that hands out the Excel import template for these columns."""

    def download(request: HttpRequest) -> HttpResponse:
        response = HttpResponse(template_workbook(columns, str(title)), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    return download


project_template = template_view(
    PROJECT_COLUMNS, gettext_lazy("Projects"), "projects-template.xlsx"
)


def project_export(request: HttpRequest) -> HttpResponse:
    """The filtered project list the caller sees, as .xlsx or .csv."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    filterset = ProjectFilterSet(
        request.GET,
        queryset=project_queryset(request.user).order_by("-plan_year", "code"),
        request=request,
    )
    return table_response(
        "projects", project_header(), project_rows(filterset.qs), request.GET.get("format", "xlsx")
    )
