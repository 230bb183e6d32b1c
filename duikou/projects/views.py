"""Project pages: list, detail, edit, lifecycle moves, progress, documents and results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duikou.core.dataviews import ImportView, export_view, template_view
from duikou.core.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
)
from duikou.core.scoping import can_edit
from duikou.core.workflow import move_from_request, panel_context
from duikou.core.writes import OutOfScope, save_in_scope
from duikou.projects.choices import AttachmentKind
from duikou.projects.columns import PROJECTS
from duikou.projects.filters import ProjectFilterSet
from duikou.projects.forms import (
    AttachmentForm,
    ProgressReportForm,
    ProjectForm,
    ResultIndicatorForm,
)
from duikou.projects.models import Attachment, ProgressReport, Project, ResultIndicator
from duikou.projects.services import LIFECYCLE


def project_queryset(user: Any):
    """What the user may see, with what the list, API and exports show of each project."""
    return Project.objects.visible_to(user).with_relations()


class ProjectImportView(ImportView):
    table = PROJECTS
    url_name = "projects:import"
    template_url_name = "projects:import_template"
    done_url_name = "projects:list"


project_template = template_view(PROJECTS)
project_export = export_view(
    PROJECTS,
    lambda user: project_queryset(user).order_by("-plan_year", "code"),
    ProjectFilterSet,
)


class ProjectListView(ObjectListView):
    model = Project
    filterset_class = ProjectFilterSet
    template_name = "projects/project_list.html"

    def get_queryset(self):
        return project_queryset(self.request.user).order_by("-plan_year", "code")


class ProjectDetailView(ObjectDetailView):
    model = Project
    template_name = "projects/project_detail.html"

    def get_queryset(self):
        return project_queryset(self.request.user)

    def get_context(self, obj: Project) -> dict[str, Any]:
        """The project's own panels; its money is a panel of the funds app (funds/panels.py)."""
        user = self.request.user
        editable = can_edit(user, obj)
        return {
            **panel_context(LIFECYCLE, user, obj),
            "progress_reports": ProgressReport.objects.visible_to(user).filter(project=obj),
            "attachments": Attachment.objects.visible_to(user).filter(project=obj),
            "results": ResultIndicator.objects.visible_to(user).filter(project=obj),
            "extra_places": obj.extra_places.all(),
            "progress_form": ProgressReportForm() if editable else None,
            "attachment_form": AttachmentForm() if editable else None,
            "result_form": ResultIndicatorForm() if editable else None,
        }


class ProjectEditView(ObjectEditView):
    model = Project
    form_class = ProjectForm


class ProjectHistoryView(ObjectHistoryView):
    model = Project


@login_required
@require_POST
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a project to another status; the service decides whether this user may."""
    project = get_object_or_404(project_queryset(request.user), pk=pk)
    done, message = move_from_request(LIFECYCLE, request, project)
    (messages.success if done else messages.error)(request, message)
    return HttpResponseRedirect(project.get_absolute_url())


CHILD_FORMS = {
    "progress": ProgressReportForm,
    "attachment": AttachmentForm,
    "result": ResultIndicatorForm,
}


@login_required
@require_POST
def add_child(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Add a progress report, an attachment or a result row to a project the user may change."""
    form_class = CHILD_FORMS.get(kind)
    if form_class is None:
        raise Http404
    project = get_object_or_404(project_queryset(request.user), pk=pk)
    if not can_edit(request.user, project):
        raise PermissionDenied
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        with transaction.atomic():
            child = form.save(commit=False)
            child.project = project
            try:
                child.full_clean()
            except ValidationError as exc:  # unique indicator per project etc.
                messages.error(request, "; ".join(exc.messages))
                return HttpResponseRedirect(project.get_absolute_url())
            try:
                save_in_scope(request.user, child)
            except OutOfScope as refused:
                messages.error(request, refused.message)
                return HttpResponseRedirect(project.get_absolute_url())
        messages.success(request, _("Saved: %(object)s") % {"object": child})
    else:
        errors = [
            f"{form.fields[f].label if f in form.fields else ''} {' '.join(e)}".strip()
            for f, e in form.errors.items()
        ]
        messages.error(request, "; ".join(errors))
    return HttpResponseRedirect(project.get_absolute_url())


def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """Serve an attachment to those who may see its project (uploads are not public files)."""
    attachment = get_object_or_404(
        Attachment.objects.visible_to(request.user).select_related("project"), pk=pk
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    inline = attachment.kind == AttachmentKind.PHOTO
    return FileResponse(handle, as_attachment=not inline, filename=Path(attachment.file.name).name)
