"""Co-organising parties are credited with an event: they read it, count it once, not edit it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Sum

from duikou.exchanges.models import Event
from duikou.organisations.models import AidingParty
from duikou.places.models import Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def co_organised(db):
    event = Event.objects.create(
        code="CR-1",
        title="京苏联合研学",
        kind="study",
        aiding_party=AidingParty.objects.get(code="320000"),
        place=Place.objects.get(code="654021"),
        start_date=dt.date(2025, 7, 1),
        person_times=100,
    )
    event.partners.add(*AidingParty.objects.filter(code__in=["110000", "310000"]))
    return event


def test_a_co_organising_partys_headquarters_reads_the_event_it_is_credited_with(
    client_for, hq_b, co_organised
):
    assert client_for(hq_b).get(co_organised.get_absolute_url()).status_code == 200
    assert list(Event.objects.visible_to(hq_b)) == [co_organised]


def test_a_co_organising_party_may_not_change_the_event(client_for, hq_b, co_organised):
    assert not Event.objects.editable_by(hq_b).exists()
    assert client_for(hq_b).get(f"/exchanges/{co_organised.pk}/edit/").status_code in (403, 404)


def test_an_event_credited_to_several_parties_is_summed_once_for_a_credited_reader(
    hq_b, co_organised
):
    visible = Event.objects.visible_to(hq_b)
    assert visible.count() == 1
    assert visible.aggregate(n=Sum("person_times"))["n"] == 100
    assert list(visible.values_list("kind").annotate(n=Sum("person_times"))) == [("study", 100)]
