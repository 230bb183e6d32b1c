"""Excel export of the quantities table."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from duikou.reader import services
from duikou.reader.models import ReportDocument
from duikou.reader.tests.helpers import SEED_000, zh

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def seed_doc(client_for, hq_a):
    client = client_for(hq_a)
    client.post(
        reverse("reader:reader"),
        {"file": SimpleUploadedFile(SEED_000.name, SEED_000.read_bytes())},
    )
    return client, ReportDocument.objects.get()


def sheet_rows(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(response.content))
    return list(book.active.iter_rows(values_only=True))


def test_export_holds_every_quantity(seed_doc):
    client, doc = seed_doc
    response = client.get(reverse("reader:export", args=[doc.pk]))
    assert "attachment" in response["Content-Disposition"]
    assert ".xlsx" in response["Content-Disposition"]
    rows = sheet_rows(response)
    assert rows[0][0] == SEED_000.name
    headers = ("No.", "Surface", "Value", "Upper value", "Unit", "Qualifier", "Counted", "Sentence")
    assert rows[1][:8] == tuple(zh(h) for h in headers)
    body = rows[2:]
    assert len(body) == len(doc.mentions)
    hit = next(r for r in body if r[1] == "3000余个")
    assert hit[2] == 3000
    assert hit[4] == "个"
    assert hit[5] == zh("more than")
    assert hit[6] == "项目"
    assert "累计实施援疆项目3000余个" in hit[7]
    assert doc.text[hit[8] : hit[9]] == "3000余个"
    money = next(r for r in body if r[1] == "300余亿元")
    assert money[2] == 30_000_000_000 and isinstance(money[2], int)


def test_export_follows_the_unit_filter(seed_doc):
    client, doc = seed_doc
    rows = sheet_rows(client.get(reverse("reader:export", args=[doc.pk]), {"unit": "所"}))
    body = rows[2:]
    assert body and {r[4] for r in body} == {"所"}
    assert len(body) == sum(1 for m in doc.mentions if m["unit"] == "所")


def test_export_of_quantities_without_unit(client_for, hq_a):
    client = client_for(hq_a)
    client.post(reverse("reader:reader"), {"text": "总投资1.5万，另有3个项目。"})
    doc = ReportDocument.objects.get()
    no_unit = [m for m in doc.mentions if m["unit"] == ""]
    rows = sheet_rows(
        client.get(reverse("reader:export", args=[doc.pk]), {"unit": services.NO_UNIT})
    )
    assert len(rows[2:]) == len(no_unit)


def test_export_before_the_job_is_done_redirects(client_for, hq_a):
    doc = ReportDocument.objects.create(
        title="x.txt", owner=hq_a, owner_organisation=hq_a.organisation
    )
    response = client_for(hq_a).get(reverse("reader:export", args=[doc.pk]))
    assert response.status_code == 302
    assert response["Location"] == doc.get_absolute_url()
