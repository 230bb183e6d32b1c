"""Limits before work: a Word bomb is refused from its zip directory, text and quantities are
capped per document, and the page shows a long text only up to a limit."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duikou.reader import services, views
from duikou.reader.models import ReportDocument
from duikou.reader.tests.helpers import make_docx, zh

pytestmark = pytest.mark.django_db

READER = reverse("reader:reader")
SENTENCE = "共有3个项目，投资5万元。"


def docx_bomb() -> bytes:
    """A small .docx whose document.xml unpacks to more than a megabyte."""
    body = b"<w:p><w:r><w:t>" + b"1" * (1536 * 1024) + b"</w:t></w:r></w:p>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<w:document><w:body>" + body + b"</w:body>")
    return out.getvalue()


@pytest.fixture
def never_parsed(monkeypatch):
    import docx

    def refuse(*args, **kwargs):
        raise AssertionError("python-docx parsed the bomb")

    monkeypatch.setattr(docx, "Document", refuse)


def test_a_docx_bomb_is_refused_before_it_is_parsed(client_for, hq_a, settings, never_parsed):
    settings.READER_MAX_UNCOMPRESSED_MB = 1
    bomb = docx_bomb()
    assert len(bomb) < 20_000
    response = client_for(hq_a).post(READER, {"file": SimpleUploadedFile("bomb.docx", bomb)})
    assert response.status_code == 400
    expected = zh(
        "“%(name)s” unpacks to %(size)s MB; Word files that unpack to at most "
        "%(limit)s MB are accepted."
    ).split("%(size)s")[0] % {"name": "bomb.docx"}
    assert expected in response.content.decode().replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert not ReportDocument.objects.exists()


def test_a_stored_docx_bomb_fails_in_the_job_without_being_parsed(hq_a, settings, never_parsed):
    settings.READER_MAX_UNCOMPRESSED_MB = 1
    doc = ReportDocument(title="bomb.docx", owner=hq_a)
    doc.file.save("bomb.docx", ContentFile(docx_bomb()))
    services.process_document(doc.pk)
    doc.refresh_from_db()
    assert doc.status == ReportDocument.Status.FAILED
    assert "MB" in doc.error and doc.text == ""


def test_a_docx_within_the_limit_is_still_read(client_for, hq_a, settings):
    settings.READER_MAX_UNCOMPRESSED_MB = 1
    upload = SimpleUploadedFile("ok.docx", make_docx(SENTENCE))
    client_for(hq_a).post(READER, {"file": upload})
    doc = ReportDocument.objects.get()
    assert doc.status == ReportDocument.Status.DONE and len(doc.mentions) == 2


def test_extracted_text_is_capped(client_for, hq_a, settings):
    settings.READER_MAX_TEXT_CHARACTERS = len(SENTENCE) * 3
    client = client_for(hq_a)
    client.post(READER, {"text": SENTENCE * 10})
    doc = ReportDocument.objects.get()
    assert doc.text == SENTENCE * 3
    assert doc.text_length == len(SENTENCE) * 10
    assert len(doc.mentions) == 6  # only the quantities of the text that was read
    page = client.get(doc.get_absolute_url()).content.decode()
    assert 'data-testid="report-text-capped"' in page


def test_the_quantities_stored_per_document_are_capped(client_for, hq_a, settings):
    settings.READER_MAX_MENTIONS = 3
    client = client_for(hq_a)
    client.post(READER, {"text": SENTENCE * 4})
    doc = ReportDocument.objects.get()
    assert len(doc.mentions) == 3 and doc.mentions_found == 8
    page = client.get(doc.get_absolute_url()).content.decode()
    assert 'data-testid="report-mentions-capped"' in page


def test_the_page_shows_a_long_text_only_up_to_a_limit_with_a_note(client_for, hq_a, monkeypatch):
    monkeypatch.setattr(views, "TEXT_SHOWN_CHARACTERS", len(SENTENCE) * 2)
    client = client_for(hq_a)
    client.post(READER, {"text": SENTENCE * 50})
    doc = ReportDocument.objects.get()
    page = client.get(doc.get_absolute_url()).content.decode()
    text = page.split('data-testid="report-text"', 1)[1].split('data-testid="report-text-cut"')[0]
    assert text.count('class="dk-quantity"') == 4
    assert 'data-testid="report-text-cut"' in page


def test_a_report_documents_file_is_deleted_with_its_record(
    hq_a, django_capture_on_commit_callbacks
):
    import os

    doc = ReportDocument(title="r.docx", owner=hq_a)
    doc.file.save("r.docx", ContentFile(make_docx(SENTENCE)))
    path = doc.file.path
    with django_capture_on_commit_callbacks(execute=True):
        doc.delete()
    assert not os.path.exists(path)
