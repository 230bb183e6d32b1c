"""The report reader: give it a report, see every quantity in it, filter and export them."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from duikou.core.models import TaskRun
from duikou.core.scoping import Scope
from duikou.core.tasks import refresh_state
from duikou.lib.spreadsheet import XLSX
from duikou.reader import services, tasks
from duikou.reader.forms import ReportInputForm, max_upload_bytes, megabytes
from duikou.reader.models import ReportDocument

TABLE_PAGE_SIZE = 200
# The marked text on the page stops after this many characters (the table lists every
# quantity, paged): a long report must not make a page of many megabytes.
TEXT_SHOWN_CHARACTERS = 100_000
RECENT_DOCUMENTS = 20
# A document reading this long with no task behind it (made before reading became a task)
# will never finish: say so.
STALLED_AFTER = timedelta(hours=1)


def may_upload(user) -> bool:
    """Whoever acts for an organisation, and the platform's overseers, may use the reader."""
    scope = Scope.of(user)
    return scope.organisation_id is not None or scope.reads_everything


def _document(request: HttpRequest, pk: int) -> ReportDocument:
    return get_object_or_404(
        ReportDocument.objects.visible_to(request.user).select_related(
            "owner", "owner_organisation"
        ),
        pk=pk,
    )


def _title_for_text(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return (first[:40] + "…") if len(first) > 40 else (first or _("Pasted text"))


@login_required
@require_http_methods(["GET", "POST"])
def reader(request: HttpRequest) -> HttpResponse:
    allowed = may_upload(request.user)
    form = ReportInputForm()
    upload_error = ""
    if request.method == "POST" and allowed:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > max_upload_bytes() + 1024 * 1024:
            # Refuse before Django reads the body into a temporary file.
            upload_error = _(
                "The upload is %(size)s MB; files of at most %(limit)s MB are accepted."
            ) % {"size": megabytes(length), "limit": megabytes(max_upload_bytes())}
        else:
            form = ReportInputForm(request.POST, request.FILES)
            if form.is_valid():
                doc = _create(request, form)
                tasks.start_reading(doc, request.user)
                return HttpResponseRedirect(doc.get_absolute_url())
    documents = (
        ReportDocument.objects.visible_to(request.user)
        .select_related("owner")
        .defer("text", "result")  # the list shows neither; they can be megabytes
    )
    return render(
        request,
        "reader/reader.html",
        {
            "form": form,
            "upload_error": upload_error,
            "may_upload": allowed,
            "documents": documents[:RECENT_DOCUMENTS],
            "limit_mb": megabytes(max_upload_bytes()),
        },
        status=400 if form.errors or upload_error else 200,
    )


def _create(request: HttpRequest, form: ReportInputForm) -> ReportDocument:
    upload = form.cleaned_data.get("file")
    user = request.user
    doc = ReportDocument(owner=user, owner_organisation_id=Scope.of(user).organisation_id)
    if upload:
        doc.title = upload.name[:200]
        upload.name = get_valid_filename(upload.name) or "report"
        doc.file = upload
    else:
        doc.text = form.cleaned_data["text"]
        doc.title = _title_for_text(doc.text)
    doc.save()
    return doc


def _follow_task(doc: ReportDocument) -> TaskRun | None:
    """The document's reading task, and the document marked failed if that task ended
    without finishing it (a worker stopped hard). A queued task waits for a worker however
    long it takes: the queue survives restarts."""
    run = TaskRun.objects.for_object(doc).order_by("-pk").first()
    if doc.is_finished:
        return run
    if run is not None:
        run = refresh_state(run)
        failed = run.state == TaskRun.State.FAILED
        reason = run.message
    else:
        failed = doc.updated_at < timezone.now() - STALLED_AFTER
        reason = ""
    if failed:
        doc.status = ReportDocument.Status.FAILED
        doc.error = reason or _("Reading was interrupted. Upload the report again.")
        doc.finished_at = timezone.now()
        doc.save(update_fields=["status", "error", "finished_at"])
    return run


def _body_context(request: HttpRequest, doc: ReportDocument) -> dict:
    context: dict = {"document": doc}
    if doc.status == ReportDocument.Status.DONE:
        mentions = doc.mentions
        shown = doc.text[:TEXT_SHOWN_CHARACTERS]
        context.update(
            {
                "highlighted": services.highlight(shown, mentions),
                "text_cut_at": len(shown) if len(shown) < len(doc.text) else None,
                "mention_count": len(mentions),
                **_table_context(request, doc, mentions),
            }
        )
    return context


def _table_context(request: HttpRequest, doc: ReportDocument, mentions: list[dict]) -> dict:
    unit = request.GET.get("unit", "")
    table = services.rows(doc.text, mentions, unit)
    page = Paginator(table, TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "units": services.unit_choices(mentions),
        "unit": unit,
        "page_obj": page,
        "row_count": len(table),
    }


@login_required
@require_GET
def document(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document(request, pk)
    run = _follow_task(doc)
    context = _body_context(request, doc)
    # The task run is its uploader's (and the overseers'); others see the document only.
    context["task_run"] = (
        run if run and TaskRun.objects.visible_to(request.user).filter(pk=run.pk).exists() else None
    )
    return render(request, "reader/document.html", context)


@login_required
@require_GET
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by the page (htmx) until the job ends; then it answers with the result."""
    doc = _document(request, pk)
    _follow_task(doc)
    return render(request, "reader/_body.html", _body_context(request, doc))


@login_required
@require_GET
def table(request: HttpRequest, pk: int) -> HttpResponse:
    """The quantities table alone, filtered by unit and paged (htmx)."""
    doc = _document(request, pk)
    if doc.status != ReportDocument.Status.DONE:
        return HttpResponse(status=204)
    context = {"document": doc, **_table_context(request, doc, doc.mentions)}
    return render(request, "reader/_table.html", context)


@login_required
@require_GET
def export(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document(request, pk)
    if doc.status != ReportDocument.Status.DONE:
        messages.error(request, _("The report has not been read yet; export it when it is done."))
        return HttpResponseRedirect(doc.get_absolute_url())
    unit = request.GET.get("unit", "")
    table = services.rows(doc.text, doc.mentions, unit)
    content = services.workbook(doc.title, table)
    response = HttpResponse(
        content,
        content_type=XLSX,
    )
    stem = get_valid_filename(doc.title.rsplit(".", 1)[0]) or "report"
    filename = f"quantities-{doc.pk}-{stem}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
