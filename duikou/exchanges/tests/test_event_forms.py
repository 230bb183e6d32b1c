"""The small forms on an event's page (groups, figures, photos) fit their cards."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from duikou.exchanges.models import Event
from duikou.organisations.models import AidingParty
from duikou.places.models import Place

pytestmark = pytest.mark.django_db


def test_the_add_forms_on_an_events_page_are_styled_to_the_width_of_their_cards(
    client_for, hq_a
):
    event = Event.objects.create(
        code="EF-1",
        title="研学",
        kind="study",
        aiding_party=AidingParty.objects.get(code="320000"),
        place=Place.objects.get(code="654021"),
        start_date=dt.date(2025, 7, 1),
    )
    html = client_for(hq_a).get(event.get_absolute_url()).content.decode()
    forms = re.findall(r'<form[^>]*data-testid="add-child".*?</form>', html, re.S)
    assert len(forms) == 3
    for form in forms:
        for tag in re.findall(r"<(?:input|select)(?![^>]*type=\"(?:hidden|submit)\")[^>]*>", form):
            assert "form-control" in tag or "form-select" in tag, tag
