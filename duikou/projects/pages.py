"""The project pages, menu entry, export, import and API route (see core/registry.py).

The lifecycle moves and timeline come from the workflow; the money is a panel of the funds
app (funds/panels.py); progress, results and documents are this app's own panels below.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from duikou.core.registry import register
from duikou.core.scoping import can_edit
from duikou.projects.api import ProjectViewSet
from duikou.projects.columns import PROJECTS
from duikou.projects.filters import ProjectFilterSet
from duikou.projects.forms import (
    AttachmentForm,
    ProgressReportForm,
    ProjectForm,
    ResultIndicatorForm,
)
from duikou.projects.models import Attachment, Category, ProgressReport, Project, ResultIndicator
from duikou.projects.services import LIFECYCLE
from duikou.projects.tables import ProjectTable

_numbers = itertools.count(1)


def sample_project(party, place) -> Project:
    """A project of `party` in `place`, in reserve (so not published, not public)."""
    return Project.objects.create(
        code=f"KIT-PRJ-{next(_numbers)}",
        name="样例项目",
        aiding_party=party,
        place=place,
        category=Category.objects.order_by("sort_order", "pk").first(),
        plan_year=2025,
        budget_aid=Decimal(1000000),
    )


def project_context(request: HttpRequest, project: Project) -> dict[str, Any]:
    """The project's own panels: progress, results, documents, and the forms that add to them."""
    user = request.user
    editable = user.is_authenticated and can_edit(user, project)
    return {
        "progress_reports": ProgressReport.objects.visible_to(user).filter(project=project),
        "attachments": Attachment.objects.visible_to(user).filter(project=project),
        "results": ResultIndicator.objects.visible_to(user).filter(project=project),
        "extra_places": project.extra_places.all(),
        "progress_form": ProgressReportForm() if editable else None,
        "attachment_form": AttachmentForm() if editable else None,
        "result_form": ResultIndicatorForm() if editable else None,
    }


projects = register(
    Project,
    prefix="projects",
    names={"move": "transition"},
    move_path="status",
    filterset=ProjectFilterSet,
    table=ProjectTable,
    columns_table=PROJECTS,
    imports=True,
    form=ProjectForm,
    viewset=ProjectViewSet,
    api_prefix="projects",
    api_basename="project",
    nav=(_("Projects"), None),
    nav_order=60,
    detail_template="projects/project_detail.html",
    queryset_hook=lambda qs: qs.with_relations(),
    ordering=["-plan_year", "code"],
    detail_context=project_context,
    workflow=LIFECYCLE,
    public=True,
    sample=sample_project,
    sample_public=False,
)
