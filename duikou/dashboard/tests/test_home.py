"""The overview page a signed-in user lands on from the brand link."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_overview_shows_the_partys_places_for_its_headquarters(client_for, hq_a):
    text = client_for(hq_a).get("/").content.decode()
    assert "江苏省对口支援的地方" in text and "伊宁县" in text


def test_overview_needs_sign_in(client):
    assert client.get("/").status_code == 302
