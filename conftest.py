"""Shared test fixtures: reference data loaded once, the fixed personas, a real browser."""

from __future__ import annotations

import os

import pytest

from duikou.demo.generators import DEMO_PASSWORD, DemoContext, make_oversight_office, make_users

PASSWORD = DEMO_PASSWORD


def load_base_data() -> None:
    from duikou.core.context import acting_as
    from duikou.pairings.services import load_reference
    from duikou.projects.services import ensure_standard_categories

    load_reference()
    ensure_standard_categories()
    with acting_as(None):
        ctx = DemoContext(scale="tiny", log=lambda m: None)
        make_oversight_office(ctx)
        make_users(ctx)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data and personas once per run; each test rolls its own changes back."""
    with django_db_blocker.unblock():
        load_base_data()


@pytest.fixture
def base_data(transactional_db):
    """For transactional (browser) tests, whose database is flushed after each test."""
    from duikou.places.models import Place

    if not Place.objects.exists():
        load_base_data()


def _user(username: str):
    from duikou.accounts.models import User

    return User.objects.get(username=username)


@pytest.fixture
def admin_user(db):
    return _user("admin")


@pytest.fixture
def coordinator(db):
    return _user("coordinator")


@pytest.fixture
def hq_a(db):
    """前方指挥部 of party A (江苏)."""
    return _user("hq_jiangsu")


@pytest.fixture
def wg_a(db):
    """工作组 of party A posted to 伊宁县."""
    return _user("wg_jiangsu_yining")


@pytest.fixture
def hq_b(db):
    """前方指挥部 of party B (北京)."""
    return _user("hq_beijing")


@pytest.fixture
def recipient(db):
    """受援地 user of 伊宁县."""
    return _user("recipient_yining")


@pytest.fixture
def client_for(client):
    """A test client signed in as the given user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(executable):
        pytest.fail(
            f"Chromium not found at {executable}: run `make browser` (apt-get install chromium)"
        )
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server, base_data):
    context = chromium.new_context(base_url=live_server.url, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def sign_in(page):
    def do(username: str, password: str = PASSWORD):
        page.goto("/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        return page

    return do


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path_factory):
    """Uploads made by tests go to a temporary folder, never into var/media."""
    settings.MEDIA_ROOT = str(tmp_path_factory.getbasetemp() / "media")


@pytest.fixture(autouse=True)
def reports_run_inline(request, settings):
    """Report-reader jobs run inline in tests; browser tests keep the background thread pool."""
    settings.REPORTS_RUN_INLINE = request.node.get_closest_marker("browser") is None
