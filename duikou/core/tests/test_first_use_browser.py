"""A new user's first walk, as each demo role, in headless Chromium on the demo's own data
(tiny scale): every menu entry the role is shown opens without 403 or 500, without a console
error or a failed asset, without English left on the Chinese page, and without a page wider
than a 1,024 px tablet screen."""

from __future__ import annotations

import pytest

from duikou.core.testkit import untranslated

pytestmark = pytest.mark.browser

ROLES = [
    "admin",
    "coordinator",
    "hq_jiangsu",
    "wg_jiangsu_yining",
    "hq_beijing",
    "recipient_yining",
]


@pytest.fixture
def tiny_demo(base_data):
    from duikou.demo.generators import generate

    generate("tiny", log=lambda message: None)


@pytest.mark.parametrize("username", ROLES)
def test_each_role_walks_every_menu_entry_it_is_shown_without_a_stumble(
    username, tiny_demo, page, sign_in
):
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"script: {e}"))
    page.on(
        "response",
        lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"),
    )
    page.set_viewport_size({"width": 1024, "height": 768})
    sign_in(username)
    menu = page.eval_on_selector_all(
        "aside a.nav-link", "links => links.map(a => a.getAttribute('href'))"
    )
    assert len(menu) >= 5
    for url in menu:
        response = page.goto(url)
        page.wait_for_load_state("networkidle")
        assert response is not None and response.status == 200, (url, response and response.status)
        english = untranslated(page.content(), names=[username])
        if english:
            problems.append(f"English on {url}: {english}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 1024:
            problems.append(f"{url} is {width} px wide in a 1,024 px window")
    assert problems == []
