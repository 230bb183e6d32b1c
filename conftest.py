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


@pytest.fixture
def api(db):
    """An API client authenticated with a DRF token of the given user."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def for_user(user) -> APIClient:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return for_user


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
def task_backend(request, settings):
    """Tasks run immediately in tests; a test marked `worker` uses the real database queue,
    run by a `duikou worker` process (the `run_worker` or `task_worker` fixture)."""
    real = request.node.get_closest_marker("worker") is not None
    backend = settings.TASK_BACKENDS["database" if real else "immediate"]
    settings.TASKS = {"default": {"BACKEND": backend}}


def _worker_command(*args: str) -> tuple[list[str], dict[str, str]]:
    """`python -m duikou worker …` against this test run's database (it must be committed:
    use `transactional_db`), with media files where the test keeps them."""
    import sys
    from pathlib import Path

    from django.conf import settings
    from django.db import connection

    params = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{params['NAME']}"
    else:
        auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
        url = f"postgres://{auth}@{params['HOST']}:{params['PORT'] or 5432}/{params['NAME']}"
    root = str(Path(__file__).resolve().parent)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DUIKOU_TASK_BACKEND": "database",
        "DUIKOU_VAR_DIR": str(Path(settings.MEDIA_ROOT).parent),
        "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
        "LOG_LEVEL": "WARNING",
    }
    return [sys.executable, "-m", "duikou", "worker", *args], env


@pytest.fixture
def run_worker(transactional_db):
    """Run `duikou worker --once` in a new process: every queued task, then it exits."""
    import subprocess

    def run(timeout: float = 60) -> subprocess.CompletedProcess:
        command, env = _worker_command("--once", "--interval", "0")
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
        assert done.returncode == 0, f"worker failed:\n{done.stdout}\n{done.stderr}"
        return done

    return run


@pytest.fixture
def task_worker(transactional_db):
    """A `duikou worker` process running beside the live server for the whole test."""
    import subprocess

    command, env = _worker_command("--interval", "0.2")
    process = subprocess.Popen(command, env=env)
    yield process
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
