"""A party's exchanges panel shows the latest year with records, not an empty calendar year."""

from __future__ import annotations

import datetime as dt

import pytest

from duikou.core.panels import latest_year
from duikou.exchanges.models import Event
from duikou.organisations.models import AidingParty
from duikou.places.models import Place


def test_the_panel_year_is_the_latest_year_with_records_up_to_this_year():
    assert latest_year({2019: 1, 2024: 5}, 2026) == 2024
    assert latest_year({2024: 5, 2030: 1}, 2026) == 2024
    assert latest_year({}, 2026) == 2026


@pytest.mark.django_db
def test_a_partys_exchanges_panel_shows_last_years_figures_before_this_years_come_in(
    client_for, hq_a
):
    last_year = dt.date.today().year - 1
    Event.objects.create(
        code="PY-1",
        title="去年的研学",
        kind="study",
        aiding_party=AidingParty.objects.get(code="320000"),
        place=Place.objects.get(code="654021"),
        start_date=dt.date(last_year, 7, 1),
        person_times=321,
    )
    html = client_for(hq_a).get("/organisations/parties/320000/").content.decode()
    assert f"{last_year}年交流活动" in html or f"Exchanges in {last_year}" in html
    assert 'data-figure="events">1<' in html
