"""An event's page: photos only for those who may see the event; the place page's panel."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from duikou.exchanges.models import Event

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def event(db):
    from duikou.organisations.models import AidingParty
    from duikou.places.models import Place

    return Event.objects.create(
        code="PG-1",
        title="伊宁县文艺演出",
        kind="performance",
        aiding_party=AidingParty.objects.get(code="320000"),
        place=Place.objects.get(code="654021"),
        start_date=dt.date.today(),
        person_times=300,
        persons=120,
        beneficiaries=2000,
    )


def test_a_photo_added_to_an_event_is_served_only_to_those_who_may_see_it(
    client_for, wg_a, hq_b, event
):
    client = client_for(wg_a)
    client.post(
        f"/exchanges/{event.pk}/add/photo/",
        {"title": "演出现场", "file": SimpleUploadedFile("stage.png", PNG, "image/png")},
    )
    photo = event.photos.get()
    assert client.get(f"/exchanges/photos/{photo.pk}/").status_code == 200
    assert client_for(hq_b).get(f"/exchanges/photos/{photo.pk}/").status_code == 404


def test_a_figure_in_its_own_unit_is_shown_on_the_events_page(client_for, hq_a, event):
    client = client_for(hq_a)
    client.post(
        f"/exchanges/{event.pk}/add/measure/", {"label": "节目", "quantity": "12", "unit": "个"}
    )
    assert "节目 12个" in client.get(event.get_absolute_url()).content.decode()


def test_the_place_page_counts_the_events_held_at_or_below_it(
    client_for, recipient, coordinator, event
):
    from duikou.places.models import Place

    prefecture = Place.objects.get(code="654000")
    for user, place in ((recipient, event.place), (coordinator, prefecture)):
        html = client_for(user).get(place.get_absolute_url()).content.decode()
        panel = html.split('data-testid="exchanges-panel"', 1)[1]
        assert re.search(r'data-figure="person_times">300<', panel)
        assert re.search(r'data-figure="beneficiaries">2000<', panel)


def test_the_pair_picker_finds_a_pair_by_either_sides_name_own_party_first(client_for, wg_a):
    from duikou.organisations.models import AidingParty
    from duikou.places.models import Place
    from duikou.twinning.pages import sample_pair

    county = Place.objects.get(code="654021")
    ours = sample_pair(AidingParty.objects.get(code="320000"), county)
    theirs = sample_pair(AidingParty.objects.get(code="110000"), county)
    results = client_for(wg_a).get("/pick/pair/", {"q": "样例", "for": "record"}).json()["results"]
    values = [r["value"] for r in results]
    assert values.index(str(ours.pk)) < values.index(str(theirs.pk))
    assert "江苏" in results[0]["hint"]


def test_an_event_form_links_a_twinning_pair(client_for, hq_a, event):
    from duikou.twinning.pages import sample_pair

    pair = sample_pair(event.aiding_party, event.place)
    client = client_for(hq_a)
    form = client.get(f"/exchanges/{event.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k not in ("pairs",)}
    data.update(
        {
            "partners": [],
            "projects": [],
            "pairs": [pair.pk],
            "start_date": "2025-06-01",
            "expected_version": event.version,
        }
    )
    response = client.post(f"/exchanges/{event.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    assert list(Event.objects.get(pk=event.pk).pairs.all()) == [pair]
