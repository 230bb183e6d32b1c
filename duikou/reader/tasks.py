"""The report reader's background task: read one document (duikou.core.tasks runs it)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from duikou.core.models import TaskRun
from duikou.core.tasks import TaskFailed, progress, start
from duikou.reader import services
from duikou.reader.models import ReportDocument

KIND = "reader.read"


def read_document(pk: int) -> None:
    """Read the document and find its quantities; a document that cannot be read fails."""
    progress.update(0, 1, stage=_("Reading the report and finding its quantities"))
    services.process_document(pk)
    doc = ReportDocument.objects.only("status", "error", "result").get(pk=pk)
    progress.result(url=doc.get_absolute_url())
    if doc.status != ReportDocument.Status.DONE:
        raise TaskFailed(
            _("The report could not be read."), errors=[doc.error] if doc.error else []
        )
    count = len(doc.mentions)
    progress.update(1, 1, stage=_("Done"))
    progress.result(
        message=ngettext("%(count)s quantity found.", "%(count)s quantities found.", count)
        % {"count": count}
    )


def start_reading(doc: ReportDocument, user: Any) -> TaskRun:
    """Queue the reading of `doc` for `user`. The document commits its own outcome (its
    status), so the task does not run in one transaction: the page sees "reading" as it goes."""
    return start(
        KIND,
        read_document,
        doc.pk,
        user=user,
        title=_("Read %(title)s") % {"title": doc.title},
        subject=doc,
        result_url=doc.get_absolute_url(),
        atomic=False,
    )
