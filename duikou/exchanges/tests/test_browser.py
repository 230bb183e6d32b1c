"""End to end in Chromium: record an exchange event through the page, see it on the party's."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.browser


def test_an_event_recorded_through_the_page_is_counted_on_the_party_page(page, sign_in):
    from duikou.exchanges.models import Event
    from duikou.organisations.models import AidingParty

    sign_in("wg_jiangsu_yining")
    page.goto("/exchanges/new/")
    page.fill("#id_code", "BR-EX-1")
    page.fill("#id_title", "伊宁县青少年研学")
    page.select_option("#id_kind", "study_tour")
    page.fill("#id_start_date", dt.date.today().isoformat())
    page.click("#id_place + .ts-wrapper .ts-control")
    page.keyboard.type("伊宁县")
    page.locator(".ts-dropdown .option", has_text="伊宁县").first.click()
    page.fill("#id_person_times", "45")
    page.fill("#id_persons", "30")
    page.fill("#id_beneficiaries", "200")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    event = Event.objects.get(code="BR-EX-1")
    assert (event.aiding_party.code, event.place.code) == ("320000", "654021")

    page.goto(AidingParty.objects.get(code="320000").get_absolute_url())
    panel = page.locator("[data-testid=exchanges-panel]")
    assert panel.locator("[data-figure=events]").inner_text() == "1"
    assert panel.locator("[data-figure=person_times]").inner_text() == "45"
    assert panel.locator("[data-figure=beneficiaries]").inner_text() == "200"
    page.locator("[data-testid=exchanges-panel] [data-chart][data-ready=true]").wait_for()
