"""Production settings: `duikou check --deploy` is clean with the shipped example settings;
every response carries a Content-Security-Policy that allows this site's assets only."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "deploy" / "duikou.env.example"


def _example_env() -> dict[str, str]:
    values = {}
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def test_check_deploy_is_clean_with_the_shipped_production_settings(tmp_path):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is the test run's, not production's.
    dropped = ("DEBUG", "SECRET_KEY_FILE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(_example_env())
    key = tmp_path / "secret_key"
    key.write_text(secrets.token_urlsafe(50))
    env.update(
        SECRET_KEY_FILE=str(key),
        DUIKOU_VAR_DIR=str(tmp_path),
        # The check reads no data: the test run's own database settings will do.
        DATABASE_URL=os.environ.get("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    done = subprocess.run(
        [sys.executable, "-m", "duikou", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_check_deploy_warns_when_the_production_settings_are_left_out(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG",)}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        DUIKOU_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    done = subprocess.run(
        [sys.executable, "-m", "duikou", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode != 0
    for warning in ("security.W004", "security.W012", "security.W016"):
        assert warning in done.stderr


@pytest.mark.django_db
def test_every_page_has_a_content_security_policy_allowing_only_this_site(client):
    for url in ("/healthz", "/accounts/login/", "/no-such-page/"):
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(
            (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
        )
        assert directives["default-src"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'none'"]
        for sources in directives.values():
            for source in sources:
                assert source in ("'self'", "'none'", "'unsafe-inline'", "data:", "blob:"), source
    assert policy == settings.CONTENT_SECURITY_POLICY
