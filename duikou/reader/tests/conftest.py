"""Report-reader tests keep uploaded files in a temporary media folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def reports_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
