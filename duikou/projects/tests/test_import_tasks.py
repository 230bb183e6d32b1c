"""Imports and big exports as background tasks: preview, confirm, errors, owner only, a worker."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duikou.core.history import history_for
from duikou.core.models import TaskRun
from duikou.projects.models import Project
from duikou.projects.tests.factories import make_project, party
from duikou.projects.tests.test_import import csv_file, good

IMPORT = reverse("projects:import")


def upload(client, *rows: list[str]) -> TaskRun:
    """Upload a project file; returns the preview run the page sent the user to."""
    response = client.post(IMPORT, {"file": SimpleUploadedFile("p.csv", csv_file(*rows))})
    run = TaskRun.objects.filter(kind="import.preview").latest("id")
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    return run


def confirm(client, preview: TaskRun):
    return client.post(IMPORT, {"confirm": "1", "run": preview.pk})


@pytest.mark.django_db
def test_an_upload_is_checked_by_a_task_whose_page_shows_the_preview(client_for, hq_a):
    make_project(code="TK-OLD", aiding_party=party("320000"), name="旧名称")
    client = client_for(hq_a)
    run = upload(client, good("TK-NEW"), good("TK-OLD"))
    run.refresh_from_db()
    assert run.state == TaskRun.State.DONE and run.owner == hq_a
    assert (run.done, run.total) == (2, 2)
    assert not Project.objects.filter(code="TK-NEW").exists()  # a preview writes nothing
    page = client.get(run.get_absolute_url()).content.decode()
    assert 'data-testid="import-preview"' in page and 'data-testid="import-confirm"' in page
    assert "TK-NEW" in page and "TK-OLD" in page
    assert "项目名称" in page  # the changed field of the known project


@pytest.mark.django_db
def test_confirming_a_preview_writes_it_in_a_task_linked_to_the_list(client_for, hq_a):
    client = client_for(hq_a)
    preview = upload(client, good("TK-1"), good("TK-2"))
    response = confirm(client, preview)
    run = TaskRun.objects.get(kind="import.commit")
    assert response["Location"] == run.get_absolute_url()
    assert run.state == TaskRun.State.DONE and run.result_url == reverse("projects:list")
    assert Project.objects.filter(code__in=["TK-1", "TK-2"]).count() == 2
    assert {e.user_name for e in history_for(Project.objects.get(code="TK-1"))} == {hq_a.username}
    page = client.get(run.get_absolute_url()).content.decode()
    assert f'href="{reverse("projects:list")}"' in page
    assert confirm(client, preview)["Location"] == IMPORT  # a preview is used once
    assert TaskRun.objects.filter(kind="import.commit").count() == 1


@pytest.mark.django_db
def test_a_file_with_errors_fails_its_task_and_lists_row_column_and_reason(client_for, hq_a):
    client = client_for(hq_a)
    run = upload(client, good("TK-E1"), good("TK-E2", budget_aid="一百万"))
    run.refresh_from_db()
    assert run.state == TaskRun.State.FAILED
    page = client.get(run.get_absolute_url()).content.decode()
    assert 'data-testid="import-errors"' in page and 'data-testid="import-confirm"' not in page
    assert "<td>3</td><td>援疆资金（元）（G）</td>" in page  # row, column letter, reason
    assert confirm(client, run)["Location"] == IMPORT  # a failed preview cannot be confirmed
    assert not Project.objects.filter(code__startswith="TK-E").exists()


@pytest.mark.django_db
def test_only_the_owner_of_a_preview_may_see_or_confirm_it(client_for, hq_a, wg_a):
    preview = upload(client_for(hq_a), good("TK-O1"))
    client = client_for(wg_a)  # same party, may import too; not their upload
    assert client.get(preview.get_absolute_url()).status_code == 404
    assert confirm(client, preview)["Location"] == IMPORT
    assert not TaskRun.objects.filter(kind="import.commit").exists()
    assert not Project.objects.filter(code="TK-O1").exists()


@pytest.mark.django_db
def test_a_commit_the_data_no_longer_allows_writes_nothing_and_says_why(client_for, hq_a):
    client = client_for(hq_a)
    preview = upload(client, good("TK-R1"), good("TK-R2"))
    make_project(code="TK-R2", aiding_party=party("110000"))  # taken by party B meanwhile
    confirm(client, preview)
    run = TaskRun.objects.get(kind="import.commit")
    assert run.state == TaskRun.State.FAILED
    assert 'data-testid="import-errors"' in client.get(run.get_absolute_url()).content.decode()
    assert not Project.objects.filter(code="TK-R1").exists()


@pytest.mark.django_db
def test_the_progress_poll_reloads_the_page_when_an_import_ends(client_for, hq_a):
    client = client_for(hq_a)
    run = upload(client, good("TK-P1"))
    url = reverse("core:task_progress", args=[run.pk])
    assert client.get(url, headers={"HX-Request": "true"})["HX-Refresh"] == "true"


@pytest.mark.django_db
def test_a_big_export_is_a_task_whose_file_only_its_owner_downloads(
    client_for, hq_a, hq_b, settings
):
    settings.EXPORT_TASK_ROWS = 1
    for code in ("TK-X1", "TK-X2"):
        make_project(code=code, aiding_party=party("320000"))
    client = client_for(hq_a)
    response = client.get(reverse("projects:export"), {"q": "TK-X"})
    run = TaskRun.objects.get(kind="export")
    assert response["Location"] == run.get_absolute_url()
    assert run.state == TaskRun.State.DONE and (run.done, run.total) == (2, 2)
    download = client.get(run.result_url)
    assert download.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert {"TK-X1", "TK-X2"} <= set(codes)
    assert client_for(hq_b).get(run.result_url).status_code == 404


@pytest.mark.worker
def test_a_queued_import_is_previewed_and_written_by_a_worker_process(
    run_worker, base_data, client, hq_a
):
    client.force_login(hq_a)
    preview = upload(client, good("TK-W1"), good("TK-W2"))
    assert preview.state == TaskRun.State.QUEUED  # waits in the database for any worker
    run_worker()
    preview.refresh_from_db()
    assert preview.state == TaskRun.State.DONE, preview.message
    confirm(client, preview)
    run_worker()
    run = TaskRun.objects.get(kind="import.commit")
    assert run.state == TaskRun.State.DONE, run.message
    assert set(Project.objects.filter(code__startswith="TK-W").values_list("code", flat=True)) == {
        "TK-W1",
        "TK-W2",
    }
    assert {e.user_name for e in history_for(Project.objects.get(code="TK-W1"))} == {hq_a.username}


@pytest.mark.django_db
def test_a_file_the_database_refuses_mid_write_is_refused_whole_not_a_crash(hq_a, monkeypatch):
    from django.db import IntegrityError
    from django.db.models.query import QuerySet

    from duikou.projects.columns import import_projects

    def refuse(*args, **kwargs):
        raise IntegrityError("a rule the checks do not know")

    # Inside bulk_create's own atomic block, as a real constraint failure would be.
    monkeypatch.setattr(QuerySet, "_batched_insert", refuse)
    result = import_projects("p.csv", csv_file(good("TK-DB")), hq_a, commit=True)
    assert not result.ok and not result.written
    assert "nothing was written" in result.errors[0].reason or "未写入" in result.errors[0].reason
    assert not Project.objects.filter(code="TK-DB").exists()
