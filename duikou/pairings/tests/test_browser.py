"""End to end in headless Chromium: sign in and open the pairing overview."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_hq_user_signs_in_and_sees_the_pairing_map_and_table(page, sign_in):
    page.goto("/")
    assert "登录" in page.title()
    sign_in("hq_jiangsu")
    assert page.url.endswith("/pairings/")
    page.wait_for_selector("[data-testid=pairing-map][data-ready=true]")
    assert page.locator("[data-testid=pairing-map] canvas").count() >= 1
    table = page.locator("[data-testid=pairing-table]")
    assert "江苏省" in table.inner_text() and "伊宁县" in table.inner_text()
    assert "对口关系总览" in page.content()


def test_choosing_a_party_narrows_the_table_without_reloading(page, sign_in):
    sign_in("hq_jiangsu")
    page.select_option("#party-filter", "110000")
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=pairing-table]').innerText.includes('伊宁县')"
    )
    assert "和田县" in page.locator("[data-testid=pairing-table]").inner_text()
    assert "party=110000" in page.url


def test_a_wrong_password_shows_a_chinese_error(page):
    page.goto("/accounts/login/")
    page.fill("#id_username", "hq_jiangsu")
    page.fill("#id_password", "wrong")
    page.click("button[type=submit]")
    assert "请输入一个正确的" in page.locator(".alert-danger").inner_text()
