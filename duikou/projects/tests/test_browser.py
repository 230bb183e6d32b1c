"""End to end in Chromium: import a file with an error, fix it, import, find the projects."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

HEADER = "code,name,aiding_party,place,category,plan_year,budget_aid\n"


def upload(page, content: str) -> None:
    page.goto("/projects/import/")
    page.set_input_files(
        "[data-testid=import-file]",
        files=[{"name": "projects.csv", "mimeType": "text/csv", "buffer": content.encode()}],
    )
    page.click("[data-testid=import-check]")
    page.wait_for_load_state("networkidle")


def test_importing_a_file_with_an_error_then_fixed_puts_the_projects_in_the_list(page, sign_in):
    sign_in("hq_jiangsu")
    page.goto("/projects/import/")
    with page.expect_download() as download:
        page.click("[data-testid=download-template]")
    assert download.value.suggested_filename.endswith(".xlsx")

    rows = "BR-0001,伊宁县幼儿园,320000,654021,教育,2025,1500000\n"
    broken = rows + "BR-0002,伊宁县卫生院,320000,654021,医疗卫生,2025,一百万\n"
    upload(page, HEADER + broken)
    errors = page.locator("[data-testid=import-errors] tr.table-danger")
    assert errors.count() == 1
    assert errors.first.locator("td").first.inner_text() == "3"
    assert "G" in errors.first.locator("td").nth(1).inner_text()  # the budget column

    fixed = rows + "BR-0002,伊宁县卫生院,320000,654021,医疗卫生,2025,1000000\n"
    upload(page, HEADER + fixed)
    assert page.locator("[data-testid=import-preview]").is_visible()
    page.click("[data-testid=import-confirm]")
    page.wait_for_load_state("networkidle")

    page.goto("/projects/?q=BR-")
    table = page.locator("[data-testid=project-table]")
    assert "BR-0001" in table.inner_text() and "BR-0002" in table.inner_text()
