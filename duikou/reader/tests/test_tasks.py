"""Reading a report is a background task: its run, its outcome, and a real worker."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duikou.core.models import ChangeRecord, TaskRun
from duikou.reader import tasks
from duikou.reader.models import ReportDocument
from duikou.reader.tests.helpers import SEED_000


def test_an_upload_starts_a_reading_task_the_uploader_can_follow(client_for, hq_a):
    client = client_for(hq_a)
    with SEED_000.open("rb") as fh:
        response = client.post(reverse("reader:reader"), {"file": fh})
    doc = ReportDocument.objects.get()
    run = TaskRun.objects.for_object(doc).get()
    assert run.kind == tasks.KIND
    assert run.owner == hq_a
    assert run.state == TaskRun.State.DONE
    assert run.result_url == doc.get_absolute_url() == response["Location"]
    assert str(len(doc.mentions)) in run.message
    page = client.get(doc.get_absolute_url()).content.decode()
    assert f'href="{run.get_absolute_url()}"' in page


def test_a_report_that_cannot_be_read_fails_its_task_with_the_reason(hq_a):
    doc = ReportDocument.objects.create(title="empty", text=" ", owner=hq_a)
    run = tasks.start_reading(doc, hq_a)
    doc.refresh_from_db()
    assert doc.status == ReportDocument.Status.FAILED
    assert run.state == TaskRun.State.FAILED
    assert run.errors == [doc.error]
    assert run.result_url == doc.get_absolute_url()


@pytest.mark.worker
def test_a_queued_report_is_read_by_a_real_worker_as_its_uploader(run_worker, django_user_model):
    owner = django_user_model.objects.create_user("reader_owner", password="x")
    doc = ReportDocument.objects.create(
        title="seed", text=SEED_000.read_text(encoding="utf-8"), owner=owner
    )
    run = tasks.start_reading(doc, owner)
    assert run.state == TaskRun.State.QUEUED  # nothing runs it yet; a restart loses nothing

    run_worker()

    doc.refresh_from_db()
    run.refresh_from_db()
    assert doc.status == ReportDocument.Status.DONE
    assert len(doc.mentions) >= 10
    assert run.state == TaskRun.State.DONE
    assert (run.done, run.total) == (1, 1)
    update = ChangeRecord.objects.filter(
        content_type__model="reportdocument", object_id=str(doc.pk), action="update"
    ).first()
    assert update is not None and update.user_id == owner.pk
