"""End to end in Chromium with a worker: a 20,000-row file checked and imported as tasks."""

from __future__ import annotations

import contextlib
import re
import time

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.worker]

ROWS = 20_000


def project_file() -> bytes:
    head = "code,name,aiding_party,place,category,plan_year,budget_aid\n"
    line = "BT-{0:05d},伊宁县项目{0},320000,654021,教育,2025,1500000\n"
    return (head + "".join(line.format(i) for i in range(ROWS))).encode()


def follow_the_bar(page, done_selector: str, timeout: float = 120) -> list[int]:
    """The percentages the task page's bar shows until `done_selector` appears."""
    seen: list[int] = []
    # The bar polls its fragment every second; a quiet machine checks 20,000 rows in about as
    # long, so the fragment the bar polls is also read here every 100 ms.
    fragment = page.url.rstrip("/") + "/progress/"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            polled = re.search(r'data-testid="task-bar">(\d+)%', page.request.get(fragment).text())
            if polled and 0 < int(polled.group(1)) < 100:
                seen.append(int(polled.group(1)))
        try:
            if page.locator(done_selector).count():
                seen.append(int(page.inner_text("[data-testid=task-bar]", timeout=2000)[:-1]))
                return seen
            text = page.inner_text("[data-testid=task-bar]", timeout=2000)
        except Exception:  # the page is reloading to show the outcome
            continue
        value = int(text.rstrip("%"))
        if not seen or seen[-1] != value:
            seen.append(value)
        page.wait_for_timeout(100)
    raise AssertionError(f"the task did not end; the bar showed {seen}")


def test_a_20k_row_import_shows_its_progress_preview_and_lands_in_the_list(
    page, sign_in, task_worker
):
    sign_in("hq_jiangsu")
    page.goto("/projects/import/")
    page.set_input_files(
        "[data-testid=import-file]",
        files=[{"name": "projects.csv", "mimeType": "text/csv", "buffer": project_file()}],
    )
    page.click("[data-testid=import-check]")
    page.wait_for_url(re.compile(r"/tasks/\d+/$"))

    seen = follow_the_bar(page, "[data-testid=import-preview]")
    assert any(0 < value < 100 for value in seen), seen  # it moved while the rows were checked
    assert seen[-1] == 100
    preview = page.locator("[data-testid=import-preview] h2").inner_text()
    assert str(ROWS) in preview

    page.click("[data-testid=import-confirm]")
    page.wait_for_url(re.compile(r"/tasks/\d+/$"))
    follow_the_bar(page, "[data-testid=task-result]")
    page.click("[data-testid=task-result]")
    page.wait_for_url(re.compile(r"/projects/"))
    page.goto("/projects/?q=BT-19999")
    assert "BT-19999" in page.locator("[data-testid=project-table]").inner_text()
