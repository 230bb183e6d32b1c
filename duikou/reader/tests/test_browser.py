"""End to end in Chromium: sign in, upload a seed text, a worker reads it, see the marks."""

from __future__ import annotations

import pytest

from duikou.reader.tests.helpers import SEED_000

pytestmark = [pytest.mark.browser, pytest.mark.worker]


def test_upload_a_seed_and_see_the_quantities(page, sign_in, task_worker):
    # The upload is queued; a real `duikou worker` process reads it; the page polls (htmx).
    sign_in("hq_jiangsu")
    page.goto("/reader/")
    page.set_input_files("input[type=file]", str(SEED_000))
    page.click("form[data-testid=reader-form] button[type=submit]")
    page.wait_for_url("**/reader/*/")
    try:
        page.wait_for_selector("#report-body[data-status=done]", timeout=30000)
    except Exception as exc:  # say where the job got to
        from duikou.reader.models import ReportDocument

        states = list(ReportDocument.objects.values_list("status", "error"))
        raise AssertionError(f"report not done in time; documents: {states}") from exc

    marks = page.locator("[data-testid=report-text] mark.dk-quantity")
    assert marks.count() >= 10
    hit = page.locator("mark.dk-quantity", has_text="3000余个").first
    assert hit.is_visible()
    assert "3,000" in (hit.get_attribute("title") or "")

    rows = page.locator("[data-testid=quantity-table] tbody tr")
    assert rows.count() == marks.count()

    # Filter the table by unit (htmx), then every row has that unit.
    page.select_option("[data-testid=unit-filter]", "所")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=quantity-table] tbody tr')]"
        ".every(tr => tr.dataset.unit === '所')"
    )
    assert 0 < rows.count() < marks.count()

    with page.expect_download() as download_info:
        page.click("[data-testid=export-xlsx]")
    assert download_info.value.suggested_filename.endswith(".xlsx")

    # The task page shows the finished run, its outcome and a link back to the report.
    page.click("[data-testid=document-task]")
    page.wait_for_selector("[data-testid=task-progress][data-state=done]")
    assert page.locator("[data-testid=task-bar]").inner_text() == "100%"
    assert page.locator("[data-testid=task-result]").is_visible()
