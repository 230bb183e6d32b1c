"""The report reader page: upload or paste, wait for the job, see marks and the table."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duikou.core.models import ChangeRecord
from duikou.reader import services
from duikou.reader.models import ReportDocument
from duikou.reader.tests.helpers import SEED_000, make_docx, make_pdf, seed_paths, zh_html

pytestmark = pytest.mark.django_db

READER = reverse("reader:reader")


def upload(client, name: str, content: bytes):
    return client.post(READER, {"file": SimpleUploadedFile(name, content)})


def test_reader_needs_sign_in(client):
    response = client.get(READER)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(
    "persona", ["admin_user", "coordinator", "hq_a", "wg_a", "hq_b", "recipient"]
)
def test_every_role_may_open_the_reader(request, client_for, persona):
    client = client_for(request.getfixturevalue(persona))
    response = client.get(READER)
    assert response.status_code == 200
    assert b'data-testid="reader-form"' in response.content
    assert b'enctype="multipart/form-data"' in response.content


def test_reader_is_in_the_navigation(client_for, hq_a):
    response = client_for(hq_a).get(reverse("dashboard:home"))
    assert f'href="{READER}"'.encode() in response.content


def test_upload_a_seed_text_and_see_marks_and_table(client_for, hq_a):
    client = client_for(hq_a)
    response = upload(client, SEED_000.name, SEED_000.read_bytes())
    doc = ReportDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == doc.get_absolute_url()
    assert doc.status == ReportDocument.Status.DONE
    assert doc.owner == hq_a
    assert doc.owner_organisation == hq_a.organisation
    assert doc.title == SEED_000.name
    assert doc.text == SEED_000.read_text(encoding="utf-8")
    assert doc.finished_at is not None

    page = client.get(doc.get_absolute_url()).content.decode()
    marks = re.findall(r'<mark class="dk-quantity"[^>]*>([^<]*)</mark>', page)
    assert "3000余个" in marks
    assert len(marks) == len(doc.mentions)
    assert 'data-testid="quantity-table"' in page
    assert "hx-trigger" not in page.split('id="report-body"')[1].split(">")[0]
    # The table row with the sentence the quantity sits in.
    assert "仅第七次对口支援新疆工作会议之后的2019年至2020年，累计实施援疆项目" in page


def test_upload_is_recorded_in_history(client_for, hq_a):
    upload(client_for(hq_a), "a.txt", "共有3个项目。".encode())
    doc = ReportDocument.objects.get()
    records = ChangeRecord.objects.filter(
        object_id=str(doc.pk), content_type__model="reportdocument"
    )
    assert records.filter(action="create", user=hq_a).exists()
    assert all("text" not in r.changes and "result" not in r.changes for r in records)


def test_paste_text(client_for, wg_a):
    client = client_for(wg_a)
    text = "伊宁县援疆简报\n今年培训教师1181名，新建学校16所。"
    response = client.post(READER, {"text": text})
    doc = ReportDocument.objects.get()
    assert response.status_code == 302
    assert doc.title == "伊宁县援疆简报"
    assert not doc.file
    assert [m["surface"] for m in doc.mentions] == ["1181名", "16所"]
    page = client.get(doc.get_absolute_url()).content.decode()
    assert ">1181名</mark>" in page and ">16所</mark>" in page


def test_pasted_html_is_shown_as_text(client_for, hq_a):
    client = client_for(hq_a)
    client.post(READER, {"text": "<img src=x onerror=alert(1)>共有3个项目。"})
    doc = ReportDocument.objects.get()
    page = client.get(doc.get_absolute_url()).content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_upload_docx(client_for, hq_a):
    client = client_for(hq_a)
    body = "全年实施援疆项目3000余个，投入资金300余亿元。"
    upload(client, "简报.docx", make_docx("江苏援疆", body))
    doc = ReportDocument.objects.get()
    assert doc.status == ReportDocument.Status.DONE
    assert doc.title == "简报.docx"
    assert [m["surface"] for m in doc.mentions] == ["3000余个", "300余亿元"]


def test_upload_pdf(client_for, hq_a):
    client = client_for(hq_a)
    upload(client, "report.pdf", make_pdf("累计实施援疆项目3000余个。", "培训教师1181名。"))
    doc = ReportDocument.objects.get()
    assert doc.status == ReportDocument.Status.DONE
    assert [m["surface"] for m in doc.mentions] == ["3000余个", "1181名"]
    for m in doc.mentions:
        assert doc.text[m["start"] : m["end"]] == m["surface"]


def test_pending_document_polls_its_status_every_second(client_for, hq_a):
    doc = ReportDocument.objects.create(
        title="long.pdf", owner=hq_a, owner_organisation=hq_a.organisation
    )
    client = client_for(hq_a)
    page = client.get(doc.get_absolute_url()).content.decode()
    status_url = reverse("reader:status", args=[doc.pk])
    assert f'hx-get="{status_url}"' in page
    assert 'hx-trigger="every 1s"' in page
    fragment = client.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in fragment
    assert "<html" not in fragment


def test_status_answers_with_the_result_once_done(client_for, hq_a):
    client = client_for(hq_a)
    client.post(READER, {"text": "共有3个项目。"})
    doc = ReportDocument.objects.get()
    fragment = client.get(reverse("reader:status", args=[doc.pk])).content.decode()
    assert 'data-status="done"' in fragment
    assert 'hx-trigger="every 1s"' not in fragment
    assert ">3个</mark>" in fragment
    assert 'data-testid="quantity-table"' in fragment


def test_table_filter_by_unit(client_for, hq_a):
    client = client_for(hq_a)
    upload(client, SEED_000.name, SEED_000.read_bytes())
    doc = ReportDocument.objects.get()
    url = reverse("reader:table", args=[doc.pk])
    fragment = client.get(url, {"unit": "名"}, HTTP_HX_REQUEST="true").content.decode()
    units = re.findall(r'<tr data-unit="([^"]*)"', fragment)
    assert units and set(units) == {"名"}
    assert len(units) == sum(1 for m in doc.mentions if m["unit"] == "名")
    everything = client.get(url).content.decode()
    assert len(re.findall(r'<tr data-unit="', everything)) == len(doc.mentions)
    # The export link follows the filter.
    assert reverse("reader:export", args=[doc.pk]) + "?unit=%E5%90%8D" in fragment
    # The page's filter is an htmx form aimed at the table.
    page = client.get(doc.get_absolute_url()).content.decode()
    assert f'hx-get="{url}"' in page and 'hx-target="#quantity-table"' in page


def test_failed_document_shows_its_error(client_for, hq_a):
    client = client_for(hq_a)
    upload(client, "broken.pdf", b"%PDF-1.4\nnot really a pdf at all")
    doc = ReportDocument.objects.get()
    assert doc.status == ReportDocument.Status.FAILED
    assert doc.error == services.reason_message("not a readable PDF")
    page = client.get(doc.get_absolute_url()).content.decode()
    assert 'data-testid="report-error"' in page
    assert zh_html("The PDF file is damaged or not a PDF.") in page
    # The server's file path is not shown.
    assert "media" not in page.split('data-testid="report-error"')[1].split("</div>")[0]


def test_pdf_without_text_fails_with_an_explanation(client_for, hq_a):
    client = client_for(hq_a)
    upload(client, "scan.pdf", make_pdf())
    doc = ReportDocument.objects.get()
    assert doc.status == ReportDocument.Status.FAILED
    assert "OCR" in doc.error


def test_a_stalled_job_is_reported_as_interrupted(client_for, hq_a):
    from datetime import timedelta

    from django.utils import timezone

    doc = ReportDocument.objects.create(
        title="lost.pdf",
        owner=hq_a,
        owner_organisation=hq_a.organisation,
        status=ReportDocument.Status.RUNNING,
    )
    ReportDocument.objects.filter(pk=doc.pk).update(updated_at=timezone.now() - timedelta(hours=2))
    client_for(hq_a).get(reverse("reader:status", args=[doc.pk]))
    doc.refresh_from_db()
    assert doc.status == ReportDocument.Status.FAILED


def test_recent_documents_are_listed(client_for, hq_a):
    client = client_for(hq_a)
    client.post(READER, {"text": "第一份报告：共有3个项目。"})
    page = client.get(READER).content.decode()
    doc = ReportDocument.objects.get()
    assert f'href="{doc.get_absolute_url()}"' in page


@pytest.mark.parametrize("seed", seed_paths(), ids=lambda p: p.stem[:3])
def test_every_seed_report_is_read_and_every_quantity_marked(client_for, hq_a, seed):
    client = client_for(hq_a)
    upload(client, seed.name, seed.read_bytes())
    doc = ReportDocument.objects.get()
    assert doc.status == ReportDocument.Status.DONE and doc.mentions
    page = client.get(doc.get_absolute_url()).content.decode()
    marks = re.findall(r'<mark class="dk-quantity"[^>]*>', page)
    assert len(marks) == len(doc.mentions)
    assert all(doc.text[m["start"] : m["end"]] == m["surface"] for m in doc.mentions)


def test_the_old_reports_address_sends_a_bookmark_to_the_reader(client_for, hq_a):
    response = client_for(hq_a).get("/reports/12/table/")
    assert response.status_code in (301, 302)
    assert response["Location"] == "/reader/12/table/"


def test_a_report_waiting_for_a_worker_is_not_given_up(client_for, hq_a, settings):
    from datetime import timedelta

    from django.utils import timezone

    from duikou.core import tasks
    from duikou.reader.tasks import read_document

    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["database"]}}
    doc = ReportDocument.objects.create(
        title="queued.txt", owner=hq_a, owner_organisation=hq_a.organisation, text="共有3个项目。"
    )
    tasks.start("reader.read", read_document, doc.pk, user=hq_a, title="queued", subject=doc)
    ReportDocument.objects.filter(pk=doc.pk).update(updated_at=timezone.now() - timedelta(hours=5))
    client_for(hq_a).get(reverse("reader:status", args=[doc.pk]))
    doc.refresh_from_db()
    assert doc.status != ReportDocument.Status.FAILED  # the queue keeps it until a worker runs
