"""Bad inputs give clear (Chinese) errors and create nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duikou.reader.forms import megabytes
from duikou.reader.models import ReportDocument
from duikou.reader.tests.helpers import SEED_000, zh_html

pytestmark = pytest.mark.django_db

READER = reverse("reader:reader")


def post(client, **data):
    response = client.post(READER, data)
    assert response.status_code == 400
    assert not ReportDocument.objects.exists()
    return response.content.decode()


@pytest.fixture
def client(client_for, hq_a):
    return client_for(hq_a)


def test_nothing_given(client):
    page = post(client)
    assert zh_html("Choose a report file or paste its text.") in page


def test_only_white_space_pasted(client):
    page = post(client, text="  \n\u3000 ")
    assert zh_html("Choose a report file or paste its text.") in page


def test_both_file_and_text(client):
    page = post(client, file=SimpleUploadedFile("a.txt", "共3个".encode()), text="共5个")
    assert zh_html("Give either a file or pasted text, not both.") in page


def test_empty_file(client):
    page = post(client, file=SimpleUploadedFile("empty.txt", b""))
    assert zh_html("The file “%(name)s” is empty.", name="empty.txt") in page


@pytest.mark.parametrize("name", ["report.doc", "report.exe", "report.xlsx", "report"])
def test_wrong_extension(client, name):
    page = post(client, file=SimpleUploadedFile(name, "共有3个项目。".encode()))
    expected = zh_html(
        "“%(name)s” cannot be read: only .txt, .docx and .pdf files are accepted.", name=name
    )
    assert expected in page


def test_binary_garbage_named_txt(client):
    garbage = bytes(range(256)) * 64
    page = post(client, file=SimpleUploadedFile("garbage.txt", garbage))
    expected = zh_html(
        "“%(name)s” is not readable text: it looks like binary data. Save the report as UTF-8 or "
        "GB18030 text, or upload the .docx or .pdf itself.",
        name="garbage.txt",
    )
    assert expected in page


def test_garbage_named_pdf(client):
    page = post(client, file=SimpleUploadedFile("fake.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100))
    expected = zh_html(
        "“%(name)s” is not a PDF file, although its name ends in .pdf.", name="fake.pdf"
    )
    assert expected in page


def test_garbage_named_docx(client):
    page = post(client, file=SimpleUploadedFile("fake.docx", "共有3个项目。".encode()))
    expected = zh_html(
        "“%(name)s” is not a Word (.docx) file, although its name ends in .docx.", name="fake.docx"
    )
    assert expected in page


def test_too_large(client, settings):
    settings.READER_MAX_UPLOAD_BYTES = 1024 * 1024
    content = ("共有3个项目。" * 60_000).encode()  # about 1.2 MB
    page = post(client, file=SimpleUploadedFile("big.txt", content))
    expected = zh_html(
        "The file “%(name)s” is %(size)s MB; files of at most %(limit)s MB are accepted.",
        name="big.txt",
        size=megabytes(len(content)),
        limit="1",
    )
    assert expected in page


def test_far_too_large_is_refused_before_reading_the_body(client, settings):
    settings.READER_MAX_UPLOAD_BYTES = 1024
    content = b"x" * (3 * 1024 * 1024)
    page = post(client, file=SimpleUploadedFile("huge.txt", content))
    assert (
        zh_html(
            "The upload is %(size)s MB; files of at most %(limit)s MB are accepted.",
            size=megabytes(3 * 1024 * 1024 + 400),
            limit="0",
        )
        in page
    )


def test_gb18030_text_is_accepted(client):
    response = client.post(
        READER, {"file": SimpleUploadedFile("gbk.txt", "今年新建学校16所。".encode("gb18030"))}
    )
    assert response.status_code == 302
    doc = ReportDocument.objects.get()
    assert [m["surface"] for m in doc.mentions] == ["16所"]


def test_the_limit_is_shown_on_the_form(client):
    page = client.get(READER).content.decode()
    assert (
        zh_html(
            "A .txt (UTF-8 or GB18030), .docx or .pdf file of at most %(limit)s MB.", limit="50"
        )
        in page
    )


def test_seed_upload_is_fine(client):
    response = client.post(
        READER, {"file": SimpleUploadedFile(SEED_000.name, SEED_000.read_bytes())}
    )
    assert response.status_code == 302
