"""Exchange pages beyond the registered ones: rows added on an event's page, its photos, and
the figures page (events, 人次, 人 and beneficiaries by kind and by credited party)."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duikou.core.scoping import can_edit
from duikou.core.writes import OutOfScope, save_in_scope
from duikou.exchanges import services
from duikou.exchanges.filters import EventFilterSet
from duikou.exchanges.forms import GroupForm, MeasureForm, PhotoForm
from duikou.exchanges.models import Event, Photo

CHILD_FORMS = {"group": GroupForm, "measure": MeasureForm, "photo": PhotoForm}


def form_errors(form) -> str:
    return "; ".join(
        f"{form.fields[f].label if f in form.fields else ''} {' '.join(e)}".strip()
        for f, e in form.errors.items()
    )


@login_required
@require_POST
def add_child(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Add a participant group, a further figure or a photo to an event the user may change."""
    form_class = CHILD_FORMS.get(kind)
    if form_class is None:
        raise Http404
    event = get_object_or_404(Event.objects.visible_to(request.user), pk=pk)
    if not can_edit(request.user, event):
        raise PermissionDenied
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return HttpResponseRedirect(event.get_absolute_url())
    with transaction.atomic():
        child = form.save(commit=False)
        child.event = event
        try:
            child.full_clean()
            save_in_scope(request.user, child)
        except ValidationError as invalid:
            messages.error(request, "; ".join(invalid.messages))
            return HttpResponseRedirect(event.get_absolute_url())
        except OutOfScope as refused:
            messages.error(request, refused.message)
            return HttpResponseRedirect(event.get_absolute_url())
    messages.success(request, _("Saved: %(object)s") % {"object": child})
    return HttpResponseRedirect(event.get_absolute_url())


def photo_download(request: HttpRequest, pk: int) -> FileResponse:
    """Serve a photo to those who may see its event (uploads are not public files)."""
    photo = get_object_or_404(Photo.objects.visible_to(request.user), pk=pk)
    try:
        handle = photo.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, filename=Path(photo.file.name).name)


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    """Events and their figures for the filters chosen (a party, a year, a half year …):
    by kind, each event once; by credited party, each event once per party."""
    filterset = EventFilterSet(
        request.GET, queryset=Event.objects.visible_to(request.user), request=request
    )
    events = filterset.qs
    kinds = services.by_kind(events)
    return render(
        request,
        "exchanges/figures.html",
        {
            "filter": filterset,
            "totals": services.totals(events),
            "kinds": kinds,
            "parties": services.by_credited_party(events),
            "chart": {
                "labels": [str(k["label"]) for k in kinds],
                "horizontal": True,
                "series": [
                    {"name": _("Person-times (人次)"), "data": [k["person_times"] for k in kinds]},
                    {"name": _("Beneficiaries (人)"), "data": [k["beneficiaries"] for k in kinds]},
                ],
            },
        },
    )
