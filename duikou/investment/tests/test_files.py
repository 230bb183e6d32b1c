"""Import and export from the column declarations: an exported file imports again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from duikou.core.imports import import_file
from duikou.investment.columns import LEADS, PARK_ENTRIES, PARKS
from duikou.investment.models import ParkEntry
from duikou.investment.tests.factories import enterprise, lead

pytestmark = pytest.mark.django_db


def exported(client, url: str, **params) -> bytes:
    response = client.get(url, {"export": "csv", **params})
    return b"".join(response.streaming_content)


def test_an_exported_lead_file_imports_again_unchanged(client_for, hq_a):
    lead(code="T-RT-1", jobs_planned=50)
    lead(
        code="T-RT-2",
        stage="signed",
        signed_on=dt.date(2025, 4, 1),
        signed_amount=12_345_600,
    )
    content = exported(client_for(hq_a), reverse("investment:list"), q="T-RT-")
    result = import_file(LEADS, "leads.csv", content, hq_a, commit=False)
    assert result.ok, [str(e) for e in result.errors]
    assert result.counts() == {"create": 0, "update": 0, "unchanged": 2}


def test_parks_and_their_enterprises_are_imported_from_a_sheet(recipient):
    parks = "code,name,kind,place\nT-PK-9,伊宁县纺织产业园,产业园区,654021\n"
    result = import_file(PARKS, "parks.csv", parks.encode(), recipient, commit=True)
    assert result.written, [str(e) for e in result.errors]
    firm = enterprise()
    rows = f"park,enterprise,entered_on,jobs,local_jobs\nT-PK-9,{firm.code},2024-05-01,80,60\n"
    result = import_file(PARK_ENTRIES, "entries.csv", rows.encode(), recipient, commit=True)
    assert result.written, [str(e) for e in result.errors]
    assert ParkEntry.objects.get(park__code="T-PK-9").jobs == 80
    bad = f"park,enterprise,entered_on,jobs,local_jobs\nT-PK-9,{firm.code},2024-06-01,10,20\n"
    result = import_file(PARK_ENTRIES, "entries.csv", bad.encode(), recipient, commit=True)
    assert not result.written and any("本地就业" in e.reason for e in result.errors)


def test_an_imported_lead_is_written_with_its_history_and_credited_by_the_pairings(hq_a):
    from duikou.core.models import ChangeRecord, record_key
    from duikou.investment.models import Lead
    from duikou.investment.tests.factories import csv_file, csv_row

    row = csv_row(
        code="T-IMP-1", aiding_party="", stage="签约", signed_on="2025-04-01", signed_amount="250"
    )
    result = import_file(LEADS, "leads.csv", csv_file(row), hq_a, commit=True)
    assert result.written, [str(e) for e in result.errors]
    imported = Lead.objects.get(code="T-IMP-1")
    assert imported.aiding_party.code == imported.paired_party.code == "320000"
    assert imported.signed_amount == 2_500_000 and imported.year == 2025
    assert ChangeRecord.objects.filter(**record_key(imported), action="create").exists()
