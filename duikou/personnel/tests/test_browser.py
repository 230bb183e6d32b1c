"""End to end in Chromium: a roster with one bad row, its error by row and column, fixed,
imported, and the people counted on the party page."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.browser

HEADER = "aiding_party,person.code,person.name,kind,field,place,start,end\n"


def upload(page, content: str) -> None:
    page.goto("/personnel/roster/import/")
    page.set_input_files(
        "[data-testid=import-file]",
        files=[{"name": "roster.csv", "mimeType": "text/csv", "buffer": content.encode()}],
    )
    page.click("[data-testid=import-check]")
    page.wait_for_load_state("networkidle")


def test_a_roster_with_a_bad_row_fixed_and_imported_counts_the_people_on_the_party_page(
    page, sign_in
):
    today = dt.date.today()
    start, end = today - dt.timedelta(days=30), today + dt.timedelta(days=700)
    good = (
        f"320000,BR-001,周敏,专业技术人才,教师,654021,{start},{end}\n"
        f"320000,BR-002,吴磊,党政干部,党政管理,654021,{start},{end}\n"
    )
    sign_in("hq_jiangsu")
    page.goto("/organisations/parties/320000/")
    before = int(page.locator("[data-testid=party-people-total]").inner_text())

    bad = (
        good
        + f"320000,BR-003,郑洋,专业技术人才,医生,654021,{start},{start - dt.timedelta(days=1)}\n"
    )
    upload(page, HEADER + bad)
    errors = page.locator("[data-testid=import-errors] tr.table-danger")
    assert errors.count() == 1
    assert errors.first.locator("td").first.inner_text() == "4"
    assert "H" in errors.first.locator("td").nth(1).inner_text()  # the term end column
    assert "早于开始日期" in errors.first.inner_text()

    fixed = good + f"320000,BR-003,郑洋,专业技术人才,医生,654021,{start},{end}\n"
    upload(page, HEADER + fixed)
    assert page.locator("[data-testid=import-preview]").is_visible()
    page.click("[data-testid=import-confirm]")
    page.wait_for_load_state("networkidle")

    page.goto("/organisations/parties/320000/")
    assert int(page.locator("[data-testid=party-people-total]").inner_text()) == before + 3
    assert page.locator("#party-people-chart canvas").count() == 1
    page.goto("/personnel/roster/?party=320000")
    assert "郑洋" in page.content()
