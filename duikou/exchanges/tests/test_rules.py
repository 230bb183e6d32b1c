"""Bad exchange events are refused with a clear message on the form, the API and the import:
人次 fewer than 人, an end before the start."""

from __future__ import annotations

import pytest

from duikou.exchanges.columns import import_events
from duikou.exchanges.counts import ends_before_start, person_times_below_persons
from duikou.exchanges.models import Event
from duikou.projects.tests.test_import import csv_file

pytestmark = pytest.mark.django_db

HEADER = [
    "code",
    "title",
    "kind",
    "aiding_party",
    "place",
    "start_date",
    "end_date",
    "person_times",
    "persons",
]


def row(code="IMP-1", start="2025-05-01", end="2025-05-03", person_times="30", persons="20"):
    return [code, "伊宁县夏令营", "夏令营", "江苏省", "654021", start, end, person_times, persons]


def form_data(**over) -> dict:
    data = {
        "code": "FORM-1",
        "title": "伊宁县夏令营",
        "kind": "summer_camp",
        "aiding_party": "",
        "place": "",
        "start_date": "2025-05-01",
        "end_date": "2025-05-03",
        "person_times": "30",
        "persons": "20",
    }
    data.update(over)
    return data


@pytest.fixture
def refs(db):
    from duikou.organisations.models import AidingParty
    from duikou.places.models import Place

    return AidingParty.objects.get(code="320000"), Place.objects.get(code="654021")


def test_the_count_rules_are_plain_functions():
    import datetime as dt

    assert person_times_below_persons(5, 7) and not person_times_below_persons(7, 7)
    assert not person_times_below_persons(None, 7)
    assert ends_before_start(dt.date(2025, 5, 2), dt.date(2025, 5, 1))
    assert not ends_before_start(dt.date(2025, 5, 2), None)


def test_person_times_fewer_than_persons_are_refused_on_the_form(client_for, hq_a, refs):
    party, place = refs
    client = client_for(hq_a)
    response = client.post(
        "/exchanges/new/",
        form_data(aiding_party=party.pk, place=place.pk, person_times="10", persons="20"),
    )
    assert response.status_code == 200
    assert "人次不能少于人数" in response.content.decode() or "10" in response.content.decode()
    assert "person_times" in response.context["form"].errors
    assert not Event.objects.filter(code="FORM-1").exists()


def test_an_event_ending_before_it_starts_is_refused_on_the_form(client_for, hq_a, refs):
    party, place = refs
    response = client_for(hq_a).post(
        "/exchanges/new/", form_data(aiding_party=party.pk, place=place.pk, end_date="2025-04-30")
    )
    assert "end_date" in response.context["form"].errors
    assert not Event.objects.filter(code="FORM-1").exists()


def test_a_good_event_is_recorded_on_the_form(client_for, hq_a, refs):
    party, place = refs
    response = client_for(hq_a).post(
        "/exchanges/new/", form_data(aiding_party=party.pk, place=place.pk)
    )
    assert response.status_code == 302
    event = Event.objects.get(code="FORM-1")
    assert (event.person_times, event.persons, event.year) == (30, 20, 2025)


def api_event(**over) -> dict:
    data = {
        "code": "API-1",
        "title": "伊宁县研学",
        "kind": "study_tour",
        "aiding_party": "320000",
        "place": "654021",
        "start_date": "2025-05-01",
        "person_times": 30,
        "persons": 20,
    }
    data.update(over)
    return data


def test_person_times_fewer_than_persons_are_refused_on_the_api(api, hq_a):
    response = api(hq_a).post("/api/v1/exchange-events/", api_event(person_times=5), format="json")
    assert response.status_code == 400
    assert "person_times" in str(response.json())
    assert not Event.objects.filter(code="API-1").exists()


def test_an_event_ending_before_it_starts_is_refused_on_the_api(api, hq_a):
    response = api(hq_a).post(
        "/api/v1/exchange-events/", api_event(end_date="2025-04-01"), format="json"
    )
    assert response.status_code == 400
    assert "end_date" in str(response.json())


def test_the_api_records_an_event_with_co_organisers(api, hq_a):
    response = api(hq_a).post(
        "/api/v1/exchange-events/", api_event(partners=["110000"]), format="json"
    )
    assert response.status_code == 201, response.content
    assert list(Event.objects.get(code="API-1").partners.values_list("code", flat=True)) == [
        "110000"
    ]


def test_person_times_fewer_than_persons_are_refused_on_import(hq_a):
    result = import_events(
        "e.csv", csv_file(row(person_times="3"), header=HEADER), hq_a, commit=True
    )
    assert not result.ok and not Event.objects.exists()
    [error] = result.errors
    assert error.row == 2 and "3" in error.reason and "20" in error.reason


def test_an_event_ending_before_it_starts_is_refused_on_import(hq_a):
    result = import_events(
        "e.csv", csv_file(row(end="2025-04-01"), header=HEADER), hq_a, commit=True
    )
    assert not result.ok and not Event.objects.exists()
    assert "2025-04-01" in result.errors[0].reason


def test_an_imported_event_counts_in_its_partys_figures(hq_a):
    from duikou.exchanges.services import person_times_by_party_year
    from duikou.organisations.models import AidingParty

    result = import_events("e.csv", csv_file(row(), header=HEADER), hq_a, commit=True)
    assert result.ok, result.errors
    jiangsu = AidingParty.objects.get(code="320000")
    assert person_times_by_party_year()[(jiangsu.pk, 2025)] == 30


def test_a_participant_group_with_fewer_person_times_than_persons_is_refused(
    client_for, hq_a, refs
):
    from duikou.exchanges.pages import sample_event

    event = sample_event(*refs)
    client = client_for(hq_a)
    response = client.post(
        f"/exchanges/{event.pk}/add/group/",
        {"group": "教师", "side": "aiding", "persons": "9", "person_times": "4"},
        follow=True,
    )
    assert "4" in response.content.decode() and not event.groups.exists()
    client.post(
        f"/exchanges/{event.pk}/add/group/",
        {"group": "教师", "side": "aiding", "persons": "9", "person_times": "12"},
    )
    assert event.groups.get().person_times == 12


def test_an_imported_event_links_to_twinning_pairs_by_number(hq_a, refs):
    from duikou.twinning.pages import sample_pair

    pair = sample_pair(*refs)
    header = [*HEADER, "pairs"]
    result = import_events(
        "e.csv", csv_file([*row(), str(pair.pk)], header=header), hq_a, commit=True
    )
    assert result.ok, result.errors
    assert list(Event.objects.get(code="IMP-1").pairs.all()) == [pair]
    unknown = import_events(
        "e.csv", csv_file([*row(code="IMP-2"), "999999"], header=header), hq_a, commit=True
    )
    assert not unknown.ok and "999999" in unknown.errors[0].reason
