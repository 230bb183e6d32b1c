"""The bad input of issue 9, refused on the form, the API and the import alike; and the
on-post helpers the teams app relies on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from duikou.core.imports import import_file
from duikou.personnel.choices import PostingStatus
from duikou.personnel.columns import PLANS, ROSTER, import_roster
from duikou.personnel.models import Person, Posting, RecruitmentPlan
from duikou.personnel.tests.helpers import (
    HOTAN,
    ROSTER_HEADER,
    csv_file,
    party,
    person,
    place,
    posting,
    roster_row,
)

pytestmark = pytest.mark.django_db


def form_data(who: Person, **over) -> dict:
    data = {
        "person": who.pk,
        "kind": "professional",
        "field": "teacher",
        "place": place(over.pop("place_code", "654021")).pk,
        "start": "2024-02-01",
        "end": "2027-01-31",
        "status": "on_post",
    }
    data.update(over)
    return data


def api_data(who: Person, **over) -> dict:
    data = {
        "person": who.pk,
        "kind": "professional",
        "field": "teacher",
        "place": over.pop("place_code", "654021"),
        "start": "2024-02-01",
        "end": "2027-01-31",
    }
    data.update(over)
    return data


def errors_of(result) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.reason) for e in result.errors]


# -- a term that ends before it starts --------------------------------------------------------
def test_a_term_ending_before_it_starts_is_refused_on_the_form(client_for, hq_a):
    who = person()
    response = client_for(hq_a).post(
        "/personnel/roster/new/", form_data(who, start="2024-02-01", end="2023-01-31")
    )
    assert response.status_code == 200
    assert "任期结束日期（2023-01-31）早于开始日期（2024-02-01）" in response.content.decode()
    assert not Posting.objects.filter(person=who).exists()


def test_a_term_ending_before_it_starts_is_refused_on_the_api(api, hq_a):
    who = person()
    response = api(hq_a).post(
        "/api/v1/personnel/postings/", api_data(who, end="2023-01-31"), format="json"
    )
    assert response.status_code == 400
    assert "早于开始日期" in str(response.json()["end"])


def test_a_term_ending_before_it_starts_is_refused_on_import(hq_a):
    content = csv_file(ROSTER_HEADER, roster_row("R-1", start="2024-02-01", end="2023-01-31"))
    result = import_roster("roster.csv", content, hq_a, commit=True)
    assert not result.written
    ((row, column, reason),) = errors_of(result)
    assert row == 2 and "早于开始日期" in reason
    assert not Person.objects.filter(code="R-1").exists()


# -- a posting outside the party's pairings -----------------------------------------------------
def test_a_posting_outside_the_pairings_is_refused_on_the_form_unless_a_reason_is_given(
    client_for, hq_a
):
    who = person()
    client = client_for(hq_a)
    refused = client.post("/personnel/roster/new/", form_data(who, place_code=HOTAN))
    assert "不是 江苏省 的结对地区" in refused.content.decode()
    assert not Posting.objects.filter(person=who).exists()
    accepted = client.post(
        "/personnel/roster/new/",
        form_data(who, place_code=HOTAN, cross_pairing_reason="全域协作：和田医疗支援"),
    )
    assert accepted.status_code == 302
    assert Posting.objects.get(person=who).place.code == HOTAN


def test_a_posting_outside_the_pairings_is_refused_on_the_api(api, hq_a):
    who = person()
    client = api(hq_a)
    response = client.post(
        "/api/v1/personnel/postings/", api_data(who, place_code=HOTAN), format="json"
    )
    assert response.status_code == 400
    assert "不是 江苏省 的结对地区" in str(response.json()["place"])
    with_reason = api_data(who, place_code=HOTAN, cross_pairing_reason="全域协作")
    assert client.post("/api/v1/personnel/postings/", with_reason, format="json").status_code == 201


def test_a_posting_outside_the_pairings_is_refused_on_import(hq_a):
    content = csv_file(
        ROSTER_HEADER,
        roster_row("R-2", place=HOTAN),
        roster_row("R-3", place=HOTAN, cross_pairing_reason="全域协作"),
    )
    result = import_roster("roster.csv", content, hq_a, commit=True)
    ((row, column, reason),) = errors_of(result)
    assert row == 2 and "不是 江苏省 的结对地区" in reason


# -- a person on post twice at once -------------------------------------------------------------
def test_overlapping_terms_of_one_person_are_refused_on_the_form(client_for, hq_a):
    earlier = posting(start=dt.date(2023, 2, 1), end=dt.date(2026, 1, 31))
    response = client_for(hq_a).post(
        "/personnel/roster/new/", form_data(earlier.person, start="2025-06-01", end="2028-01-31")
    )
    assert "任期不得重叠" in response.content.decode()
    assert earlier.person.postings.count() == 1


def test_overlapping_terms_of_one_person_are_refused_on_the_api(api, hq_a):
    earlier = posting()
    response = api(hq_a).post(
        "/api/v1/personnel/postings/",
        api_data(earlier.person, start="2025-06-01", end="2028-01-31"),
        format="json",
    )
    assert response.status_code == 400
    assert "任期不得重叠" in str(response.json()["start"])


def test_overlapping_terms_are_refused_on_import_against_the_records(hq_a):
    stored = posting(start=dt.date(2023, 2, 1), end=dt.date(2026, 1, 31))
    content = csv_file(
        ROSTER_HEADER, roster_row(stored.person.code, stored.person.name, start="2025-06-01")
    )
    result = import_roster("roster.csv", content, hq_a, commit=True)
    ((row, column, reason),) = errors_of(result)
    assert row == 2 and "任期不得重叠" in reason
    assert stored.person.postings.count() == 1


def test_overlapping_terms_of_one_person_within_one_file_are_refused(hq_a):
    content = csv_file(
        ROSTER_HEADER,
        roster_row("R-4", "李明", start="2024-02-01", end="2027-01-31"),
        roster_row("R-4", "李明", start="2026-02-01", end="2028-01-31"),
    )
    result = import_roster("roster.csv", content, hq_a, commit=True)
    ((row, column, reason),) = errors_of(result)
    assert row == 3 and "任期不得重叠" in reason and "第 2 行" in reason
    assert not Person.objects.filter(code="R-4").exists()


def test_a_term_after_an_early_return_may_start_the_day_of_return():
    earlier = posting(
        start=dt.date(2023, 2, 1),
        end=dt.date(2026, 1, 31),
        status=PostingStatus.RETURNED_EARLY,
        returned_on=dt.date(2024, 5, 1),
    )
    later = posting(earlier.person, start=dt.date(2024, 5, 1), end=dt.date(2025, 5, 1))
    assert later.pk


# -- recruitment plans --------------------------------------------------------------------------
def plan_form(**over) -> dict:
    data = {
        "title": "柔性引进",
        "aiding_party": party().pk,
        "place": place().pk,
        "kind": "flexible",
        "field": "doctor",
        "year": "2025",
        "planned": "10",
        "intent": "8",
        "arrived": "5",
    }
    data.update(over)
    return data


def test_a_plan_whose_arrived_exceeds_its_intent_is_refused_on_the_form(client_for, hq_a):
    response = client_for(hq_a).post("/personnel/plans/new/", plan_form(arrived="9"))
    assert "到岗人数（9）超过达成意向人数（8）。" in response.content.decode()
    response = client_for(hq_a).post("/personnel/plans/new/", plan_form(intent="11"))
    assert "达成意向人数（11）超过计划人数（10）。" in response.content.decode()
    assert not RecruitmentPlan.objects.exists()


def test_a_plan_whose_arrived_exceeds_its_intent_is_refused_on_the_api(api, hq_a):
    data = {
        "title": "柔性引进",
        "aiding_party": "320000",
        "place": "654021",
        "year": 2025,
        "planned": 10,
        "intent": 8,
        "arrived": 9,
    }
    response = api(hq_a).post("/api/v1/personnel/recruitment-plans/", data, format="json")
    assert response.status_code == 400
    assert "超过达成意向人数" in str(response.json()["arrived"])


def test_a_plan_whose_arrived_exceeds_its_intent_is_refused_on_import(hq_a):
    header = ["title", "aiding_party", "place", "year", "planned", "intent", "arrived"]
    content = csv_file(
        header,
        ["江苏柔性引才", "江苏省", "654021", "2025", "615", "468", "252"],
        ["超额", "江苏省", "654021", "2025", "10", "8", "9"],
    )
    result = import_file(PLANS, "plans.csv", content, hq_a, commit=True)
    ((row, column, reason),) = errors_of(result)
    assert row == 3 and "超过达成意向人数" in reason
    assert not RecruitmentPlan.objects.exists()


def test_a_plan_moves_from_planned_to_intent_to_arrived(hq_a):
    from duikou.personnel.services import RECRUITMENT

    plan = RecruitmentPlan.objects.create(
        title="x", aiding_party=party(), place=place(), year=2025, planned=615
    )
    with pytest.raises(Exception, match="达成意向"):
        RECRUITMENT.move(plan, "intent", hq_a)
    plan.intent = 468
    plan.save()
    plan = RECRUITMENT.move(plan, "intent", hq_a)
    plan.arrived = 252
    plan.save()
    plan = RECRUITMENT.move(plan, "arrived", hq_a)
    assert plan.status == "arrived"


# -- on post ------------------------------------------------------------------------------------
def test_on_post_counts_terms_covering_the_date_and_not_after_an_early_return():
    stays = posting(start=dt.date(2023, 2, 1), end=dt.date(2026, 1, 31))
    left = posting(
        start=dt.date(2023, 2, 1),
        end=dt.date(2026, 1, 31),
        status=PostingStatus.RETURNED_EARLY,
        returned_on=dt.date(2024, 1, 1),
    )
    on = dt.date(2024, 6, 1)
    assert set(Posting.objects.on_post(on)) == {stays}
    assert set(Person.objects.on_post(on)) == {stays.person}
    assert set(Posting.objects.on_post(dt.date(2023, 6, 1))) == {stays, left}
    assert left.person.on_post_during(dt.date(2023, 12, 1), dt.date(2024, 3, 1))
    assert not left.person.on_post_during(dt.date(2024, 1, 1), dt.date(2024, 3, 1))
    assert not stays.person.on_post_during(dt.date(2026, 2, 1), dt.date(2026, 3, 1))


def test_the_roster_import_finds_persons_by_number_and_links_a_repeat_term(hq_a):
    first = posting(start=dt.date(2021, 2, 1), end=dt.date(2024, 1, 31))
    content = csv_file(
        ROSTER_HEADER,
        roster_row(first.person.code, first.person.name, start="2024-02-01"),
        roster_row("R-9", "王芳"),
    )
    result = import_roster("roster.csv", content, hq_a, commit=True)
    assert result.written, errors_of(result)
    repeat = first.person.postings.get(start=dt.date(2024, 2, 1))
    assert repeat.previous == first
    new = Person.objects.get(code="R-9")
    assert new.name == "王芳" and new.place.code == "654021"
    assert new.aiding_party.code == "320000"


def test_the_roster_import_refuses_a_number_that_names_someone_else(hq_a):
    stored = person(name="赵强")
    content = csv_file(ROSTER_HEADER, roster_row(stored.code, "钱多"))
    result = import_roster("roster.csv", content, hq_a, commit=False)
    ((row, column, reason),) = errors_of(result)
    assert "赵强" in reason and "钱多" in reason


def test_a_previewed_roster_writes_nobody(hq_a):
    result = import_roster(
        "roster.csv", csv_file(ROSTER_HEADER, roster_row("R-10")), hq_a, commit=False
    )
    assert result.ok
    assert not Person.objects.filter(code="R-10").exists()


def test_the_model_refuses_a_batch_of_another_party():
    from duikou.personnel.models import Batch

    beijing = Batch.objects.create(
        aiding_party=party("110000"), number=10, start=dt.date(2022, 1, 1), end=dt.date(2025, 1, 1)
    )
    with pytest.raises(ValidationError, match="其他援助方"):
        posting(batch=beijing)


def test_the_roster_table_exports_what_it_imports():
    keys = {c.key for c in ROSTER.import_columns}
    assert {"person.code", "person.name", "place", "start", "end"} <= keys


def test_a_person_with_terms_keeps_the_party_that_sent_them():
    p = posting()
    who = Person.objects.get(pk=p.person_id)
    who.aiding_party = party("110000")
    with pytest.raises(ValidationError, match="援助方"):
        who.full_clean()


def test_persons_and_batches_import_for_the_own_party_only(hq_a, hq_b):
    from duikou.personnel.columns import BATCHES, PERSONS
    from duikou.personnel.models import Batch

    people = csv_file(["aiding_party", "code", "name"], ["江苏省", "P-1", "陈静"])
    assert not import_file(PERSONS, "p.csv", people, hq_b, commit=True).written
    assert import_file(PERSONS, "p.csv", people, hq_a, commit=True).written
    assert Person.objects.get(code="P-1").aiding_party.code == "320000"
    batches = csv_file(
        ["aiding_party", "number", "start", "end"], ["江苏省", "12", "2028-02-01", "2027-01-31"]
    )
    result = import_file(BATCHES, "b.csv", batches, hq_a, commit=True)
    ((row, column, reason),) = errors_of(result)
    assert "批次结束日期早于开始日期" in reason
    assert not Batch.objects.filter(number=12).exists()
