"""The seeds' figures come out of the platform's pages, computed from the demo records."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from duikou.investment.models import Lead, ParkEntry


def cell(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}">([^<]*)<', html)
    assert match, testid
    return match.group(1).strip()


@pytest.mark.django_db
def test_shandong_2020_funnel_is_270_talks_50_signed_17_started_17_in_production(
    investment_demo, client_for, coordinator
):
    """ "共对接洽谈项目270个，已建成投产项目17个，投资总额4.23亿元；开工建设项目17个，投资总额
    16.24亿元；签约落地项目50个，投资总额126.82亿元": 270 leads reached 洽谈; the 50 / 17 / 17
    are the leads now at 签约 / 开工 / 投产, with their stage's amounts (万元)."""
    html = client_for(coordinator).get(
        reverse("investment:funnel"), {"party": "山东", "year": 2020}
    )
    html = html.content.decode()
    assert cell(html, "funnel-reached-talks") == "270"
    assert cell(html, "funnel-at-signed") == "50"
    assert cell(html, "funnel-at-amount-signed") == "1,268,200.00"
    assert cell(html, "funnel-at-started") == "17"
    assert cell(html, "funnel-at-amount-started") == "162,400.00"
    assert cell(html, "funnel-at-producing") == "17"
    assert cell(html, "funnel-at-amount-producing") == "42,300.00"


@pytest.mark.django_db
def test_the_cumulative_funnel_counts_every_lead_that_reached_a_stage(
    investment_demo, client_for, coordinator
):
    """Reached ≥ stage: 签约 84 (50 + 17 + 17), 开工 34, 投产 17; 投产's 累计投资 is 4.23亿."""
    html = client_for(coordinator).get(
        reverse("investment:funnel"), {"party": "370000", "year": 2020}
    )
    html = html.content.decode()
    assert cell(html, "funnel-reached-signed") == "84"
    assert cell(html, "funnel-reached-started") == "34"
    assert cell(html, "funnel-reached-producing") == "17"
    assert cell(html, "funnel-reached-amount-producing") == "42,300.00"


@pytest.mark.django_db
def test_shandong_promotion_events_are_four_on_site_and_three_key_project_meetings(
    investment_demo, client_for, coordinator
):
    response = client_for(coordinator).get(
        reverse("investment_events:list"), {"party": "山东", "year": 2020, "export": "csv"}
    )
    import csv
    import io

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    from duikou.investment.columns import EVENTS

    city = str(EVENTS.column("city").label)
    column = next(i for i, h in enumerate(header) if h.startswith(city))
    rows = [r for r in rows if r and r[0] not in ("合计", "Total")]
    cities = [r[column] for r in rows]
    assert len(rows) == 7
    assert cities.count("乌鲁木齐") + cities.count("喀什") == 4
    assert cities.count("济南") + cities.count("青岛") == 3


@pytest.mark.django_db
def test_shandong_parks_have_593_enterprises_and_37_thousand_jobs(
    investment_demo, client_for, coordinator
):
    """ "9个特色园区…园区共实现入驻企业593家，吸纳就业3.7万余人", on the parks list."""
    html = client_for(coordinator).get(reverse("investment_parks:list"), {"party": "山东"})
    text = html.content.decode()
    totals = re.search(r'data-testid="park-totals">([^<]*)<', text).group(1)
    assert "9" in totals and "593" in totals and "3.7万" in totals


@pytest.mark.django_db
def test_the_hotan_textile_park_page_shows_700_jobs_of_3000_planned(
    investment_demo, client_for, hq_b
):
    lead = Lead.objects.get(code="BJ-2023-001")
    assert (lead.jobs_planned, lead.jobs_created, lead.expected_output) == (
        3000,
        700,
        Decimal("3000000000.00"),
    )
    html = client_for(hq_b).get(lead.park.get_absolute_url()).content.decode()
    assert "700" in re.search(r'data-testid="park-totals">([^<]*)<', html).group(1)
    page = client_for(hq_b).get(lead.get_absolute_url()).content.decode()
    assert "3000" in page and "300,000.00" in page  # planned jobs; 30亿元 output in 万元


@pytest.mark.django_db
def test_jiangsu_brought_lianfa_textiles_to_21_enterprises_mostly_as_cross_pairing_work(
    investment_demo,
):
    lianfa = Lead.objects.filter(code__startswith="JS-2023-LF")
    assert lianfa.count() == 21
    assert lianfa.values("enterprise").distinct().count() == 21
    assert lianfa.filter(is_cross_pairing=True).count() > 10


@pytest.mark.django_db
def test_every_demo_record_obeys_the_models_rules(investment_demo):
    for lead in Lead.objects.all():
        lead.full_clean()
    for entry in ParkEntry.objects.select_related("park", "lead")[:50]:
        entry.full_clean()
