"""End to end in Chromium: move a lead from 洽谈 to 签约 with a date and an amount, and see
the funnel (chart and table) change."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def funnel_state(page) -> tuple[str, str, str]:
    page.goto("/investment/?party=320000")
    chart = page.locator("[data-testid=funnel-chart][data-ready=true]")
    chart.wait_for()
    return (
        page.locator("[data-testid=funnel-reached-signed]").inner_text(),
        page.locator("[data-testid=funnel-at-amount-signed]").inner_text(),
        chart.get_attribute("data-values"),
    )


def test_signing_a_lead_moves_it_down_the_funnel(page, sign_in):
    from duikou.investment.tests.factories import lead

    obj = lead(name="伊宁县纺织服装项目")
    sign_in("hq_jiangsu")
    assert funnel_state(page) == ("0", "0.00", "1,0,0,0")

    page.goto(obj.get_absolute_url())
    page.click("[data-testid=move-signed-form] summary")
    form = page.locator("[data-testid=move-signed-form] form")
    form.locator("input[name=date]").fill("2025-04-18")
    form.locator("input[name=amount]").fill("12500000")
    page.click("[data-testid=move-signed]")
    page.wait_for_load_state("networkidle")
    assert "签约" in page.locator("[data-testid=lead-stage]").inner_text()

    assert funnel_state(page) == ("1", "1,250.00", "1,1,0,0")
