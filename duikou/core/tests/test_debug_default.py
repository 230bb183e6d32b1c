"""DEBUG is off unless asked for: visitors see the Chinese error pages, never Django's own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[3]


def settings_value(expression: str, **env: str) -> str:
    """A value of duikou.settings as a fresh process with only `env` set would load it."""
    environment = {
        k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "SECRET_KEY_FILE")
    }
    environment.update(PYTHONPATH=str(ROOT), DJANGO_SETTINGS_MODULE="duikou.settings", **env)
    result = subprocess.run(
        [sys.executable, "-c", f"from django.conf import settings; print({expression})"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    return (result.stdout or result.stderr).strip()


@pytest.mark.django_db
def test_a_mistyped_url_shows_the_chinese_404_page_not_the_url_list(client):
    default = settings_value("settings.DEBUG", SECRET_KEY="k")
    assert default in ("True", "False")
    with override_settings(DEBUG=default == "True"):
        response = client.get("/projectz/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    page = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in page
    assert "URLconf" not in page and "api/v1/" not in page


def test_without_debug_a_secret_key_is_required():
    assert "SECRET_KEY" in settings_value("settings.SECRET_KEY")
    assert "ConfigurationError" in settings_value("settings.SECRET_KEY")


def test_a_secret_key_can_be_kept_in_a_file(tmp_path):
    key = tmp_path / "secret_key"
    key.write_text("kept-in-a-file\n")
    assert settings_value("settings.SECRET_KEY", SECRET_KEY_FILE=str(key)) == "kept-in-a-file"


@pytest.mark.django_db
def test_static_files_are_served_with_debug_off(client):
    with override_settings(DEBUG=False):
        response = client.get("/static/css/duikou.css")
    assert response.status_code == 200
