"""End to end in Chromium: type into the project form's place picker and choose a result."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_a_work_group_types_into_the_place_picker_and_chooses_a_place_in_its_county(page, sign_in):
    from duikou.places.models import Place
    from duikou.projects.models import Project

    county = Place.objects.get(code="654021")
    Place.objects.create(code="654021100", name="吉里于孜镇", level="township", parent=county)
    sign_in("wg_jiangsu_yining")
    page.goto("/projects/new/")
    page.fill("#id_code", "PICK-0001")
    page.fill("#id_name", "吉里于孜镇幼儿园")
    page.click("#id_place + .ts-wrapper .ts-control")
    page.keyboard.type("吉里")
    option = page.locator(".ts-dropdown .option", has_text="吉里于孜镇").first
    option.wait_for()
    assert "伊宁县" in option.inner_text()  # the hint names the county above it
    option.click()
    assert "吉里于孜镇" in page.locator("#id_place + .ts-wrapper .item").inner_text()

    page.select_option("#id_category", label="民生")
    page.fill("#id_plan_year", "2025")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    project = Project.objects.get(code="PICK-0001")
    assert (project.place.code, project.aiding_party.code) == ("654021100", "320000")
