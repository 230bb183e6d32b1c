"""Project pages beyond the registered ones (pages.py): adding progress, documents and results,
and serving a document."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duikou.core.scoping import can_edit
from duikou.core.writes import OutOfScope, save_in_scope
from duikou.projects.choices import AttachmentKind
from duikou.projects.forms import AttachmentForm, ProgressReportForm, ResultIndicatorForm
from duikou.projects.models import Attachment, Project

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
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
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
