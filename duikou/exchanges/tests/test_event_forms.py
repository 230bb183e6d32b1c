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


def test_an_events_and_a_trainings_start_date_reads_开始日期_not_a_projects_开工日期(
    client_for, hq_a
):
    from django.utils import translation

    from duikou.exchanges.columns import EVENTS
    from duikou.training.columns import SESSIONS

    client = client_for(hq_a)
    for url in ("/exchanges/new/", "/training/new/"):
        html = client.get(url).content.decode()
        assert "开始日期" in html and "开工日期" not in html, url
    with translation.override("zh-hans"):
        for table in (EVENTS, SESSIONS):
            labels = [str(c.label) for c in table.columns if c.key == "start_date"]
            assert labels == ["开始日期"]


def test_an_event_without_batches_sessions_or_lessons_shows_no_row_of_dashes_for_them(
    client_for, hq_a
):
    event = Event.objects.create(
        code="EF-2",
        title="书信交友",
        kind="letters",
        aiding_party=AidingParty.objects.get(code="320000"),
        place=Place.objects.get(code="654021"),
        start_date=dt.date(2025, 7, 1),
        person_times=50,
    )
    html = client_for(hq_a).get(event.get_absolute_url()).content.decode()
    assert 'data-testid="event-sessions"' not in html
    event.sessions = 3
    event.save()
    html = client_for(hq_a).get(event.get_absolute_url()).content.decode()
    assert 'data-testid="event-sessions"' in html


def test_an_import_page_is_headed_as_an_import_not_only_with_the_records_name(client_for, hq_a):
    html = client_for(hq_a).get("/training/import/").content.decode()
    assert re.search(r'data-testid="import-title">(导入 培训|Import )', html)
