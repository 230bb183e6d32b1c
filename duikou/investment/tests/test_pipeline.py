"""The pipeline: moves ask for each stage's date and amount, on the page and in the API; a
terminated lead keeps its history and still counts as having reached its stages; jobs are
counted once; parks show their enterprises over time."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from duikou.core.errors import Refused
from duikou.core.workflow import timeline
from duikou.investment.models import Lead, Park, ParkEntry
from duikou.investment.services import (
    approx_wan,
    employment,
    funnel,
    jobs_total,
    move_lead,
    park_timeline,
)
from duikou.investment.tests.factories import enterprise, lead, place

pytestmark = pytest.mark.django_db


def test_signing_on_the_page_records_the_date_and_the_contracted_amount(client_for, hq_a):
    obj = lead()
    client = client_for(hq_a)
    page = client.get(obj.get_absolute_url()).content.decode()
    assert 'data-testid="move-signed-form"' in page and 'name="amount"' in page
    client.post(
        reverse("investment:move", args=[obj.pk]),
        {"target": "signed", "date": "2025-04-10", "amount": "12000000"},
    )
    obj.refresh_from_db()
    assert (obj.stage, obj.signed_on, obj.signed_amount) == (
        "signed",
        dt.date(2025, 4, 10),
        Decimal("12000000.00"),
    )
    assert [m.target for m in timeline(obj)] == ["signed"]


def test_the_api_moves_a_lead_with_its_date_and_amount(api, hq_a):
    obj = lead()
    response = api(hq_a).post(
        f"/api/v1/investment/leads/{obj.pk}/move/",
        {"stage": "signed", "date": "2025-04-10", "amount": "12000000"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["stage"] == "signed"
    refused = api(hq_a).post(
        f"/api/v1/investment/leads/{obj.pk}/move/",
        {"stage": "started", "date": "2025-03-01", "amount": "1"},
        format="json",
    )
    assert refused.status_code == 400 and "早于" in " ".join(refused.json()["stage"])


def test_another_party_cannot_move_a_lead(hq_b):
    obj = lead()
    with pytest.raises(Refused):
        move_lead(obj, "signed", hq_b, date=dt.date(2025, 4, 1), amount=Decimal(1))


def test_a_terminated_lead_keeps_its_stages_and_still_counts_as_having_signed(hq_a):
    obj = lead()
    move_lead(obj, "signed", hq_a, date=dt.date(2025, 4, 1), amount=Decimal(8_000_000))
    with pytest.raises(Refused):  # 终止 needs its reason
        move_lead(obj, "terminated", hq_a, date=dt.date(2025, 6, 1))
    move_lead(obj, "terminated", hq_a, date=dt.date(2025, 6, 1), opinion="企业资金链断裂")
    obj.refresh_from_db()
    assert obj.stage == "terminated" and obj.termination_reason == "企业资金链断裂"
    assert obj.signed_on == dt.date(2025, 4, 1) and obj.reached == "signed"
    result = funnel(Lead.objects.filter(pk=obj.pk))
    assert result.stage("signed").reached == 1 and result.stage("signed").at == 0
    assert result.terminated == 1
    assert obj.delete_refusal()


def test_each_stage_move_fills_its_own_amount(hq_a):
    obj = lead()
    move_lead(obj, "signed", hq_a, date=dt.date(2025, 4, 1), amount=Decimal(9_000_000))
    move_lead(obj, "started", hq_a, date=dt.date(2025, 5, 1), amount=Decimal(3_000_000))
    move_lead(obj, "producing", hq_a, date=dt.date(2025, 9, 1), amount=Decimal(7_000_000))
    obj.refresh_from_db()
    assert (obj.signed_amount, obj.funds_in_place, obj.invested_total) == (
        Decimal("9000000.00"),
        Decimal("3000000.00"),
        Decimal("7000000.00"),
    )
    result = funnel(Lead.objects.filter(pk=obj.pk))
    assert [s.reached for s in result.stages] == [1, 1, 1, 1]
    assert result.stage("producing").at_amount == Decimal("7000000.00")


def test_jobs_of_a_park_enterprise_from_a_lead_are_counted_once(hq_a):
    firm = enterprise()
    park = Park.objects.create(code="T-PK", name="测试园区", place=place())
    obj = lead(
        enterprise=firm,
        park=park,
        stage="producing",
        signed_on=dt.date(2025, 4, 1),
        signed_amount=Decimal(1),
        started_on=dt.date(2025, 5, 1),
        funds_in_place=Decimal(1),
        producing_on=dt.date(2025, 9, 1),
        invested_total=Decimal(1),
        jobs_planned=300,
        jobs_created=200,
        jobs_local=150,
    )
    ParkEntry.objects.create(
        park=park, enterprise=firm, lead=obj, entered_on=obj.producing_on, jobs=200, local_jobs=150
    )
    ParkEntry.objects.create(
        park=park, enterprise=enterprise(), entered_on=dt.date(2024, 3, 1), jobs=50, local_jobs=40
    )
    leads, entries = Lead.objects.filter(pk=obj.pk), ParkEntry.objects.filter(park=park)
    assert jobs_total(leads, entries) == 250
    rows = {r["year"]: r for r in employment(leads, entries)}
    assert rows[2025]["direct"] == 200 and rows[2024]["direct"] == 50
    assert [
        (r["year"], r["enterprises_total"], r["jobs_total"]) for r in park_timeline(entries)
    ] == [
        (2024, 1, 50),
        (2025, 2, 250),
    ]


def test_driven_employment_from_project_results_stays_apart_from_direct_jobs(client_for, hq_a):
    from duikou.investment.tests.factories import party
    from duikou.projects.models import ResultIndicator
    from duikou.projects.pages import sample_project

    project = sample_project(party(), place())
    ResultIndicator.objects.create(
        project=project, indicator="带动就业", unit="人", achieved=Decimal(900)
    )
    lead(jobs_planned=10, jobs_created=10)
    rows = employment(Lead.objects.all(), ParkEntry.objects.none(), ResultIndicator.objects.all())
    by_year = {r["year"]: r for r in rows}
    assert by_year[2025]["direct"] == 10 and by_year[2025]["driven"] == 900
    page = client_for(hq_a).get(reverse("investment:employment")).content.decode()
    assert "带动就业" in page and 'data-testid="jobs-total"' in page


def test_head_counts_read_as_the_reports_write_them():
    assert approx_wan(37_186) == "3.7万"
    assert approx_wan(30_000) == "3万"
    assert approx_wan(700) == "700"


def test_a_park_page_shows_its_enterprises_over_time(client_for, recipient):
    park = Park.objects.create(code="T-PK2", name="伊宁县测试园区", place=place())
    ParkEntry.objects.create(
        park=park, enterprise=enterprise(), entered_on=dt.date(2023, 3, 1), jobs=40
    )
    page = client_for(recipient).get(park.get_absolute_url()).content.decode()
    assert 'data-testid="park-timeline"' in page and "2023" in page


def test_a_year_outside_the_calendar_is_bad_input_on_every_list(api, hq_a):
    client = api(hq_a)
    for url in ("leads", "events", "park-entries"):
        response = client.get(f"/api/v1/investment/{url}/?year=528699.3")
        assert response.status_code == 400 and "year" in response.json(), url
        assert client.get(f"/api/v1/investment/{url}/?year=2024").status_code == 200
